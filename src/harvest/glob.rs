//! Path globs for the rules file, as `.gitignore` writes them: `*` and `?`
//! within one folder name, `**` across folders, and a pattern without a `/`
//! matched against the file's name in any folder. Ten lines of matching do
//! what a glob crate would, without its regex engine in the binary.

/// Whether `path` (with `/`) matches `pattern`.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_start_matches("./");
    if pattern.contains('/') {
        let pattern = pattern.trim_start_matches('/');
        let parts: Vec<&str> = pattern.split('/').collect();
        let names: Vec<&str> = path.split('/').collect();
        segments(&parts, &names)
    } else {
        path.rsplit('/').next().is_some_and(|name| name_matches(pattern, name))
    }
}

/// Folder names against pattern segments; `**` takes any number of names.
fn segments(parts: &[&str], names: &[&str]) -> bool {
    match parts.split_first() {
        None => names.is_empty(),
        Some((&"**", rest)) => (0..=names.len()).any(|skip| segments(rest, &names[skip..])),
        Some((part, rest)) => {
            names.split_first().is_some_and(|(name, others)| name_matches(part, name) && segments(rest, others))
        }
    }
}

/// One name against one segment: `*` any run of characters, `?` one.
fn name_matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, n));
            p += 1;
        } else if let Some((sp, sn)) = star {
            p = sp + 1;
            n = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn globs_match_as_gitignore_writes_them() {
        let cases = [
            ("*.rs", "src/main.rs", true),
            ("*.rs", "main.rs", true),
            ("*.rs", "src/main.rsx", false),
            ("src/*.rs", "src/main.rs", true),
            ("src/*.rs", "src/a/main.rs", false),
            ("src/**", "src/a/b/c.txt", true),
            ("src/**/*.rs", "src/main.rs", true),
            ("src/**/*.rs", "src/a/b/main.rs", true),
            ("**/ci/*.yml", "x/y/ci/build.yml", true),
            ("docs/**", "doc/x.md", false),
            ("Dockerfile", "deploy/Dockerfile", true),
            ("te?t.md", "test.md", true),
            ("t?st.md", "tëst.md", true),
            ("/src/*.rs", "src/main.rs", true),
            ("*", "anything/at/all", true),
        ];
        for (pattern, path, expected) in cases {
            assert_eq!(matches(pattern, path), expected, "{pattern} against {path}");
        }
    }
}
