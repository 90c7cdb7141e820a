//! One person folder's record in the summary cache, and the summaries in
//! it: encoded compactly, decoded with every field bounds-checked, since the
//! cache file is untrusted input like every file rungs reads.

use chrono::NaiveDate;

use super::Stamp;
use crate::analysis::summary::Summary;
use crate::assessment::{MAX_ID_CHARS, MAX_NAME_CHARS, MAX_RATINGS, Relationship};
use crate::scoring::Status;

/// One person folder as cached: its stamp, whether its list of files may be
/// reused, and each file's name with its stamp and summary when kept. The
/// summaries stay encoded, borrowed from the record, until a file is used:
/// a command that needs a few files of each folder decodes only those.
#[derive(Debug, Default)]
pub struct FolderRecord<'a> {
    /// The folder's stamp when listed.
    pub stamp: Option<Stamp>,
    /// Whether the list of files may be reused while the stamp holds.
    pub settled: bool,
    /// The files, sorted by name as listed.
    pub files: Vec<FileRecord<'a>>,
}

/// One file of a [`FolderRecord`].
#[derive(Debug)]
pub struct FileRecord<'a> {
    /// The file's name in its folder.
    pub name: &'a [u8],
    /// Its stamp and what was found in it, when kept.
    pub kept: Option<(Stamp, Held<'a>)>,
}

/// What the cache holds of a file, besides its stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held<'a> {
    /// Its summary, still encoded (see [`summary`]).
    Summary(&'a [u8]),
    /// A sealed file the key the cache belongs to does not open: only an
    /// encrypted store's cache, one per identity, keeps this.
    NotForYou,
}

impl<'a> FolderRecord<'a> {
    /// Takes out what is kept for the file `name`, if anything.
    pub fn take(&mut self, name: &[u8]) -> Option<(Stamp, Held<'a>)> {
        let i = self.files.binary_search_by(|f| f.name.cmp(name)).ok()?;
        self.files[i].kept.take()
    }
}

/// What a file's entry keeps: its stamp, and its summary, either decoded
/// or still as the old record's bytes, or that the file is not for the key.
#[derive(Debug, Clone, Copy)]
pub enum Kept<'a> {
    /// A summary to encode.
    Summary(Stamp, &'a Summary),
    /// A sealed file not for the key the cache belongs to.
    NotForYou(Stamp),
    /// An old entry, carried over unread.
    Encoded(Stamp, Held<'a>),
}

/// What a file's entry starts with: nothing kept, a summary, or not for the key.
const NOTHING: u8 = 0;
const SUMMARY: u8 = 1;
const NOT_FOR_YOU: u8 = 2;

/// The encoded body of a folder's record: the folder's name, its stamp,
/// and each file's name, then what is kept of it: nothing, or its stamp
/// and summary, or its stamp and that it is not for the key.
pub fn encode<'a>(
    name: &[u8],
    stamp: Option<Stamp>,
    settled: bool,
    files: impl ExactSizeIterator<Item = (&'a [u8], Option<Kept<'a>>)>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + files.len() * 256);
    bytes(&mut out, name);
    put_stamp(&mut out, stamp);
    out.push(u8::from(settled));
    out.extend_from_slice(&u32::try_from(files.len()).unwrap_or(u32::MAX).to_le_bytes());
    for (name, kept) in files {
        bytes(&mut out, name);
        match kept {
            Some(Kept::Summary(stamp, summary)) if fits(summary) => {
                out.push(SUMMARY);
                put_fields(&mut out, stamp);
                let at = out.len();
                out.extend_from_slice(&[0; 4]);
                put_summary(&mut out, summary);
                let len = u32::try_from(out.len() - at - 4).unwrap_or(u32::MAX);
                out[at..at + 4].copy_from_slice(&len.to_le_bytes());
            }
            Some(Kept::Encoded(stamp, Held::Summary(summary))) => {
                out.push(SUMMARY);
                put_fields(&mut out, stamp);
                bytes(&mut out, summary);
            }
            Some(Kept::NotForYou(stamp) | Kept::Encoded(stamp, Held::NotForYou)) => {
                out.push(NOT_FOR_YOU);
                put_fields(&mut out, stamp);
            }
            _ => out.push(NOTHING),
        }
    }
    out
}

/// Decodes a record's body, checking every length; `None` at the first
/// doubt. Summaries are checked when decoded ([`summary`]).
pub fn decode(body: &[u8]) -> Option<FolderRecord<'_>> {
    let mut d = Decoder { buf: body, pos: 0 };
    d.bytes(MAX_TEXT)?;
    let stamp = d.stamp()?;
    let settled = d.flag()?;
    let count = d.u32()? as usize;
    let mut files = Vec::with_capacity(count.min(body.len() / 8));
    for _ in 0..count {
        let name = d.bytes(MAX_TEXT)?;
        let kept = match d.u8()? {
            NOTHING => None,
            SUMMARY => Some((d.fields()?, Held::Summary(d.bytes(MAX_SUMMARY)?))),
            NOT_FOR_YOU => Some((d.fields()?, Held::NotForYou)),
            _ => return None,
        };
        files.push(FileRecord { name, kept });
    }
    let sorted = files.windows(2).all(|w| w[0].name < w[1].name);
    (d.pos == body.len() && sorted).then_some(FolderRecord { stamp, settled, files })
}

/// Decodes one kept summary, checking every length and value; `None` at
/// the first doubt, and then the file is read instead.
pub fn summary(bytes: &[u8]) -> Option<Summary> {
    let mut d = Decoder { buf: bytes, pos: 0 };
    let summary = d.summary()?;
    (d.pos == bytes.len()).then_some(summary)
}

fn fits(s: &Summary) -> bool {
    let texts = [&s.created_at, &s.person, &s.assessor, &s.ladder, &s.target_ladder, &s.current, &s.target];
    texts.iter().all(|t| t.len() <= MAX_TEXT)
        && s.statuses.len() <= MAX_RATINGS
        && s.statuses.iter().all(|(id, _)| id.len() <= MAX_TEXT)
}

pub(super) fn bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&u32::try_from(b.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(b);
}

fn put_stamp(out: &mut Vec<u8>, stamp: Option<Stamp>) {
    let Some(s) = stamp else {
        out.push(0);
        return;
    };
    out.push(1);
    put_fields(out, s);
}

fn put_fields(out: &mut Vec<u8>, s: Stamp) {
    for n in [s.size, s.mtime as u64, s.ctime as u64, s.ino, s.dev, u64::from(s.mode)] {
        out.extend_from_slice(&n.to_le_bytes());
    }
}

fn put_summary(out: &mut Vec<u8>, s: &Summary) {
    out.extend_from_slice(&s.date.num_days_from_ce_i32().to_le_bytes());
    for text in [&s.created_at, &s.person, &s.assessor] {
        bytes(out, text.as_bytes());
    }
    out.push(match s.relationship {
        Relationship::Myself => 0,
        Relationship::Manager => 1,
        Relationship::Peer => 2,
    });
    for text in [&s.ladder, &s.target_ladder, &s.current, &s.target] {
        bytes(out, text.as_bytes());
    }
    out.push(u8::from(s.whole));
    bytes(out, &[]); // room for later fields, checked empty
    out.extend_from_slice(&u32::try_from(s.statuses.len()).unwrap_or(u32::MAX).to_le_bytes());
    for (id, status) in &s.statuses {
        bytes(out, id.as_bytes());
        // Bit 4: rated only at the current level (see `Summary::current_only`).
        out.push(*status as u8 | if s.current_only.contains(id) { CURRENT_ONLY } else { 0 });
    }
}

/// `num_days_from_ce` as a fixed-width number.
trait Days {
    fn num_days_from_ce_i32(&self) -> i32;
}

impl Days for NaiveDate {
    fn num_days_from_ce_i32(&self) -> i32 {
        chrono::Datelike::num_days_from_ce(self)
    }
}

pub(super) struct Decoder<'a> {
    pub(crate) buf: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Decoder<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&end| end <= self.buf.len())?;
        let out = &self.buf[self.pos..end];
        self.pos = end;
        Some(out)
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(super) fn flag(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_le_bytes(b.try_into().expect("four bytes")))
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        self.take(8).map(|b| u64::from_le_bytes(b.try_into().expect("eight bytes")))
    }

    pub(super) fn bytes(&mut self, max: usize) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        if n > max {
            return None;
        }
        self.take(n)
    }

    /// Text of at most `chars` characters (bytes bound them from above).
    pub(super) fn text(&mut self, chars: usize) -> Option<String> {
        let text = std::str::from_utf8(self.bytes(MAX_TEXT)?).ok()?;
        (text.len() <= chars || text.chars().count() <= chars).then(|| text.to_owned())
    }

    pub(super) fn stamp(&mut self) -> Option<Option<Stamp>> {
        if !self.flag()? {
            return Some(None);
        }
        self.fields().map(Some)
    }

    /// A stamp's fields, without the flag before them.
    pub(super) fn fields(&mut self) -> Option<Stamp> {
        let mut n = [0u64; 6];
        for v in &mut n {
            *v = self.u64()?;
        }
        let [size, mtime, ctime, ino, dev, mode] = n;
        let mode = u32::try_from(mode).ok()?;
        Some(Stamp { size, mtime: mtime as i64, ctime: ctime as i64, ino, dev, mode })
    }

    pub(super) fn summary(&mut self) -> Option<Summary> {
        let days = i32::from_le_bytes(self.take(4)?.try_into().expect("four bytes"));
        let date = NaiveDate::from_num_days_from_ce_opt(days)?;
        let created_at = self.text(MAX_TEXT)?;
        let person = self.text(MAX_NAME_CHARS)?;
        let assessor = self.text(MAX_NAME_CHARS)?;
        let relationship = *Relationship::ALL.get(usize::from(self.u8()?))?;
        let ladder = self.text(MAX_ID_CHARS)?;
        let target_ladder = self.text(MAX_ID_CHARS)?;
        let current = self.text(MAX_ID_CHARS)?;
        let target = self.text(MAX_ID_CHARS)?;
        let whole = self.flag()?;
        if !self.bytes(0)?.is_empty() {
            return None;
        }
        let count = self.u32()? as usize;
        if count > MAX_RATINGS {
            return None;
        }
        let mut statuses = Vec::with_capacity(count);
        let mut current_only = Vec::new();
        for _ in 0..count {
            let id = self.text(MAX_ID_CHARS)?;
            let byte = self.u8()?;
            let status = match byte & !CURRENT_ONLY {
                0 => Status::Below,
                1 => Status::Growing,
                2 => Status::Ready,
                _ => return None,
            };
            if byte & CURRENT_ONLY != 0 {
                current_only.push(id.clone());
            }
            statuses.push((id, status));
        }
        Some(Summary {
            date,
            created_at,
            person,
            assessor,
            relationship,
            ladder,
            target_ladder,
            current,
            target,
            statuses,
            current_only,
            whole,
        })
    }
}

pub use crate::file::checksum;

/// The bit of a status byte that marks a competency rated only at the
/// current level.
const CURRENT_ONLY: u8 = 0x10;

/// The longest text a summary keeps (`created_at` has no other bound).
pub(super) const MAX_TEXT: usize = 4096;

/// The longest encoded summary: its texts and statuses, with room to spare.
const MAX_SUMMARY: usize = 16 * MAX_TEXT + MAX_RATINGS * (MAX_TEXT + 5);
