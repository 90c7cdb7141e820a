//! Sealed records: the standard `age` format, encrypted to exactly the
//! people a record is for, and opened with the user's own identity.
//!
//! A sealed file is an age file whose plain text is one line naming its
//! readers (`{"readers":[{"name":…,"key":…},…]}`), then the record's JSON as
//! it would be written unsealed. The `age` tool opens it with any of the
//! readers' identities. Nothing here knows what a record holds or who
//! should read it: the store decides the readers ([`crate::store::readers`]).
//!
//! The identity is looked for once per run, and only when a sealed file is
//! met: `--identity FILE`, else `RUNGS_IDENTITY`, else
//! `~/.config/rungs/identity.txt` (made by `rungs keygen`), else
//! `~/.ssh/id_ed25519`, else `~/.ssh/id_rsa`. A file that is not for the
//! user's key is never an error: it is counted, and the count said once
//! ([`unopened_note`]).

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How every age file starts.
pub const MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// The environment variable naming the identity file.
pub const IDENTITY_ENV: &str = "RUNGS_IDENTITY";

/// The largest plain text a sealed file may open to: 16 MiB, the bound of every file.
const MAX_PLAIN: u64 = 16 * 1024 * 1024;

/// The largest identity file read: far more than any key.
const MAX_IDENTITY: u64 = 64 * 1024;

/// Whether `bytes` are an age file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// One reader of a sealed record: a person of the roster and one of their keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Reader {
    /// The person's name, as the roster has it (or `you` for a key of the user's own).
    pub name: String,
    /// The public key: `age1…`, `ssh-ed25519 …` or `ssh-rsa …`.
    pub key: String,
}

/// The first line of a sealed record's plain text.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    readers: Vec<Reader>,
}

/// A public key as age takes it.
///
/// # Errors
/// A key that is neither an age (`age1…`) nor an SSH (`ssh-ed25519`,
/// `ssh-rsa`) public key, with why.
pub fn recipient(key: &str) -> std::result::Result<Box<dyn age::Recipient + Send>, String> {
    let key = key.trim();
    if key.starts_with("age1") {
        age::x25519::Recipient::from_str(key).map(|r| Box::new(r) as _).map_err(ToString::to_string)
    } else if key.starts_with("ssh-") {
        age::ssh::Recipient::from_str(key).map(|r| Box::new(r) as _).map_err(|e| format!("{e:?}"))
    } else {
        Err("not an age key (age1…) or an SSH public key (ssh-ed25519 …, ssh-rsa …)".to_owned())
    }
}

/// A key as compared: its type and body, without an SSH key's comment.
pub fn key_id(key: &str) -> String {
    let mut words = key.split_whitespace();
    match (words.next(), words.next()) {
        (Some(kind), Some(body)) if kind.starts_with("ssh-") => format!("{kind} {body}"),
        (Some(first), _) => first.to_owned(),
        _ => String::new(),
    }
}

/// Seals `text` to `readers` (at least one).
///
/// # Errors
/// A reader's key that age does not take, naming its owner; no readers.
pub fn seal(text: &str, readers: &[Reader]) -> Result<Vec<u8>> {
    let mut recipients = Vec::with_capacity(readers.len());
    let mut seen = BTreeSet::new();
    for reader in readers {
        if !seen.insert(key_id(&reader.key)) {
            continue;
        }
        let r = recipient(&reader.key)
            .map_err(|why| Error::Usage(format!("the key of `{}` cannot be used: {why}", reader.name)))?;
        recipients.push(r);
    }
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient))
        .map_err(|e| Error::Other(format!("cannot encrypt: {e}")))?;
    let header = serde_json::to_string(&Header { readers: readers.to_vec() }).expect("plain data");
    let mut out = Vec::with_capacity(text.len() + header.len() + 200 * readers.len() + 64);
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| Error::Other(format!("cannot encrypt: {e}")))?;
    writer
        .write_all(header.as_bytes())
        .and_then(|()| writer.write_all(b"\n"))
        .and_then(|()| writer.write_all(text.as_bytes()))
        .and_then(|()| writer.finish().map(drop))
        .map_err(|e| Error::Other(format!("cannot encrypt: {e}")))?;
    Ok(out)
}

/// A record opened: its text, and the readers it was sealed to (none for a
/// plain file, or a sealed one that does not name them).
#[derive(Debug, Default)]
pub struct Opened {
    /// The record's JSON.
    pub text: String,
    /// Whether the file was sealed.
    pub sealed: bool,
    /// The readers its first line names.
    pub readers: Option<Vec<Reader>>,
}

/// Opens the age file `bytes` (read from `path`) with the user's identity.
///
/// # Errors
/// [`Error::NotForYou`] when no key of the user's opens it (counted, see
/// [`unopened_note`]); [`Error::InvalidFile`] when it is not a whole age
/// file, or does not hold UTF-8 text.
pub fn open(bytes: &[u8], path: &Path) -> Result<Opened> {
    let invalid = |why: String| Error::InvalidFile { path: path.to_owned(), message: why };
    // The age crate reads a header in time that grows with the square of its
    // entries: a planted file of 40,000 would stall every command. A record
    // has one entry per reader, far fewer than the bound.
    if let Some(why) = oversized_header(bytes) {
        return Err(invalid(why));
    }
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|e| invalid(format!("an age file that cannot be read: {e}")))?;
    if decryptor.is_scrypt() {
        return Err(invalid("sealed with a passphrase; rungs records are sealed to keys".to_owned()));
    }
    let Ok(keyring) = keyring() else {
        return Err(not_for_you(path));
    };
    let mut reader = match decryptor.decrypt(keyring.identities()) {
        Ok(reader) => reader,
        Err(age::DecryptError::NoMatchingKeys) => return Err(not_for_you(path)),
        Err(e) => return Err(invalid(format!("an age file that cannot be opened: {e}"))),
    };
    let mut plain = Vec::with_capacity(bytes.len());
    (&mut reader)
        .take(MAX_PLAIN + 1)
        .read_to_end(&mut plain)
        .map_err(|e| invalid(format!("an age file that cannot be opened: {e}")))?;
    if plain.len() as u64 > MAX_PLAIN {
        return Err(invalid(format!("opens to more than {MAX_PLAIN} bytes (16 MiB); rungs does not read it")));
    }
    let text = String::from_utf8(plain).map_err(|_| invalid("sealed text that is not UTF-8".to_owned()))?;
    Ok(split(text))
}

/// The most recipient entries a sealed record's header may hold.
pub const MAX_STANZAS: usize = 512;

/// The largest header read, in bytes: room for [`MAX_STANZAS`] SSH-RSA entries.
const MAX_HEADER: usize = 512 * 1024;

/// Why the header of the age file `bytes` is refused unread, if it is: more
/// entries than [`MAX_STANZAS`], or longer than [`MAX_HEADER`].
fn oversized_header(bytes: &[u8]) -> Option<String> {
    let mut stanzas = 0;
    let mut at = 0;
    for line in bytes.split(|&b| b == b'\n') {
        at += line.len() + 1;
        if line.starts_with(b"---") {
            return None;
        }
        if line.starts_with(b"-> ") {
            stanzas += 1;
            if stanzas > MAX_STANZAS {
                return Some(format!("an age file sealed to more than {MAX_STANZAS} keys; rungs does not read it"));
            }
        }
        if at > MAX_HEADER {
            break;
        }
    }
    (at > MAX_HEADER).then(|| format!("an age file whose header is over {MAX_HEADER} bytes; rungs does not read it"))
}

/// Takes the readers' line off a sealed record's plain text.
fn split(mut text: String) -> Opened {
    let Some(end) = text.find('\n') else { return Opened { text, sealed: true, readers: None } };
    match serde_json::from_str::<Header>(&text[..end]) {
        Ok(header) => {
            text.drain(..=end);
            Opened { text, sealed: true, readers: Some(header.readers) }
        }
        Err(_) => Opened { text, sealed: true, readers: None },
    }
}

/// The files met that were not for the user's key.
static UNOPENED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Counts `path` as a file not for the user's key, as [`open`] does when
/// no key opens it, and gives the error it gives: for a file already known
/// not to be for the key (the summary cache remembers it), so that it is
/// counted without being opened again.
pub fn not_for_you(path: &Path) -> Error {
    UNOPENED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(path.to_owned());
    Error::NotForYou { path: path.to_owned() }
}

/// How many files this run met that the user's key does not open.
pub fn unopened() -> usize {
    UNOPENED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
}

/// The one line said about the files not for the user's key, if any:
/// "12 records are not for your key", with why when no identity was found.
pub fn unopened_note() -> Option<String> {
    let count = unopened();
    if count == 0 {
        return None;
    }
    let what = if count == 1 { "1 record is".to_owned() } else { format!("{count} records are") };
    Some(match KEYRING.get() {
        Some(Err(why)) => format!("{what} encrypted and not opened: {why}"),
        _ => format!("{what} not for your key"),
    })
}

/// The user's identity: the keys that open sealed records.
pub struct Keyring {
    keys: Vec<Key>,
    public: Vec<String>,
    path: PathBuf,
}

enum Key {
    Age(age::x25519::Identity),
    Ssh(age::ssh::Identity),
}

impl Keyring {
    /// Reads an identity file: age identities (`AGE-SECRET-KEY-1…`, one a
    /// line, `#` comments), or an OpenSSH private key, asking on the
    /// terminal for its passphrase when it has one.
    ///
    /// # Errors
    /// A file that cannot be read, holds no key, or a protected key without
    /// a terminal or with a wrong passphrase; each naming the file.
    pub fn load(path: &Path) -> Result<Keyring> {
        // Only a regular file: a FIFO or a device would hang or never end.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(Error::InvalidFile { path: path.to_owned(), message: "not a regular file".to_owned() });
        }
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_IDENTITY).read_to_string(&mut text))
            .map_err(|e| Error::io("cannot read the identity", path, e))?;
        let bad = |why: &str| Error::InvalidFile { path: path.to_owned(), message: why.to_owned() };
        let (keys, public) = if text.contains("PRIVATE KEY-----") {
            let identity = age::ssh::Identity::from_buffer(text.as_bytes(), Some(path.display().to_string()))
                .map_err(|e| bad(&format!("not an SSH private key rungs can use: {e}")))?;
            let identity = match identity {
                age::ssh::Identity::Encrypted(key) => unlock(&key, path)?,
                age::ssh::Identity::Unsupported(why) => {
                    return Err(bad(&format!(
                        "an SSH key rungs cannot use ({why:?}); use ssh-ed25519, ssh-rsa or rungs keygen"
                    )));
                }
                unencrypted @ age::ssh::Identity::Unencrypted(_) => unencrypted,
            };
            let public = age::ssh::Recipient::try_from(identity.clone())
                .map(|r| r.to_string())
                .map_err(|e| bad(&format!("its public key cannot be read: {e:?}")))?;
            (vec![Key::Ssh(identity)], vec![public])
        } else {
            let mut keys = Vec::new();
            let mut public = Vec::new();
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let identity = age::x25519::Identity::from_str(line)
                    .map_err(|_| bad(&format!("line {}: not an age identity (AGE-SECRET-KEY-1…)", n + 1)))?;
                public.push(identity.to_public().to_string());
                keys.push(Key::Age(identity));
            }
            (keys, public)
        };
        if keys.is_empty() {
            return Err(bad("holds no key; make one with: rungs keygen"));
        }
        Ok(Keyring { keys, public, path: path.to_owned() })
    }

    /// The public keys of the identity: what the roster lists for its owner.
    pub fn public(&self) -> &[String] {
        &self.public
    }

    /// The file the identity was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn identities(&self) -> impl Iterator<Item = &dyn age::Identity> {
        self.keys.iter().map(|key| match key {
            Key::Age(identity) => identity as &dyn age::Identity,
            Key::Ssh(identity) => identity as &dyn age::Identity,
        })
    }
}

/// A passphrase-protected SSH key, opened with a passphrase asked on the terminal.
fn unlock(key: &age::ssh::EncryptedKey, path: &Path) -> Result<age::ssh::Identity> {
    let term = console::Term::stderr();
    if !term.is_term() {
        return Err(Error::Usage(format!(
            "{} is protected by a passphrase, and there is no terminal to ask for it\n  \
             run on a terminal, or use an age identity: rungs keygen, then --identity FILE",
            path.display()
        )));
    }
    let _ = term.write_str(&format!("Passphrase for {}: ", path.display()));
    let passphrase = term.read_secure_line().map_err(|e| Error::io("cannot read the passphrase for", path, e))?;
    key.decrypt(age::secrecy::SecretString::from(passphrase)).map(age::ssh::Identity::Unencrypted).map_err(|_| {
        Error::InvalidFile { path: path.to_owned(), message: "the passphrase does not open this SSH key".to_owned() }
    })
}

/// The identity file named by `--identity` (or `RUNGS_IDENTITY`), set once at start.
static CHOSEN: OnceLock<Option<PathBuf>> = OnceLock::new();

/// The user's keyring, read at most once per run.
static KEYRING: OnceLock<std::result::Result<Keyring, String>> = OnceLock::new();

/// Names the identity file for this run (`--identity FILE`); `None` looks in the usual places.
pub fn choose(path: Option<PathBuf>) {
    let _ = CHOSEN.set(path);
}

/// Where `rungs keygen` writes by default: `~/.config/rungs/identity.txt`.
pub fn default_identity() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|b| b.config_dir().join("rungs").join("identity.txt"))
}

/// The identity file to read: the one chosen, else the first that exists
/// of the usual places.
///
/// # Errors
/// None exists, naming every place looked at.
pub fn identity_path() -> std::result::Result<PathBuf, String> {
    if let Some(Some(path)) = CHOSEN.get() {
        return Ok(path.clone());
    }
    if let Some(path) = std::env::var_os(IDENTITY_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let home = etcetera::home_dir().ok();
    let places: Vec<PathBuf> = default_identity()
        .into_iter()
        .chain(home.iter().flat_map(|h| [h.join(".ssh").join("id_ed25519"), h.join(".ssh").join("id_rsa")]))
        .collect();
    places.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
        let looked: Vec<String> = places.iter().map(|p| p.display().to_string()).collect();
        format!(
            "no identity found (looked at --identity, ${IDENTITY_ENV}, {}); make one with: rungs keygen",
            looked.join(", ")
        )
    })
}

/// The user's keyring, read once.
///
/// # Errors
/// No identity file, or one that cannot be used: the reason, in words.
pub fn keyring() -> std::result::Result<&'static Keyring, &'static str> {
    KEYRING
        .get_or_init(|| {
            let path = identity_path()?;
            Keyring::load(&path).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(String::as_str)
}

/// The public key of an identity made and forgotten at once: a reader
/// that is nobody.
pub fn throwaway_key() -> String {
    age::x25519::Identity::generate().to_public().to_string()
}

/// A new age identity: the file's text (with its public key in a comment)
/// and the public key.
pub fn generate(today: &str) -> (String, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public().to_string();
    let text = format!(
        "# created: {today} by rungs keygen\n# public key: {public}\n{}\n",
        identity.to_string().expose_secret()
    );
    (text, public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_text_opens_to_its_readers_line_and_record() {
        let identity = age::x25519::Identity::generate();
        let reader = Reader { name: "Jo".into(), key: identity.to_public().to_string() };
        let sealed = seal("{\"a\": 1}\n", std::slice::from_ref(&reader)).unwrap();
        assert!(is_sealed(&sealed));
        let plain = age::decrypt(&identity, &sealed).unwrap();
        let opened = split(String::from_utf8(plain).unwrap());
        assert_eq!(opened.text, "{\"a\": 1}\n");
        assert_eq!(opened.readers, Some(vec![reader]));
    }

    #[test]
    fn a_header_of_too_many_entries_is_refused_at_once() {
        let mut planted = MAGIC.to_vec();
        planted.extend(b"-> X25519 AAAA\nAAAA\n".repeat(40_000));
        let error = open(&planted, Path::new("planted.json")).unwrap_err();
        assert!(error.to_string().contains("more than 512 keys"), "{error}");
        let mut long = MAGIC.to_vec();
        long.extend(vec![b'A'; MAX_HEADER + 10]);
        assert!(open(&long, Path::new("long.json")).unwrap_err().to_string().contains("header is over"));
    }

    #[test]
    fn a_key_is_compared_without_its_comment() {
        assert_eq!(key_id("ssh-ed25519 AAAAC3 jo@laptop"), "ssh-ed25519 AAAAC3");
        assert_eq!(key_id(" age1abc "), "age1abc");
        assert!(recipient("age1nope").is_err());
        assert!(recipient("pgp-key").err().is_some_and(|why| why.contains("not an age key")));
    }
}
