import CCurses
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// Puts a `Grid` on the terminal: only the cells that changed since the last frame, each with the
/// colours and attributes the theme gives its role.
final class CursesBackend {
    private(set) var theme: Theme
    private var previous = Grid()
    private var pairs: [Theme.Look: Int16] = [:]
    private let colours: Bool
    private let frameLog = FrameLog.fromEnvironment()

    init(theme: Theme, colours: Bool) {
        self.theme = theme
        self.colours = colours
    }

    /// Switches theme; the next flush redraws everything.
    func setTheme(_ theme: Theme) {
        self.theme = theme
        pairs = [:]
        previous = Grid()
    }

    /// Forgets what is on screen (after a resize), so the next flush redraws everything.
    func invalidate() { previous = Grid() }

    /// Draws what changed and moves the cursor; returns how many cells were written.
    @discardableResult
    func flush(_ grid: Grid) -> Int {
        var written = 0
        let start = frameLog == nil ? 0 : FrameLog.now(), full = grid.needsFullRedraw(from: previous)
        if full { werase(payops_stdscr()) }
        for run in grid.changedRuns(from: previous) {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                guard !cell.isContinuation else { continue }
                put(cell, x: x, y: run.y)
                written += 1
            }
        }
        if let cursor = grid.cursor {
            curs_set(1)
            wmove(payops_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(payops_stdscr())
        frameLog?.record(since: start, cells: written, full: full)
        previous = grid
        return written
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var look = theme.look(cell.style.role)
        if cell.style.bold { look.bold = true }
        if cell.style.underline { look.underline = true }
        if cell.style.reverse { look.reverse.toggle() }
        var attributes = payops_a_normal()
        if look.bold { attributes |= payops_a_bold() }
        if look.dim { attributes |= payops_a_dim() }
        if look.underline { attributes |= payops_a_underline() }
        if look.reverse { attributes |= payops_a_reverse() }
        if look.italic { attributes |= payops_a_italic() }
        let pair = colours ? pairNumber(foreground: look.foreground, background: look.background) : 0
        var scalars = cell.character.unicodeScalars.map { wchar_t(truncatingIfNeeded: $0.value) }
        scalars.append(0)
        _ = payops_put_cell(Int32(y), Int32(x), scalars, attributes, pair)
    }

    /// A colour pair for the combination, allocated on first use (colours beyond the terminal's fall back).
    private func pairNumber(foreground: Int, background: Int) -> Int16 {
        let available = Int(payops_colors())
        let fg = foreground < available ? foreground : foreground % 8
        let bg = background < available ? background : background % 8
        let key = Theme.Look(foreground: fg, background: bg)
        if let pair = pairs[key] { return pair }
        guard fg != -1 || bg != -1 else { return 0 }
        let next = Int16(pairs.count + 1)
        guard Int(next) < Int(payops_color_pairs()) else { return 0 }
        init_pair(next, Int16(fg), Int16(bg))
        pairs[key] = next
        return next
    }
}
