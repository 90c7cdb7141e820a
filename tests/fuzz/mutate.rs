//! Mutation: a seeded random source and the edits that turn one corpus
//! entry into a new input. Deterministic: the same seed gives the same
//! inputs in the same order.

/// Tokens worth planting: keys and values of both file formats, numbers at
/// the edges of their types, and text that terminals or renderers treat
/// specially.
const TOKENS: &[&str] = &[
    "\"rank\": ",
    "\"rank\": 18446744073709551615",
    "\"rank\": 100000000",
    "18446744073709551615",
    "18446744073709551616",
    "4294967295",
    "4294967296",
    "100000000",
    "-1",
    "0",
    "1e308",
    "-0",
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "\"\\u001b\"",
    "\"\\u202e\"",
    "\\u0000",
    "\\ud800",
    "\\u001b]0;title\\u0007",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{0}",
    "\r\n",
    "\"schema\": 1, ",
    "\"ratings\": [",
    "\"competency\": \"technology\", ",
    "\"level\": \"TL5\", ",
    "\"step\": \"Evangelizes\", ",
    "\"rating\": \"meets\"",
    "\"rating\": \"not-yet\"",
    "\"target_ladder\": {\"id\": \"developer\", \"version\": \"1\"}, ",
    "\"ladder\": {\"id\": \"developer\", \"version\": \"1\"}",
    "\"current\": \"D4\", ",
    "\"target\": \"TL4\", ",
    "\"relationship\": \"manager\", ",
    "\"evidence\": ",
    "\"date\": \"2026-02-30\"",
    "\"date\": \"+262143-12-31\"",
    "\"created_at\": \"9999-12-31T23:59:60+23:59\"",
    "{\"current\": \"meets\", \"target\": \"exceeds\", \"evidence\": \"x\"}",
    "[[levels]]\n",
    "[[competencies]]\n",
    "[[competencies.steps]]\n",
    "steps = [",
    "{ name = \"x\" }, ",
    "senior = true\n",
    "expectations.x = { step = \"x\", text = \"t\" }\n",
    "id = \"x\"\n",
    "title = \"\"\n",
    "version = \"1\"\n",
    "\"\"\"",
    "'''",
    "[[[[",
    "]]]]",
    "{{{{",
    "\\",
];

/// A small, fast, seeded random source (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A source that always starts the same way for the same seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// The largest input the mutator makes: large enough for the long-string
/// cases, small enough to keep every run fast.
const MAX_LEN: usize = 1 << 20;

/// A new input made from `corpus[index]` by one edit, or sometimes two to four.
pub fn mutate(rng: &mut Rng, corpus: &[Vec<u8>], index: usize) -> Vec<u8> {
    let mut data = corpus[index].clone();
    let edits = if rng.one_in(2) { 1 } else { 2 + rng.below(3) };
    for _ in 0..edits {
        edit(rng, &mut data, corpus);
    }
    data.truncate(MAX_LEN);
    data
}

/// One random edit.
fn edit(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let at = rng.below(data.len() + 1);
    let last = at.min(data.len().saturating_sub(1));
    match rng.below(20) {
        0 | 1 if !data.is_empty() => data[last] ^= 1 << rng.below(8),
        2 | 3 if !data.is_empty() => data[last] = interesting_byte(rng),
        4 | 5 => insert(data, at, &random_bytes(rng)),
        6 | 7 => delete(rng, data, at),
        8 => duplicate(rng, data, at),
        9..=12 => insert(data, at, TOKENS[rng.below(TOKENS.len())].as_bytes()),
        13 => {
            let other = rng.below(corpus.len());
            splice(rng, data, &corpus[other]);
        }
        14..=16 => replace_number(rng, data),
        17 => insert(data, at, &long_text(rng)),
        _ => insert(data, at, &nesting(rng)),
    }
}

fn interesting_byte(rng: &mut Rng) -> u8 {
    const BYTES: &[u8] = b"\0\x1b\x7f\xff\xc3\x80\"'\\{}[],:=.#\n\r\t 09-+eE";
    BYTES[rng.below(BYTES.len())]
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    (0..=rng.below(8)).map(|_| rng.next() as u8).collect()
}

fn insert(data: &mut Vec<u8>, at: usize, bytes: &[u8]) {
    data.splice(at..at, bytes.iter().copied());
}

fn delete(rng: &mut Rng, data: &mut Vec<u8>, at: usize) {
    let end = (at + 1 + rng.below(64)).min(data.len());
    data.drain(at.min(end)..end);
}

/// Copies a random slice of the input to another place in it.
fn duplicate(rng: &mut Rng, data: &mut Vec<u8>, at: usize) {
    let start = rng.below(data.len());
    let end = (start + 1 + rng.below(256)).min(data.len());
    let chunk = data[start..end].to_vec();
    insert(data, at, &chunk);
}

/// Keeps a prefix of the input and appends a suffix of another entry.
fn splice(rng: &mut Rng, data: &mut Vec<u8>, other: &[u8]) {
    data.truncate(rng.below(data.len() + 1));
    data.extend_from_slice(&other[rng.below(other.len() + 1)..]);
}

/// Replaces the digits of a number in the input with an edge value.
fn replace_number(rng: &mut Rng, data: &mut Vec<u8>) {
    const NUMBERS: &[&str] =
        &["0", "1", "2", "7", "13", "255", "65536", "100000000", "4294967296", "18446744073709551615", "-1", "1e9"];
    let starts: Vec<usize> =
        (0..data.len()).filter(|&i| data[i].is_ascii_digit() && (i == 0 || !data[i - 1].is_ascii_digit())).collect();
    if starts.is_empty() {
        return;
    }
    let start = starts[rng.below(starts.len())];
    let end = start + data[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    data.splice(start..end, NUMBERS[rng.below(NUMBERS.len())].bytes());
}

/// A long run of one character: ASCII, multi-byte, a control or a bidi override.
fn long_text(rng: &mut Rng) -> Vec<u8> {
    const UNITS: &[&str] = &["a", "é", "■", "\u{202e}", "\\u001b", "\\n", " ", "-", "😀"];
    let length = [16, 1_000, 100_000, 400_000][rng.below(4)];
    UNITS[rng.below(UNITS.len())].repeat(length).into_bytes()
}

/// Deep nesting in either format.
fn nesting(rng: &mut Rng) -> Vec<u8> {
    const OPENERS: &[&str] = &["[", "{\"a\":", "[[", "{ a = "];
    let depth = [8, 200, 5_000, 100_000][rng.below(4)];
    OPENERS[rng.below(OPENERS.len())].repeat(depth).into_bytes()
}
