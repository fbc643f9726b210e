//! Giving freed memory back to the system, and how the allocator is told to.
//!
//! A parse frees as much as it keeps (the items it read, before the document took
//! their texts), in small pieces among the document's own. glibc keeps such memory for
//! the thread that freed it, and the search index, built on another thread right after,
//! cannot reuse it: at 100 MB the reader held 50 MB more than it used. Trimming returns
//! every free page inside the heap to the system (`malloc_trim`, glibc only).

/// Big allocations get pages of their own, given back the moment they are freed. glibc
/// maps an allocation of 128 KiB or more on its own, but raises that bound to the size of
/// each such block freed (up to 32 MiB): after the first piece of a big file was freed,
/// every later piece, run of items and index vector came from the heap, and their frees
/// left holes among the document's texts that nothing could use. A fixed bound keeps the
/// first behaviour: at 100 MB the parse peaked at 169 MiB, not 184 (`--json`, `time -v`).
/// Call it first, before any thread starts.
pub fn map_big_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets an allocator parameter; called before other threads
    // exist, nothing allocates concurrently.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// Returns the free pages of the heap to the system, where the allocator can (glibc);
/// elsewhere it does nothing.
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds free; it takes no
    // pointer and may be called from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
