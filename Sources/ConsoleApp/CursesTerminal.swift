import CCurses
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// The only code that touches the terminal: starts curses, reads keys, draws, and always restores.
final class CursesTerminal {
    private var screen: OpaquePointer?
    private var savedStderr: Int32 = -1
    private var logPath: String?
    private(set) var hasColors = false

    /// Starts curses on stdin/stdout. Throws with a clear reason when there is no usable terminal.
    init(logPath: String) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("payops needs a terminal (stdin and stdout must be a TTY)")
        }
        setlocale(LC_ALL, "")
        let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
        let addressable = payops_terminal_can_address_cursor()
        guard addressable >= 0 else {
            throw TerminalError("cannot start the terminal: TERM=\(term) is unknown to ncurses; try TERM=xterm-256color")
        }
        guard addressable == 1 else {
            throw TerminalError("TERM=\(term) cannot move the cursor, which a full-screen console needs; "
                                + "run payops in a terminal such as xterm-256color (or use the subcommands: payops --help)")
        }
        // Anything on stderr would draw over the screen: send it to the log while curses runs.
        savedStderr = dup(2)
        // A new file of our own: never follow a link someone planted, never append to another process's log.
        let log = open(logPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if log >= 0 { dup2(log, 2); close(log) }
        self.logPath = log >= 0 ? logPath : nil
        guard let screen = payops_newterm() else {
            restoreStderr()
            throw TerminalError("cannot start the terminal: TERM=\(term) is unknown to ncurses; try TERM=xterm-256color")
        }
        self.screen = screen
        payops_install_crash_handlers()
        raw()                 // Ctrl-C arrives as a key, not a signal (and never reaches child processes)
        noecho()
        nonl()
        keypad(payops_stdscr(), true)
        nodelay(payops_stdscr(), true)
        set_escdelay(25)
        _ = payops_enable_mouse()         // click a row or a tab, turn the wheel (Shift-drag still selects text)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            hasColors = true
        }
    }

    deinit { restore() }

    /// Ends curses and gives the terminal back exactly as it was. Safe to call twice.
    func restore() {
        guard let screen else { return }
        endwin()
        delscreen(screen)
        self.screen = nil
        restoreStderr()
    }

    private func restoreStderr() {
        if savedStderr >= 0 { dup2(savedStderr, 2); close(savedStderr); savedStderr = -1 }
        // Nothing was logged: leave no file behind.
        var info = stat()
        if let logPath, stat(logPath, &info) == 0, info.st_size == 0 { unlink(logPath) }
        logPath = nil
    }

    /// Columns and rows.
    var size: (width: Int, height: Int) { (Int(payops_cols()), Int(payops_lines())) }

    /// The next key, or nil when none is waiting.
    func readKey() -> Key? {
        var character: wint_t = 0
        var status = wget_wch(payops_stdscr(), &character)
        // A code we do not use (a mouse release, an unknown key) is skipped, not taken for "nothing waiting":
        // what follows it in curses' buffer would otherwise wait for the next keystroke.
        while status == KEY_CODE_YES {
            if let key = Self.functionKey(Int32(character)) { return key }
            status = wget_wch(payops_stdscr(), &character)
        }
        guard status == OK else { return nil }
        switch character {
        case 0: return .control(" ")       // Ctrl-Space sends NUL
        case 27:
            // Alt-x arrives as Esc and x together: the next character is already waiting.
            var next: wint_t = 0
            let nextStatus = wget_wch(payops_stdscr(), &next)
            if nextStatus == OK, next >= 32, next != 127, let scalar = Unicode.Scalar(UInt32(next)) { return .alt(Character(scalar)) }
            if nextStatus == KEY_CODE_YES { ungetch(Int32(next)) } else if nextStatus == OK { unget_wch(wchar_t(truncatingIfNeeded: next)) }
            return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 127, 8: return .backspace
        case 1...7, 11, 12, 14...26: return .control(Character(Unicode.Scalar(UInt8(character) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Ctrl-← and Ctrl-→ as curses numbers them for this terminal (terminfo's kLFT5 and kRIT5).
    private static let wordKeys = (left: payops_key_code("kLFT5"), right: payops_key_code("kRIT5"))

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_RESIZE: return .resize
        case KEY_DC: return .delete
        case KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0
            switch payops_read_mouse(&x, &y) {
            case 1: return .mouse(MouseEvent(.press, x: Int(x), y: Int(y)))
            case 2: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
            case 3: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
            default: return nil
            }
        case wordKeys.left where wordKeys.left > 0: return .wordLeft
        case wordKeys.right where wordKeys.right > 0: return .wordRight
        default:
            for n in 1...12 where code == payops_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

}

/// Why the terminal could not be used.
struct TerminalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
