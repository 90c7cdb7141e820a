//! The driver: runs one target over mutated inputs for a while, catches
//! panics, times every input, and keeps the inputs that failed in
//! `OUT/<target>/crashes/` and `OUT/<target>/slow/` for reproduction.
//!
//! The input being run is written to `OUT/<target>/last.EXT` first, so that
//! one that aborts the process is not lost. A watchdog thread saves an input as soon as it has run past the slow
//! limit, so that it is on disk even if it later exhausts memory, and ends
//! the process once it has run past the hang limit: a stall cannot be
//! interrupted in-process.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use rungs::fuzz::Target;

use super::corpus::seeds;
use super::mutate::{Rng, mutate};

/// How long and how to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Time per target.
    pub seconds: f64,
    /// The seed of the random source.
    pub seed: u64,
    /// An input slower than this is a finding.
    pub slow: Duration,
    /// An input still running after this ends the process.
    pub hang: Duration,
    /// Where failing inputs are saved, one folder per target.
    pub out: PathBuf,
}

/// What one target's run found.
#[derive(Debug, Default)]
pub struct Figures {
    /// The target's name.
    pub target: &'static str,
    /// Inputs run.
    pub inputs: u64,
    /// Inputs the loader accepted.
    pub accepted: u64,
    /// Wall-clock time.
    pub seconds: f64,
    /// Inputs that panicked.
    pub panics: u64,
    /// Inputs that took longer than the slow limit.
    pub slow: u64,
    /// The slowest input, in seconds.
    pub slowest: f64,
    /// Distinct panics by location: the message and the smallest input's file.
    pub findings: BTreeMap<String, (String, PathBuf)>,
}

impl fmt::Display for Figures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} inputs in {:.1} s ({} accepted), {} panics ({} distinct), {} slow (> 1 s), slowest {:.3} s",
            self.target,
            self.inputs,
            self.seconds,
            self.accepted,
            self.panics,
            self.findings.len(),
            self.slow,
            self.slowest
        )?;
        for (location, (message, file)) in &self.findings {
            write!(f, "\n  panic at {location}: {message}\n    input: {}", file.display())?;
        }
        Ok(())
    }
}

thread_local! {
    /// Whether this thread is running a fuzz input, so its panics are caught quietly.
    static FUZZING: Cell<bool> = const { Cell::new(false) };
    /// The last caught panic: `(location, message)`.
    static CAUGHT: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that records panics of fuzzing threads
/// instead of printing them, and leaves every other thread's to the default.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !FUZZING.with(Cell::get) {
                return previous(info);
            }
            let mut location = info.location().map_or_else(|| "unknown".to_owned(), ToString::to_string);
            if !location.starts_with("src/") {
                location = format!("{} ({location})", own_frame().unwrap_or_default());
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            CAUGHT.with(|c| *c.borrow_mut() = Some((location, message)));
        }));
    });
}

/// The innermost frame of rungs' own code, for a panic raised inside the
/// standard library or a dependency (`capacity overflow`), with its file
/// and line when the build has debug information.
fn own_frame() -> Option<String> {
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    let mut lines = trace.lines().map(str::trim);
    let function = lines.find(|l| l.contains(" rungs::") && !l.contains("rungs::fuzz"))?;
    let function = function.split_once(": ").map_or(function, |(_, f)| f);
    match lines.next().and_then(|l| l.strip_prefix("at ")).filter(|l| l.contains("src/")) {
        Some(at) => Some(format!("{function} at src/{}", at.rsplit("src/").next().unwrap_or(at))),
        None => Some(function.to_owned()),
    }
}

/// Runs one input: whether it was accepted, or the panic's location and message.
pub fn run_one(target: &Target, input: &[u8]) -> Result<bool, (String, String)> {
    install_hook();
    FUZZING.with(|f| f.set(true));
    let outcome = std::panic::catch_unwind(|| (target.run)(input));
    FUZZING.with(|f| f.set(false));
    outcome.map_err(|_| CAUGHT.with(|c| c.borrow_mut().take()).unwrap_or_default())
}

/// The input being run and since when, shared with the watchdog.
type Current = Arc<Mutex<(Vec<u8>, Option<Instant>)>>;

/// The largest accepted input added to the corpus: larger ones would slow
/// every later mutation of them.
const MAX_KEPT: usize = 64 * 1024;

/// Fuzzes one target for `settings.seconds`.
pub fn run(target: &Target, settings: &Settings) -> Figures {
    let folder = settings.out.join(target.name);
    let current: Current = Arc::default();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = watch(target, settings, &folder, Arc::clone(&current), Arc::clone(&done));
    let mut corpus = seeds(target.extension);
    let _ = std::fs::create_dir_all(&folder);
    let last = folder.join(format!("last.{}", target.extension));
    let seeds = corpus.len();
    let mut rng = Rng::new(settings.seed);
    let mut figures = Figures { target: target.name, ..Figures::default() };
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < settings.seconds {
        let input = next_input(&mut rng, &corpus, figures.inputs, seeds);
        set_current(&current, Some(&input));
        // Kept on disk before it runs: an input that aborts the process
        // (an allocation that fails) can be found there afterwards.
        let _ = std::fs::write(&last, &input);
        let began = Instant::now();
        let outcome = run_one(target, &input);
        let took = began.elapsed();
        set_current(&current, None);
        record(&mut figures, target, &folder, &input, &outcome, took, settings.slow);
        if matches!(outcome, Ok(true)) && took < settings.slow && input.len() <= MAX_KEPT {
            keep(&mut rng, &mut corpus, seeds, input);
        }
    }
    figures.seconds = start.elapsed().as_secs_f64();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = watchdog.join();
    figures
}

/// The seeds as they are first, then mutations of corpus entries.
fn next_input(rng: &mut Rng, corpus: &[Vec<u8>], count: u64, seeds: usize) -> Vec<u8> {
    match usize::try_from(count) {
        Ok(i) if i < seeds => corpus[i].clone(),
        _ => {
            let index = rng.below(corpus.len());
            mutate(rng, corpus, index)
        }
    }
}

/// Adds an accepted input to the corpus, or replaces a grown entry once full.
fn keep(rng: &mut Rng, corpus: &mut Vec<Vec<u8>>, seeds: usize, input: Vec<u8>) {
    const MAX_CORPUS: usize = 512;
    if corpus.len() < MAX_CORPUS {
        corpus.push(input);
    } else if rng.one_in(4) {
        let at = seeds + rng.below(MAX_CORPUS - seeds);
        corpus[at] = input;
    }
}

fn set_current(current: &Current, input: Option<&[u8]>) {
    let mut guard = current.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match input {
        Some(input) => {
            guard.0.clear();
            guard.0.extend_from_slice(input);
            guard.1 = Some(Instant::now());
        }
        None => guard.1 = None,
    }
}

/// Counts an outcome, and saves the input when it panicked or was slow.
fn record(
    figures: &mut Figures,
    target: &Target,
    folder: &Path,
    input: &[u8],
    outcome: &Result<bool, (String, String)>,
    took: Duration,
    slow: Duration,
) {
    figures.inputs += 1;
    figures.slowest = figures.slowest.max(took.as_secs_f64());
    if took > slow {
        figures.slow += 1;
        save(&folder.join("slow"), &name(input), target.extension, input, &format!("took {took:?}"));
    }
    match outcome {
        Ok(accepted) => figures.accepted += u64::from(*accepted),
        Err((location, message)) => {
            figures.panics += 1;
            let smaller = figures
                .findings
                .get(location)
                .is_none_or(|(_, file)| std::fs::metadata(file).map_or(true, |m| m.len() > input.len() as u64));
            if smaller {
                let file = save(&folder.join("crashes"), &slug(location), target.extension, input, message);
                figures.findings.insert(location.clone(), (message.clone(), file));
            }
        }
    }
}

/// Saves an input as `NAME.EXT`, and what happened as `NAME.txt`; returns the input's path.
fn save(folder: &Path, name: &str, extension: &str, input: &[u8], note: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(folder);
    let path = folder.join(format!("{name}.{extension}"));
    let _ = std::fs::write(&path, input);
    let _ = std::fs::write(folder.join(format!("{name}.txt")), format!("{note}\n"));
    path
}

/// A file name from a panic location: `src_command_report.rs_84_5`.
fn slug(location: &str) -> String {
    location.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect()
}

/// A file name from an input's content (FNV-1a).
fn name(input: &[u8]) -> String {
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    format!("{hash:016x}")
}

/// Starts the watchdog: it saves an input that runs past the slow limit,
/// and ends the process when one runs past the hang limit.
fn watch(
    target: &Target,
    settings: &Settings,
    folder: &Path,
    current: Current,
    done: Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<()> {
    let (slow, hang, extension, folder) = (settings.slow, settings.hang, target.extension, folder.join("slow"));
    let name_of_target = target.name;
    std::thread::spawn(move || {
        let mut saved: Option<Instant> = None;
        while !done.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
            let guard = current.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let Some(began) = guard.1 else { continue };
            if began.elapsed() > slow && saved != Some(began) {
                saved = Some(began);
                let path = save(&folder, &name(&guard.0), extension, &guard.0, "still running after the slow limit");
                eprintln!("{name_of_target}: an input is running past {slow:?}: {}", path.display());
            }
            if began.elapsed() > hang {
                eprintln!("{name_of_target}: an input ran past {hang:?}; ending the run (it is saved above)");
                std::process::exit(3);
            }
        }
    })
}
