import Screens
#if canImport(Glibc)
import Glibc
#endif

/// Finds and loads themes by name: `$PAYOPS_THEMES`, `$XDG_CONFIG_HOME/payops/themes`, the `themes/`
/// folder next to the source tree the binary was built from, `/usr/local/share/payops/themes`.
enum ThemeLoader {
    /// Folders searched, in order.
    static var directories: [String] {
        var result: [String] = []
        if let custom = environment("PAYOPS_THEMES"), !custom.isEmpty { result.append(custom) }
        result.append((Settings.path.split(separator: "/").dropLast().joined(separator: "/")).prefixedSlash + "/themes")
        result.append(sourceThemes)
        result.append("/usr/local/share/payops/themes")
        return result
    }

    /// `themes/` of the checkout this binary was compiled from.
    static let sourceThemes: String = {
        let parts = #filePath.split(separator: "/")
        return "/" + parts.dropLast(3).joined(separator: "/") + "/themes"
    }()

    /// The theme called `name`; with `NO_COLOR` set, colours are dropped whatever the theme.
    /// A missing or broken theme falls back to the default (dark), or to monochrome if even that
    /// cannot be read, with a warning that says why.
    static func load(_ name: String) -> (theme: Theme, warning: String?) {
        let (theme, warning) = find(name)
        guard let warning, name != "dark" else { return (theme, warning) }
        let (fallback, fallbackWarning) = find("dark")
        return (fallback, fallbackWarning == nil ? warning.replacingOccurrences("using monochrome", "using dark") : warning)
    }

    private static func find(_ name: String) -> (theme: Theme, warning: String?) {
        let noColor = environment("NO_COLOR").map { !$0.isEmpty } ?? false
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            return (Theme.monochrome, "theme name \(name) is not valid: using monochrome")
        }
        for directory in directories {
            guard let text = readFile("\(directory)/\(name).theme") else { continue }
            do {
                let theme = try Theme.parse(text, name: name)
                return (noColor ? theme.withoutColour : theme, nil)
            } catch {
                return (Theme.monochrome, "using monochrome: \(error)")
            }
        }
        return (Theme.monochrome, "theme \(name) not found, using monochrome (searched \(directories.joined(separator: ", ")))")
    }
}

extension String {
    /// `self` with the first `target` replaced (Foundation-free).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }

    var prefixedSlash: String { hasPrefix("/") ? self : "/" + self }
}
