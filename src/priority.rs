//! Background work yields to the keys.
//!
//! On two cores the reader's UI thread, the worker parsing the rest of a big file, the
//! worker reading its facts and the terminal itself share the CPU: at an equal priority a
//! key pressed during the parse (`G`, a page) waits its turn behind the workers. The
//! workers lower their own priority, so the scheduler runs the UI thread first whenever
//! both want the CPU; on an idle core the parse runs as fast as before.

/// How much lower than the reader's priority the workers run (a nice value: 0 is normal,
/// 19 the lowest).
pub const BACKGROUND_NICE: i32 = 10;

/// Lower the calling thread's priority by [`BACKGROUND_NICE`] (at most to 19); the threads
/// it starts afterwards inherit it. Linux only, where `nice` changes the calling thread's
/// value alone (POSIX has it per process, and lowering the process would slow the UI
/// thread too); elsewhere, or when the system refuses, nothing changes.
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: `nice` takes no pointers; raising one's own nice value needs no privilege.
    unsafe {
        libc::nice(BACKGROUND_NICE);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The calling thread's nice value (`who` 0 is the calling thread on Linux).
    fn this_threads_nice() -> i32 {
        // SAFETY: no pointers; errno is this thread's own. `getpriority` returns -1 for a
        // nice value of -1 and for an error alike: errno tells them apart.
        unsafe {
            *libc::__errno_location() = 0;
            let n = libc::getpriority(libc::PRIO_PROCESS, 0);
            assert!(
                n != -1 || *libc::__errno_location() == 0,
                "getpriority failed"
            );
            n
        }
    }

    #[test]
    fn a_worker_lowers_its_own_priority_and_not_the_callers() {
        let before = this_threads_nice();
        let (worker, inherited) = std::thread::spawn(|| {
            lower_this_thread();
            let inherited = std::thread::spawn(this_threads_nice).join().unwrap_or(-100);
            (this_threads_nice(), inherited)
        })
        .join()
        .expect("worker");
        assert_eq!(
            worker,
            (before + BACKGROUND_NICE).min(19),
            "the worker is lowered"
        );
        assert_eq!(inherited, worker, "threads it starts inherit it");
        assert_eq!(this_threads_nice(), before, "the calling thread is not");
    }
}
