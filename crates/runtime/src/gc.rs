//! Collections paced by the memory Boa cannot see.
//!
//! Boa 0.22 starts a collection when the `GcBox`es allocated since the last
//! one pass its threshold (1 MiB, raised when much survives). That count
//! leaves out everything a box owns on the Rust heap: ArrayBuffer contents,
//! object property storage, the native data of host objects. Natives report
//! what they hand to JS with [`Host::note_external_bytes`](crate::Host); the
//! loop forces a collection once enough of it was delivered since the last
//! collection — whoever ran it, so a script that allocates plenty of JS
//! objects per response (and so is collected by Boa often) pays for no extra
//! collection.

use std::cell::Cell;
use std::rc::Rc;

use boa_gc::{Finalize, Gc, Trace};

/// Bytes handed to JS outside Boa's heap after which the loop collects.
///
/// The W1 callback form (1 KiB responses, little JS per response) allocates
/// so few `GcBox`es that Boa collected only every ~1,800 responses, keeping
/// that many dead responses (and whatever native memory they own) around;
/// this bound brings it to every ~1,000 responses of 1 KiB. A collection
/// marks the whole live heap (~1 ms here), so the bound is not smaller.
pub(crate) const GC_EXTERNAL_BYTES: usize = 1024 * 1024;

/// Set when a collection runs: an unreachable box whose finalizer raises a
/// flag. One is armed after every collection the pacer sees.
#[derive(Trace)]
struct Probe(#[unsafe_ignore_trace] Rc<Cell<bool>>);

impl Finalize for Probe {
    fn finalize(&self) {
        self.0.set(true);
    }
}

/// The host's collection pacing (one per runtime, on the JS thread).
pub(crate) struct GcPacer {
    external: Cell<usize>,
    /// Raised by a [`Probe`] when Boa (or we) collected.
    collected: Rc<Cell<bool>>,
}

impl GcPacer {
    pub(crate) fn new() -> Self {
        let pacer = GcPacer {
            external: Cell::new(0),
            collected: Rc::new(Cell::new(false)),
        };
        pacer.arm();
        pacer
    }

    /// Drops a probe into Boa's heap: nothing refers to it, so the next
    /// collection finalizes it.
    fn arm(&self) {
        drop(Gc::new(Probe(self.collected.clone())));
    }

    pub(crate) fn note(&self, n: usize) {
        self.external.set(self.external.get().saturating_add(n));
    }

    /// Once per loop turn: forgets what was delivered before a collection
    /// Boa ran by itself; collects if the bytes delivered since the last
    /// collection passed [`GC_EXTERNAL_BYTES`].
    pub(crate) fn maybe_collect(&self) {
        if self.collected.replace(false) {
            // Boa collected since the last turn: what was delivered before
            // that collection is freed if dead. The rest of this turn's
            // bytes is counted from now on (an underestimate of at most one
            // turn's deliveries).
            self.external.set(0);
            self.arm();
        }
        if self.external.get() >= GC_EXTERNAL_BYTES {
            self.external.set(0);
            boa_gc::force_collect();
            self.collected.set(false);
            self.arm();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_is_noticed_and_resets_the_count() {
        let pacer = GcPacer::new();
        pacer.note(GC_EXTERNAL_BYTES - 1);
        boa_gc::force_collect();
        assert!(pacer.collected.get(), "the probe was not finalized");
        pacer.maybe_collect();
        assert_eq!(pacer.external.get(), 0);
        assert!(!pacer.collected.get());
        // A new probe is armed: the next collection is seen too.
        boa_gc::force_collect();
        assert!(pacer.collected.get());
    }

    #[test]
    fn enough_external_bytes_force_a_collection() {
        let pacer = GcPacer::new();
        pacer.maybe_collect();
        pacer.collected.set(false);
        pacer.note(GC_EXTERNAL_BYTES / 2);
        pacer.maybe_collect();
        assert_eq!(pacer.external.get(), GC_EXTERNAL_BYTES / 2);
        pacer.note(GC_EXTERNAL_BYTES / 2);
        pacer.maybe_collect();
        assert_eq!(pacer.external.get(), 0);
        // The forced collection finalized the probe armed before it and a
        // new one was armed after it.
        assert!(!pacer.collected.get());
        boa_gc::force_collect();
        assert!(pacer.collected.get());
    }
}
