//! An article's body HTML, made once for its two files. The article page and its
//! annotation collection (whose selectors are read off the body as the page publishes
//! it) serialize the same body in the same folder, so to the same HTML. Pages render in
//! plan order, each thread taking a run of neighbours, and the collection follows its
//! article in the plan: each thread keeps the last body it made, for the next page to
//! take. Where reads are recorded, the reads made while serializing it are kept with
//! it, and the page that takes it notes them too, since an edit must see what every
//! page read.

use std::sync::Mutex;

use crate::render::reads::Read;

/// A body's HTML, and what serializing it read.
type Made = (String, Vec<Read>);

/// The last article body each thread serialized.
pub(crate) struct SharedBodies {
    /// One slot per thread of the pool, and one for any other thread.
    slots: Vec<Mutex<Option<(usize, Made)>>>,
}

impl SharedBodies {
    /// Empty slots for the current thread pool.
    pub(crate) fn new() -> SharedBodies {
        SharedBodies { slots: (0..=rayon::current_num_threads()).map(|_| Mutex::default()).collect() }
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<(usize, Made)>> {
        let last = self.slots.len() - 1;
        let slot = &self.slots[rayon::current_thread_index().map_or(last, |i| i.min(last))];
        slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The body HTML of article `a`: the one this thread made last, when it is that
    /// article's, with what making it read; else made by `make` (which gives the HTML
    /// and what it read) and kept for the next page, with no reads to note again.
    pub(crate) fn get(&self, a: usize, make: impl FnOnce() -> Made) -> (String, Option<Vec<Read>>) {
        // Not locked while making: nothing then runs on this thread but this page.
        let kept = self.slot().take();
        match kept {
            Some((kept, (html, reads))) if kept == a => (html, Some(reads)),
            _ => {
                let (html, reads) = make();
                *self.slot() = Some((a, (html.clone(), reads)));
                (html, None)
            }
        }
    }
}
