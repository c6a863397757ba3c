/// Pretty-prints JSON text for the describe view: two-space indents, one member per line, strings kept
/// byte for byte (escapes included). Text that is not JSON comes back unchanged, so it is safe to call on
/// any value. No Foundation: a small scanner that only tracks strings and nesting.
public enum JSONPretty {
    /// The indented form of `text`, or `text` itself when it does not look like a JSON object or array.
    public static func format(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: " ")
        guard let first = trimmed.first, first == "{" || first == "[", isBalanced(trimmed) else { return text }
        var out = ""
        var depth = 0
        var inString = false, escaped = false
        let chars = Array(trimmed)
        var index = 0
        func newline() { out.append("\n"); out.append(String(repeating: "  ", count: depth)) }
        while index < chars.count {
            let c = chars[index]
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                index += 1
                continue
            }
            switch c {
            case "\"":
                inString = true
                out.append(c)
            case "{", "[":
                // An empty object or array stays on one line.
                var next = index + 1
                while next < chars.count, chars[next] == " " || chars[next] == "\n" || chars[next] == "\t" || chars[next] == "\r" { next += 1 }
                if next < chars.count, chars[next] == (c == "{" ? "}" : "]") {
                    out.append(c); out.append(chars[next])
                    index = next + 1
                    continue
                }
                out.append(c)
                depth += 1
                newline()
            case "}", "]":
                depth = max(0, depth - 1)
                newline()
                out.append(c)
            case ",":
                out.append(c)
                newline()
            case ":":
                out.append(": ")
            case " ", "\n", "\t", "\r":
                break
            default:
                out.append(c)
            }
            index += 1
        }
        return out
    }

    /// True when braces and brackets outside strings pair up and every string is closed.
    static func isBalanced(_ text: String) -> Bool {
        var stack: [Character] = []
        var inString = false, escaped = false
        for c in text {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "{": stack.append("}")
            case "[": stack.append("]")
            case "}", "]":
                guard stack.popLast() == c else { return false }
            default: break
            }
        }
        return stack.isEmpty && !inString
    }
}
