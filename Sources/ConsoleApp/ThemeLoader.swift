import Screens
#if canImport(Glibc)
import Glibc
#endif

/// Finds and loads themes by name: `$PAYOPS_THEMES`, `$XDG_CONFIG_HOME/payops/themes`, `PREFIX/share/payops/themes`
/// beside an installed binary (`PREFIX/bin/payops`), then the `themes/` folder of the source tree the binary was
/// built from (for development).
enum ThemeLoader {
    /// Folders searched, in order.
    static var directories: [String] {
        var result: [String] = []
        if let custom = environment("PAYOPS_THEMES"), !custom.isEmpty { result.append(custom) }
        result.append((Settings.path.split(separator: "/").dropLast().joined(separator: "/")).prefixedSlash + "/themes")
        if let installed = installedThemes { result.append(installed) }
        result.append(sourceThemes)
        return result
    }

    /// `PREFIX/share/payops/themes` for a binary installed as `PREFIX/bin/payops` (`make install`), found from
    /// the running executable's own path, so any PREFIX works without rebuilding.
    static let installedThemes: String? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let executable = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = executable.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        return "/" + parts.dropLast(2).joined(separator: "/") + "/share/payops/themes"
    }()

    /// Every theme name found in the folders, sorted (`:theme` completes them).
    static func names() -> [String] {
        var names: Set<String> = []
        for directory in directories {
            guard let folder = opendir(directory) else { continue }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasSuffix(".theme"), !name.hasPrefix(".") { names.insert(String(name.dropLast(6))) }
            }
        }
        return names.sorted()
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
