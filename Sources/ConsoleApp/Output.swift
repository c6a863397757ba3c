#if canImport(Glibc)
import Glibc
#endif

/// Writes a line to standard error (never while curses owns the screen).
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// Formats milliseconds as seconds with one decimal, e.g. `12.3 s`.
func seconds(_ milliseconds: Int) -> String {
    "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
}
