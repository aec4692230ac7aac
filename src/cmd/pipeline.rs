//! Work on many items in parallel, consumed one at a time in input order: worker threads
//! take the next few items as soon as they finish theirs, never waiting at a batch's end for
//! the slowest, and run at most a fixed number of items ahead of the consumer, so the memory
//! held does not grow with the input.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Items a worker takes, and hands over, at once. Taken one at a time, a worker and the
/// consumer sharing a CPU switched at every item: 6,200 context switches on the 40 MB bench
/// corpus, against 900 eight at a time.
const TAKE: usize = 8;

/// Runs `work` on every item of `items` on `jobs` threads and hands each item with its result
/// to `consume`, in the order of `items`. No item is worked on more than `ahead` items (at
/// least [`TAKE`]) past the last one consumed, so no more threads are started than that holds
/// takes of [`TAKE`]: the others could only wait. The first error, from `consume` or in place of
/// an item, stops the workers and is returned, once the items before it are consumed.
pub fn in_order<I, T, E>(
    items: impl Iterator<Item = Result<I, E>> + Send,
    jobs: usize,
    ahead: usize,
    work: impl Fn(&I) -> T + Sync,
    mut consume: impl FnMut(I, T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    T: Send,
    E: Send,
{
    let window = Window::new(ahead.max(TAKE));
    let workers = jobs.clamp(1, window.size / TAKE);
    // The next item's index, and the items.
    let items = Mutex::new((0, items));
    std::thread::scope(|scope| {
        // Whatever way this returns, workers waiting for room stop waiting.
        let _close = Closer { window: &window, always: true };
        let (send, receive) = mpsc::channel();
        for _ in 0..workers {
            let send = send.clone();
            let (items, window, work) = (&items, &window, &work);
            scope.spawn(move || {
                let _close = Closer { window, always: false };
                loop {
                    let (first, taken) = take(items);
                    if taken.is_empty() || !window.admit(first + taken.len() - 1) {
                        return;
                    }
                    let done: Vec<_> = taken
                        .into_iter()
                        .map(|item| {
                            item.map(|item| {
                                let result = work(&item);
                                (item, result)
                            })
                        })
                        .collect();
                    if send.send((first, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        // Items done before their turn, by the index of the first of each take.
        let mut early = BTreeMap::new();
        let mut due = 0;
        for (first, done) in receive {
            early.insert(first, done);
            while let Some(done) = early.remove(&due) {
                due += done.len();
                for item in done {
                    let (item, result) = item?;
                    consume(item, result)?;
                }
                window.consumed(due);
            }
        }
        Ok(())
    })
}

/// The next [`TAKE`] items, or fewer at the end, and the index of the first.
fn take<I, E>(items: &Mutex<(usize, impl Iterator<Item = Result<I, E>>)>) -> (usize, Vec<Result<I, E>>) {
    let mut items = lock(items);
    let (next, rest) = &mut *items;
    let taken: Vec<_> = rest.take(TAKE).collect();
    let first = *next;
    *next += taken.len();
    (first, taken)
}

/// How many items have been consumed, and whether the run has stopped: workers wait here
/// until the item they took is within `size` of the next one due.
struct Window {
    size: usize,
    state: Mutex<WindowState>,
    moved: Condvar,
}

struct WindowState {
    consumed: usize,
    closed: bool,
}

impl Window {
    fn new(size: usize) -> Window {
        Window { size, state: Mutex::new(WindowState { consumed: 0, closed: false }), moved: Condvar::new() }
    }

    /// Waits until item `index` may be worked on; false if the run stopped first.
    fn admit(&self, index: usize) -> bool {
        let mut state = lock(&self.state);
        while !state.closed && index >= state.consumed + self.size {
            state = self.moved.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        !state.closed
    }

    /// Records that the first `items` items are consumed.
    fn consumed(&self, items: usize) {
        lock(&self.state).consumed = items;
        self.moved.notify_all();
    }

    fn close(&self) {
        lock(&self.state).closed = true;
        self.moved.notify_all();
    }
}

/// Closes the window when dropped, `always` (the consumer, however it returns) or in a panic
/// (a worker), so that no thread waits for an item that will never come.
struct Closer<'w> {
    window: &'w Window,
    always: bool,
}

impl Drop for Closer<'_> {
    fn drop(&mut self) {
        if self.always || std::thread::panicking() {
            self.window.close();
        }
    }
}

/// A lock whose holder panicking leaves nothing half-changed: the data is used as it is.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_input_order_whatever_order_they_finish_in() {
        for jobs in [1, 2, 4, 8] {
            let mut seen = Vec::new();
            let work = |n: &u64| {
                // Later items finish first.
                std::thread::sleep(Duration::from_micros(200 - n % 7 * 25));
                n * n
            };
            let done: Result<(), ()> = in_order((0..200u64).map(Ok), jobs, 5 * TAKE, work, |n, square| {
                seen.push((n, square));
                Ok(())
            });
            assert_eq!(done, Ok(()));
            assert_eq!(seen, (0..200).map(|n| (n, n * n)).collect::<Vec<_>>(), "{jobs} jobs");
        }
    }

    #[test]
    fn no_item_is_worked_on_more_than_ahead_items_past_the_last_consumed() {
        let consumed = AtomicUsize::new(0);
        let furthest = AtomicUsize::new(0);
        let work = |n: &usize| {
            let lead = n + 1 - consumed.load(Ordering::SeqCst);
            furthest.fetch_max(lead, Ordering::SeqCst);
        };
        let done: Result<(), ()> = in_order((0..500usize).map(Ok), 4, 3 * TAKE, work, |_, ()| {
            std::thread::sleep(Duration::from_micros(50));
            consumed.fetch_add(1, Ordering::SeqCst);
            Ok(())
        });
        assert_eq!(done, Ok(()));
        let furthest = furthest.load(Ordering::SeqCst);
        assert!(furthest <= 3 * TAKE, "{furthest} ahead");
    }

    #[test]
    fn no_more_threads_work_than_the_window_holds_takes() {
        let threads = Mutex::new(HashSet::new());
        let work = |_: &usize| {
            lock(&threads).insert(std::thread::current().id());
        };
        let done: Result<(), ()> = in_order((0..400usize).map(Ok), 16, 2 * TAKE, work, |_, ()| {
            std::thread::sleep(Duration::from_micros(20));
            Ok(())
        });
        assert_eq!(done, Ok(()));
        assert!(lock(&threads).len() <= 2, "{} threads worked", lock(&threads).len());
    }

    #[test]
    fn the_consumers_error_stops_the_workers_and_is_returned() {
        let worked = AtomicUsize::new(0);
        let work = |_: &usize| {
            worked.fetch_add(1, Ordering::SeqCst);
        };
        let done =
            in_order(
                (0..100_000usize).map(Ok),
                4,
                2 * TAKE,
                work,
                |n, ()| {
                    if n == 10 { Err(n) } else { Ok(()) }
                },
            );
        assert_eq!(done, Err(10));
        // Item 10 and at most `ahead` items past it, nothing like the whole input.
        let worked = worked.load(Ordering::SeqCst);
        assert!(worked <= 11 + 2 * TAKE, "{worked} worked on");
    }

    #[test]
    fn an_item_that_fails_stops_the_run_after_the_items_before_it() {
        let items = (0..1000usize).map(|n| if n == 20 { Err(n) } else { Ok(n) });
        let mut seen = Vec::new();
        let done = in_order(
            items,
            3,
            2 * TAKE,
            |n| n * 2,
            |n, twice| {
                seen.push((n, twice));
                Ok(())
            },
        );
        assert_eq!(done, Err(20));
        assert_eq!(seen, (0..20).map(|n| (n, n * 2)).collect::<Vec<_>>());
    }

    #[test]
    fn a_worker_that_panics_does_not_leave_the_others_waiting() {
        let run = std::panic::catch_unwind(|| {
            in_order((0..1000usize).map(Ok), 3, 2, |n| assert_ne!(*n, 5, "item 5"), |_, ()| Ok::<(), ()>(()))
        });
        assert!(run.is_err(), "the panic is passed on once every thread has stopped");
    }

    #[test]
    fn no_items_and_one_item() {
        let mut seen = Vec::new();
        let mut keep = |n: u8, m: u8| -> Result<(), ()> {
            seen.push(n + m);
            Ok(())
        };
        assert_eq!(in_order(std::iter::empty::<Result<u8, ()>>(), 2, 4, |n| n + 1, &mut keep), Ok(()));
        assert_eq!(in_order(std::iter::once(Ok(7)), 2, 4, |n| n + 1, &mut keep), Ok(()));
        assert_eq!(seen, [15]);
    }
}
