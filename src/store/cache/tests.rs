use super::*;
use crate::analysis::summary::Summary;
use crate::assessment::Relationship;
use crate::scoring::Status;

fn sample() -> Summary {
    Summary {
        date: "2026-01-05".parse().unwrap(),
        created_at: "2026-01-05T10:00:00+01:00".into(),
        person: "Zoë".into(),
        assessor: "Mo".into(),
        relationship: Relationship::Manager,
        ladder: "tech-lead".into(),
        target_ladder: "tech-lead".into(),
        current: "TL4".into(),
        target: "TL5".into(),
        statuses: vec![("technology".into(), Status::Ready), ("people".into(), Status::Below)],
        current_only: vec!["people".into()],
        whole: true,
    }
}

fn stamp(ctime: i64) -> Stamp {
    Stamp { size: 10, mtime: 1, ctime, ino: 7, dev: 8, mode: 0o100_600 }
}

#[test]
fn a_record_decodes_to_what_was_encoded() {
    let s = sample();
    let files = [
        (b"a.json".as_slice(), Some(Kept::Summary(stamp(5), &s))),
        (b"b.json".as_slice(), None),
        (b"c.json".as_slice(), Some(Kept::NotForYou(stamp(6)))),
    ];
    let body = encode(b"zoe", Some(stamp(3)), true, files.into_iter());
    let mut record = decode(&body).unwrap();
    assert_eq!(record.stamp, Some(stamp(3)));
    assert!(record.settled);
    let (kept, held) = record.take(b"a.json").unwrap();
    let Held::Summary(encoded) = held else { panic!("a summary: {held:?}") };
    assert_eq!((kept, super::summary(encoded)), (stamp(5), Some(s.clone())));
    assert!(record.take(b"b.json").is_none());
    let (other, not_for_you) = record.take(b"c.json").unwrap();
    assert_eq!((other, not_for_you), (stamp(6), Held::NotForYou));
    // Carried over unread, an entry encodes to the same bytes.
    let files = [
        (b"a.json".as_slice(), Some(Kept::Encoded(kept, held))),
        (b"b.json".as_slice(), None),
        (b"c.json".as_slice(), Some(Kept::Encoded(other, not_for_you))),
    ];
    assert_eq!(encode(b"zoe", Some(stamp(3)), true, files.into_iter()), body);
}

#[test]
fn any_damage_to_a_record_is_refused_not_misread() {
    let s = sample();
    let files =
        [(b"a.json".as_slice(), Some(Kept::Summary(stamp(5), &s))), (b"b.json", Some(Kept::NotForYou(stamp(6))))];
    let body = encode(b"zoe", Some(stamp(3)), true, files.into_iter());
    for cut in 0..body.len() {
        assert!(decode(&body[..cut]).is_none(), "cut at {cut}");
    }
    // An entry of an unknown kind is refused.
    let mut unknown = body.clone();
    let at = unknown.len() - 6 * 8 - 1;
    assert_eq!(unknown[at], 2, "the last entry's kind: not for the key");
    unknown[at] = 3;
    assert!(decode(&unknown).is_none());
    let mut record = decode(&body).unwrap();
    let Some((_, Held::Summary(encoded))) = record.take(b"a.json") else { panic!("a summary") };
    for cut in 0..encoded.len() {
        assert!(super::summary(&encoded[..cut]).is_none(), "summary cut at {cut}");
    }
    let mut longer = body.clone();
    longer.push(0);
    assert!(decode(&longer).is_none());
    // A flipped byte either fails to decode or changes the checksum.
    for i in 0..body.len() {
        let mut bad = body.clone();
        bad[i] ^= 0x41;
        assert_ne!(checksum(&bad), checksum(&body), "byte {i}");
    }
}

#[test]
fn only_changes_older_than_the_racy_window_are_settled() {
    let now = 100 * 1_000_000_000;
    assert!(stamp(now - RACY_NS - 1).settled(now));
    assert!(!stamp(now - RACY_NS).settled(now));
    assert!(!stamp(now + 5).settled(now), "a change time in the future is never settled");
}

#[test]
fn an_unchanged_run_does_not_rewrite_the_cache_and_a_changed_one_does() {
    let dir = tempfile::tempdir().unwrap();
    let write = |names: &[&str], extra: u8| {
        let mut cache = Cache::at(dir.path(), Path::new("/store"), 0);
        let mut records = Vec::new();
        for name in names {
            let old = cache.take(OsStr::new(name), &mut records);
            let body = encode(name.as_bytes(), None, false, [(&[extra][..], None)].into_iter());
            let same = old.as_ref().is_some_and(|(_, at)| records[at.clone()] == body);
            cache.put(&body, old.map(|(slot, _)| slot), same);
        }
        cache.finish();
    };
    write(&["a", "b", "c"], 1);
    let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let first = std::fs::read(&file).unwrap();
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let before = inode(&file);
    write(&["a", "b", "c"], 1);
    assert_eq!(inode(&file), before, "an unchanged cache is left alone");
    write(&["a", "c"], 1);
    assert_ne!(inode(&file), before);
    assert!(std::fs::read(&file).unwrap().len() < first.len(), "a folder gone is dropped");
    write(&["a", "c"], 1);
    let mut cache = Cache::at(dir.path(), Path::new("/store"), 0);
    let mut records = Vec::new();
    let a = cache.take(OsStr::new("a"), &mut records).expect("a is kept");
    assert!(cache.take(OsStr::new("b"), &mut records).is_none());
    let c = cache.take(OsStr::new("c"), &mut records).expect("c is kept");
    assert_eq!(decode(&records[a.1]).map(|r| r.files.len()), Some(1));
    assert_eq!(c.1.end, records.len(), "records are appended in turn");
    let mut other = Cache::at(dir.path(), Path::new("/elsewhere"), 0);
    assert!(other.take(OsStr::new("a"), &mut records).is_none(), "another store's cache is another file");
}

#[test]
fn a_damaged_cache_file_is_ignored_from_the_damage_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = Cache::at(dir.path(), Path::new("/store"), 0);
    for name in ["a", "b"] {
        let body = encode(name.as_bytes(), None, false, std::iter::empty());
        cache.put(&body, None, false);
    }
    cache.finish();
    let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 6;
    bytes[last] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    let mut cache = Cache::at(dir.path(), Path::new("/store"), 0);
    let mut records = Vec::new();
    assert!(cache.take(OsStr::new("a"), &mut records).is_some());
    assert!(cache.take(OsStr::new("b"), &mut records).is_none());
}
