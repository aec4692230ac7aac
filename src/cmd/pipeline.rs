//! Work on many items in parallel, consumed one at a time in input order: worker threads
//! take the next few items as soon as they finish theirs, never waiting at a batch's end for
//! the slowest, and run at most a fixed number of items ahead of the consumer, so the memory
//! held does not grow with the input. There is no consuming thread: the worker that hands over
//! the items next due consumes them, while the data it just made is still in its CPU's caches.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Items a worker takes, and hands over, at once: one lock of the items and one of the
/// hand-over for eight documents.
const TAKE: usize = 8;

/// Runs `work` on every item of `items` on `jobs` threads and hands each item with its result
/// to `consume`, in the order of `items`, on one of those threads at a time. No item is worked
/// on more than `ahead` items (at least [`TAKE`]) past the last one consumed, so no more threads
/// are started than that holds takes of [`TAKE`]: the others could only wait. The first error,
/// from `consume` or in place of an item, stops the workers and is returned, once the items
/// before it are consumed.
pub fn in_order<I, T, E>(
    items: impl Iterator<Item = Result<I, E>> + Send,
    jobs: usize,
    ahead: usize,
    work: impl Fn(&I) -> T + Sync,
    consume: impl FnMut(I, T) -> Result<(), E> + Send,
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
    let queue = Mutex::new(Queue { early: BTreeMap::new(), due: 0, consuming: false, failed: None });
    let consume = Mutex::new(consume);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (items, window, work, queue, consume) = (&items, &window, &work, &queue, &consume);
            scope.spawn(move || {
                let _close = Closer(window);
                loop {
                    let (first, taken) = take(items);
                    if taken.is_empty() || !window.admit(first + taken.len() - 1) {
                        return;
                    }
                    let done = taken
                        .into_iter()
                        .map(|item| {
                            item.map(|item| {
                                let result = work(&item);
                                (item, result)
                            })
                        })
                        .collect();
                    if !hand_over(first, done, queue, window, consume) {
                        return;
                    }
                }
            });
        }
    });
    lock(&queue).failed.take().map_or(Ok(()), Err)
}

/// A take's items with their results, or an error in place of an item.
type Done<I, T, E> = Vec<Result<(I, T), E>>;

/// Takes done before their turn, and who consumes them.
struct Queue<I, T, E> {
    /// Takes done, by the index of their first item.
    early: BTreeMap<usize, Done<I, T, E>>,
    /// The index of the next item to consume.
    due: usize,
    /// Whether a worker is consuming: it takes every take due until none is left.
    consuming: bool,
    failed: Option<E>,
}

/// Hands over a take done from `first` on, and consumes it and every take due after it unless
/// another worker is consuming already; false once the run has failed.
fn hand_over<I, T, E>(
    first: usize,
    done: Done<I, T, E>,
    queue: &Mutex<Queue<I, T, E>>,
    window: &Window,
    consume: &Mutex<impl FnMut(I, T) -> Result<(), E>>,
) -> bool {
    let mut state = lock(queue);
    if state.failed.is_some() {
        return false;
    }
    state.early.insert(first, done);
    if state.consuming {
        return true;
    }
    state.consuming = true;
    loop {
        let due = state.due;
        let Some(done) = state.early.remove(&due) else {
            state.consuming = false;
            return true;
        };
        drop(state);
        let next = due + done.len();
        let consumed = {
            let mut consume = lock(consume);
            done.into_iter().try_for_each(|item| {
                let (item, result) = item?;
                (*consume)(item, result)
            })
        };
        state = lock(queue);
        if let Err(e) = consumed {
            state.failed = Some(e);
            window.close();
            return false;
        }
        state.due = next;
        window.consumed(next);
    }
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

/// Closes the window when its worker panics, so that no thread waits for an item that will
/// never come.
struct Closer<'w>(&'w Window);

impl Drop for Closer<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
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
    fn the_workers_consume_one_at_a_time_and_no_other_thread_does() {
        let workers = Mutex::new(HashSet::new());
        let consumers = Mutex::new(HashSet::new());
        let consuming = AtomicUsize::new(0);
        let work = |_: &usize| {
            lock(&workers).insert(std::thread::current().id());
        };
        let done: Result<(), ()> = in_order((0..400usize).map(Ok), 4, 4 * TAKE, work, |_, ()| {
            assert_eq!(consuming.fetch_add(1, Ordering::SeqCst), 0, "two consume at once");
            lock(&consumers).insert(std::thread::current().id());
            std::thread::sleep(Duration::from_micros(20));
            consuming.fetch_sub(1, Ordering::SeqCst);
            Ok(())
        });
        assert_eq!(done, Ok(()));
        let (workers, consumers) = (lock(&workers), lock(&consumers));
        assert!(!consumers.contains(&std::thread::current().id()));
        assert!(consumers.is_subset(&workers), "{} consumers, {} workers", consumers.len(), workers.len());
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
    fn a_consumer_that_panics_does_not_leave_the_workers_waiting() {
        let run = std::panic::catch_unwind(|| {
            in_order(
                (0..1000usize).map(Ok),
                3,
                2 * TAKE,
                |n| *n,
                |n, _| {
                    assert_ne!(n, 30, "item 30");
                    Ok::<(), ()>(())
                },
            )
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
