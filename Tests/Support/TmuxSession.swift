import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// Drives a real program inside a private tmux server: send keys, read the screen as a person sees it.
/// Every session has its own `-L` socket, so tests never share a tmux server.
public final class TmuxSession {
    public let socketName: String
    private var alive = true

    /// Starts `command` (a shell command line) in a detached session of `width`×`height`.
    public init(_ command: String, width: Int = 120, height: Int = 40) throws {
        socketName = "payops-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // One invocation: the dead pane (and its last screen) stays until we kill the server.
        let started = Subprocess.run([
            "tmux", "-L", socketName, "-f", "/dev/null", "start-server", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            // Born at its final size: a resize right after start would push early output off the screen.
            "set-option", "-g", "default-size", "\(width)x\(height)", ";",
            "new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height), "sleep 3600", ";",
            // Without a TTY on our side, a program started by new-session itself can run before the
            // window has its size and lose its first lines; respawning the pane starts it afterwards.
            // The test runner exports NO_COLOR; a test that wants it sets it in its own command.
            "respawn-pane", "-k", "-t", "t", "env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color \(command)",
        ])
        guard started.succeeded else { throw TmuxError("tmux new-session failed: \(started.output)") }
    }

    deinit { close() }

    /// Kills the tmux server (and the program in it).
    public func close() {
        guard alive else { return }
        alive = false
        _ = tmux(["kill-server"])
    }

    /// Sends keys as tmux names them (`q`, `Enter`, `Escape`, `C-c`, `Down`, `NPage`), or literal text with `literal`.
    public func send(_ keys: String..., literal: Bool = false) {
        _ = tmux(["send-keys", "-t", "t"] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen as plain text, one line per row (lines the terminal wrapped are joined).
    public func screen() -> String {
        tmux(["capture-pane", "-p", "-J", "-t", "t"]).output
    }

    /// Scrollback plus screen: what scrolled by after the program ended (full-screen programs draw on the
    /// alternate screen, which never reaches the scrollback).
    public func transcript() -> String {
        tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", "t"]).output
    }

    /// Waits until the transcript contains `text` (for output printed after a program exits).
    @discardableResult
    public func waitForTranscript(text: String, seconds: Double = 20) throws -> String {
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        var last = ""
        while monotonicMilliseconds() < deadline {
            last = transcript()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw TmuxError("timed out after \(seconds) s waiting for \"\(text)\" in the transcript:\n\(last)")
    }

    /// The process id of the program the pane runs.
    public var panePID: Int32? { Int32(tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).output.trimmingSpace()) }

    /// The screen with colour and attribute escape codes, to check styling.
    public func styledScreen() -> String {
        tmux(["capture-pane", "-p", "-e", "-t", "t"]).output
    }

    /// Lets the program set tmux's paste buffer with OSC 52 (`set-clipboard on`), so that a copy can be read back.
    public func acceptClipboard() {
        _ = tmux(["set-option", "-s", "set-clipboard", "on"])
    }

    /// The newest paste buffer (what the program last copied with OSC 52), or "" when there is none.
    public func pasteBuffer() -> String {
        tmux(["show-buffer"]).output
    }

    /// A mouse event as the terminal sends it (X10 encoding, which tmux-256color's terminfo names): `button` 0 is
    /// a left press, 3 a release, 64 and 65 the wheel up and down; `x` and `y` are 0-based screen cells.
    public func mouse(button: Int, x: Int, y: Int) {
        let bytes = [0x1b, 0x5b, 0x4d, 32 + button, 33 + x, 33 + y]
        _ = tmux(["send-keys", "-t", "t", "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// A left click (press and release) at a screen cell.
    public func click(x: Int, y: Int) {
        mouse(button: 0, x: x, y: y)
        mouse(button: 3, x: x, y: y)
    }

    /// Resizes the window.
    public func resize(width: Int, height: Int) {
        _ = tmux(["resize-window", "-t", "t", "-x", String(width), "-y", String(height)])
    }

    /// True once the program in the pane has exited; its status is in `exitStatus`.
    public var exited: Bool { tmux(["display-message", "-p", "-t", "t", "#{pane_dead}"]).output.hasPrefix("1") }
    public var exitStatus: Int? { Int(tmux(["display-message", "-p", "-t", "t", "#{pane_dead_status}"]).output.trimmingSpace()) }

    /// Polls the screen until `predicate` holds, or fails after `seconds` with the last screen in the error.
    @discardableResult
    public func waitFor(_ what: String, seconds: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        var last = ""
        while monotonicMilliseconds() < deadline {
            last = screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw TmuxError("timed out after \(seconds) s waiting for \(what); the screen was:\n\(last)")
    }

    /// Like `waitFor`, but returns only a screen the program has finished drawing: the predicate holds on two
    /// captures 100 ms apart whose rows below the header (which carries a spinner and a clock) are the same.
    /// A capture taken while the terminal is still receiving a frame can show the new pane's title over the
    /// old pane's rows; on a busy machine that happened (seen once in CI).
    @discardableResult
    public func waitForSettled(_ what: String, seconds: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        func body(_ screen: String) -> [Substring] { Array(screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()) }
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        var last = ""
        while monotonicMilliseconds() < deadline {
            last = screen()
            if predicate(last) {
                usleep(100_000)
                let again = screen()
                if predicate(again) && body(again) == body(last) { return again }
                last = again
                continue
            }
            usleep(50_000)
        }
        throw TmuxError("timed out after \(seconds) s waiting for \(what) to settle; the screen was:\n\(last)")
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(text: String, seconds: Double = 20) throws -> String {
        try waitFor("\"\(text)\"", seconds: seconds) { $0.contains(text) }
    }

    private func tmux(_ arguments: [String]) -> Subprocess.Outcome {
        Subprocess.run(["tmux", "-L", socketName] + arguments)
    }
}

/// A tmux step that failed, with the screen at that moment.
public struct TmuxError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Where the built `payops` binary is: `.build/debug/payops` in the package this file belongs to.
public func payopsBinary(filePath: String = #filePath) -> String {
    // filePath is …/Tests/Support/TmuxSession.swift; the package root is two folders up.
    let parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
    let packageRoot = parts.dropLast(3).joined(separator: "/")
    return "\(packageRoot)/.build/debug/payops"
}

extension String {
    func trimmingSpace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        return String(text)
    }
}
