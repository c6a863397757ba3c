#if canImport(Glibc)
import Glibc
#endif

/// Copies text to the terminal's clipboard with OSC 52 (works over SSH and inside tmux with
/// `set-clipboard on`). What is copied is an id, or one field of the describe view, sanitised as on screen (the
/// database holds no card data: fingerprints only; passwords never reach a pane).
enum Clipboard {
    /// Writes the OSC 52 sequence straight to the terminal.
    static func copy(_ text: String) {
        let sequence = "\u{1b}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index], b1 = index + 1 < bytes.count ? bytes[index + 1] : 0, b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
