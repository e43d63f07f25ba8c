//! Work spread over the machine's cores, for the writer and the builder: reading the data
//! files, checking the records, analysing their words, working out how suggestions write them
//! and encoding the chunks are most of a large build (a regional directory of 100,000 records),
//! and each file, record and chunk is independent of the others. One helper, so every stage
//! splits its work the same way.

/// Runs `f` on runs of `items`, one run per core (at most 8), and returns the results in the
/// items' order. One core, or few items, runs it on this thread.
pub fn in_runs<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(items.len().max(1));
    if threads == 1 {
        return vec![f(items)];
    }
    let run = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(run)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// `f` of every item, in the items' order, the items shared among the cores as [`in_runs`]
/// shares them.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    in_runs(items, |part| part.iter().map(&f).collect::<Vec<R>>())
        .into_iter()
        .flatten()
        .collect()
}
