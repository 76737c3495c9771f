//! glibc's malloc set for how a report uses memory: a few big buffers (answers' pieces, row
//! vectors, the agent list) made and freed within a second, on several threads. By default
//! each big one is mapped and unmapped, or the heap's top is given back after a free, so the
//! next one faults its pages in again, 4 kB at a time; these settings keep freed memory for
//! the next buffer, keep every thread on the one heap, and ask for that heap in huge pages.
//! Elsewhere the system allocator is left as it is.

/// Called first thing in `main`, before any other thread exists.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        for (param, value) in [
            // Allocations below this come from the heap, to be reused once freed (glibc's largest).
            (libc::M_MMAP_THRESHOLD, 32 << 20),
            // Free memory at the heap's top is given back to the system only past this.
            (libc::M_TRIM_THRESHOLD, 256 << 20),
            // The heap grows by this much more than asked: address space only, until written.
            (libc::M_TOP_PAD, 64 << 20),
            // One heap for all threads, so the huge pages below serve them all; their big
            // allocations are few (pieces, names, growing vectors), so they rarely wait on it.
            (libc::M_ARENA_MAX, 1),
        ] {
            // SAFETY: `mallopt` only sets malloc's parameters; no allocation is in flight, and
            // a value glibc refuses leaves its default (the call returns 0, which needs no action).
            unsafe {
                libc::mallopt(param, value);
            }
        }
        huge_heap();
    }
}

/// Grows the heap now by the pad above and marks the new part for transparent huge pages, so
/// a big report faults its memory in 2 MB at a time rather than 4 kB (on a big workspace some
/// 8,000 faults, a sixth of the run, down to a few hundred). Where huge pages are off, or
/// always on, the advice changes nothing; where it fails, the heap is as it was.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn huge_heap() {
    const HUGE: usize = 2 << 20;
    // SAFETY: `sbrk(0)` only reads the break. The block is malloc's own, freed unwritten; at
    // start the heap's top is smaller than it, so malloc extends the heap (if not, the break
    // does not move and nothing is advised). Only the range the break moved over, the heap's
    // and nothing else's, is advised; `madvise` changes no memory's contents.
    unsafe {
        let before = libc::sbrk(0) as usize;
        // `black_box`: a block never used would be optimised away, malloc and free together.
        let block = std::hint::black_box(libc::malloc(1 << 20));
        let after = libc::sbrk(0) as usize;
        // A failed `sbrk` reads as all ones; then there is no heap range to advise.
        let start = before.checked_next_multiple_of(HUGE).unwrap_or(usize::MAX);
        if !block.is_null() && after != usize::MAX && after > start {
            libc::madvise(
                start as *mut libc::c_void,
                after - start,
                libc::MADV_HUGEPAGE,
            );
        }
        libc::free(block);
    }
}
