#if canImport(Glibc)
import Glibc
#endif

/// Opt-in flush timing for `make bench`: with `PAYOPS_FRAME_LOG=path`, every flush that writes cells appends
/// one line "microseconds cells full|incremental". Unset (always, outside the bench), it is never created.
final class FrameLog {
    private let file: UnsafeMutablePointer<FILE>

    private init(file: UnsafeMutablePointer<FILE>) { self.file = file }
    deinit { fclose(file) }

    /// The log named by `PAYOPS_FRAME_LOG`, or nil.
    static func fromEnvironment() -> FrameLog? {
        guard let path = getenv("PAYOPS_FRAME_LOG"), let file = fopen(path, "a") else { return nil }
        return FrameLog(file: file)
    }

    /// Microseconds from a monotonic clock.
    static func now() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return spec.tv_sec * 1_000_000 + spec.tv_nsec / 1000
    }

    /// Records one flush that started at `start` (from `now()`), if it wrote anything.
    func record(since start: Int, cells: Int, full: Bool) {
        guard cells > 0 else { return }
        let line = "\(FrameLog.now() - start) \(cells) \(full ? "full" : "incremental")\n"
        fputs(line, file)
        fflush(file)
    }
}
