//! Work spread over a few threads, results in order: many small files read
//! faster this way, warm or cold, and a long listing is drawn on several
//! cores and streamed. Knows nothing of what the items are.

/// Maps every item through `f` on a few threads (two to four, as the
/// machine has cores), each with its own `state` (a reused buffer); results
/// keep the items' order. Many small files read faster this way, warm or
/// cold: the kernel's work per file is spread over the cores, and a cold
/// disk gets several requests at once.
pub fn in_parallel<I: Sync, S, T: Send>(
    items: &[I],
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &I) -> T + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).clamp(2, 4);
    on_threads(threads, items, state, f)
}

/// How many parts [`in_parts`] makes at once.
const PARTS_AT_ONCE: usize = 8;

/// The rows (of a table, or items of a JSON array) one thread makes at a
/// time when a long listing is made with [`in_parts`].
pub const ROWS_PER_PART: usize = 1024;

/// Maps `items` a part of `size` at a time through `make`, on a few threads
/// (as [`in_parallel`]), lazily and in order: `make` gets the index of the
/// part's first item, and the part. Only a few parts' results are held at
/// once, however many items, so a long listing is made on several cores and
/// streamed.
pub fn in_parts<'a, I: Sync, T: Send + 'a>(
    items: &'a [I],
    size: usize,
    make: impl Fn(usize, &'a [I]) -> T + Sync + 'a,
) -> impl Iterator<Item = T> + 'a {
    let size = size.max(1);
    let parts: Vec<(usize, &'a [I])> = items.chunks(size).enumerate().map(|(n, part)| (n * size, part)).collect();
    let blocks: Vec<Vec<(usize, &'a [I])>> = parts.chunks(PARTS_AT_ONCE).map(<[_]>::to_vec).collect();
    blocks.into_iter().flat_map(move |block| in_parallel(&block, || (), |(), &(first, part)| make(first, part)))
}

/// As [`in_parallel`], on `threads` threads; one item is mapped on this thread.
pub fn on_threads<I: Sync, S, T: Send>(
    threads: usize,
    items: &[I],
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &I) -> T + Sync,
) -> Vec<T> {
    if items.len() <= 1 || threads <= 1 {
        let mut own = state();
        return items.iter().map(|item| f(&mut own, item)).collect();
    }
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let (f, state) = (&f, &state);
                scope.spawn(move || {
                    let mut own = state();
                    part.iter().map(|item| f(&mut own, item)).collect::<Vec<_>>()
                })
            })
            .collect();
        // Sized once: growing by doubling would hold up to twice the results.
        let mut all = Vec::with_capacity(items.len());
        for worker in workers {
            all.extend(worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        all
    })
}
