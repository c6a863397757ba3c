import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server with one window, for timing the real console (tmux is started with posix_spawn
/// through `Subprocess`, never Foundation's Process, which hangs on tmux).
final class BenchTmux {
    let socketName = "payops-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    private var alive = false

    /// Starts an idle window of `width`×`height`; `run` then starts programs in it.
    init(width: Int, height: Int) throws {
        let started = tmux(["-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                            "set-option", "-g", "default-size", "\(width)x\(height)", ";",
                            "new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height), "sleep 3600"])
        guard started.succeeded else { throw ServerError("tmux new-session failed: \(started.output)") }
        alive = true
    }

    deinit { close() }

    /// Kills the tmux server and what runs in it.
    func close() {
        guard alive else { return }
        alive = false
        _ = tmux(["kill-server"])
    }

    /// Replaces what the pane runs with `command` (`VAR=value … program arguments`, shell-quoted), which becomes
    /// the pane's process (exec'd), so its pid is the pane's.
    func run(_ command: String) {
        _ = tmux(["respawn-pane", "-k", "-t", "t", "exec env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color \(command)"])
    }

    /// Sends keys as tmux names them, or literal text.
    func send(_ keys: String..., literal: Bool = false) {
        _ = tmux(["send-keys", "-t", "t"] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen as plain text.
    func screen() -> String { tmux(["capture-pane", "-p", "-t", "t"]).output }

    /// The pid of the pane's process.
    var panePID: pid_t? { pid_t(tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).output.trimmedLine) }

    /// True once the pane's program has exited.
    var paneDead: Bool { tmux(["display-message", "-p", "-t", "t", "#{pane_dead}"]).output.trimmedLine == "1" }

    /// Polls the screen (no fixed sleeps) until `done` holds; the screen, or nil after `seconds`.
    func wait(seconds: Double = 120, until done: (String) -> Bool) -> String? {
        let deadline = monotonicMicroseconds() + Int(seconds * 1_000_000)
        while monotonicMicroseconds() < deadline {
            let text = screen()
            if done(text) { return text }
            usleep(2000)
        }
        return nil
    }

    /// Waits until the console is idle: no query running, no pane loading, the screen the same over three polls.
    @discardableResult
    func waitIdle(seconds: Double = 300) -> String? {
        var last = "", same = 0
        let idle = wait(seconds: seconds) { text in
            let busy = text.contains("Esc cancels") || text.contains("loading")
            same = !busy && text == last ? same + 1 : 0
            last = text
            if same < 3 { usleep(20_000) }
            return same >= 3
        }
        return idle
    }

    private func tmux(_ arguments: [String]) -> Subprocess.Outcome {
        Subprocess.run(["tmux", "-L", socketName] + arguments)
    }
}

/// A process's memory high-water mark (VmHWM) in kilobytes, from /proc.
func peakRSSKilobytes(_ pid: pid_t) -> Int? {
    let status = Subprocess.run(["cat", "/proc/\(pid)/status"]).output
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.split(separator: " ").dropFirst().first ?? "")
}
