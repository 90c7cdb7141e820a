//! The seed corpus: the shipped files of a target's format, and the code
//! blocks of that language in the format documentation.

use std::path::{Path, PathBuf};

use crate::support::repo;

/// The folders whose files seed the corpus, searched recursively.
const FOLDERS: &[&str] = &["assessments", "ladders", "tests/fixtures", "docs"];

/// Every seed for files ending in `.extension`: whole files, and fenced
/// code blocks of that language in Markdown files.
pub fn seeds(extension: &str) -> Vec<Vec<u8>> {
    let files: Vec<PathBuf> = FOLDERS.iter().flat_map(|folder| files(&repo(folder))).collect();
    let mut seeds = Vec::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        match file.extension().and_then(|e| e.to_str()) {
            Some(e) if e == extension => seeds.push(text.into_bytes()),
            Some("md") => seeds.extend(code_blocks(&text, extension)),
            _ => {}
        }
    }
    assert!(!seeds.is_empty(), "no .{extension} seeds found under {FOLDERS:?}");
    seeds
}

/// Every file under `folder`, sorted.
pub fn files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    walk(folder, &mut found);
    found.sort();
    found
}

fn walk(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(listing) = std::fs::read_dir(folder) else { return };
    for entry in listing.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// The fenced code blocks of one language in a Markdown text.
fn code_blocks(markdown: &str, language: &str) -> Vec<Vec<u8>> {
    let fence = format!("```{language}\n");
    markdown
        .split(fence.as_str())
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .map(|block| block.as_bytes().to_vec())
        .collect()
}
