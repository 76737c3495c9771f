//! glibc's malloc set for how a report uses memory: a few big buffers (answers' pieces, row
//! vectors, the agent list) made and freed within a second, on several threads. By default
//! each big one is mapped and unmapped, or the heap's top is given back after a free, so the
//! next one faults its pages in again; these settings keep freed memory for the next buffer.
//! Elsewhere the system allocator is left as it is.

/// Called first thing in `main`, before any other thread exists.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for (param, value) in [
        // Allocations below this come from the heap, to be reused once freed (glibc's largest).
        (libc::M_MMAP_THRESHOLD, 32 << 20),
        // Free memory at the heap's top is given back to the system only past this.
        (libc::M_TRIM_THRESHOLD, 256 << 20),
        // The heap grows by this much more than asked: address space, not memory, until written.
        (libc::M_TOP_PAD, 64 << 20),
    ] {
        // SAFETY: `mallopt` only sets malloc's parameters; no allocation is in flight, and a
        // value glibc refuses leaves its default (the call returns 0, which needs no action).
        unsafe {
            libc::mallopt(param, value);
        }
    }
}
