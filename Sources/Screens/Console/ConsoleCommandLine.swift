import PaymentData

/// The `:` command line: parsing and completion of command names.
public enum ConsoleCommandLine {
    /// A parsed command.
    public enum Command: Equatable {
        case transaction(String)
        case ip(InetAddress)
        case venue(String)
        case theme(String)
        /// `:tenant` lists the tenants; `:tenant ID|all` switches to one (or every) tenant.
        case tenant(String?)
        /// `:ctx` lists the pg_service.conf contexts; `:ctx NAME` connects to one.
        case context(String?)
        /// `:log`: this session's messages.
        case log
        case quit
        case help
    }

    /// Every command name, for completion and help.
    public static let names = ["ctx", "help", "ip", "log", "q", "quit", "tenant", "theme", "tx", "venue"]

    /// Parses `text` (without the colon); throws a message for the status line.
    public static func parse(_ text: String) throws(FilterError) -> Command {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = words.first?.lowercased() else { throw FilterError("type a command: " + names.joined(separator: ", ")) }
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: " ") : ""
        switch name {
        case "q", "quit": return .quit
        case "help": return .help
        case "tx", "payment":
            guard !argument.isEmpty else {
                throw FilterError(":tx needs a payment id, id prefix, intent id, user id, idempotency key or filter")
            }
            return .transaction(argument)
        case "ip":
            guard !argument.isEmpty else { throw FilterError(":ip needs an address or network, e.g. 203.0.113.7 or 203.0.113.0/24") }
            return .ip(try NetworkParser.parse(argument))
        case "ctx", "context":
            guard argument.isEmpty || argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw FilterError(":ctx takes a service name from pg_service.conf (letters, digits, - _ .)")
            }
            return .context(argument.isEmpty ? nil : argument)
        case "log", "messages": return .log
        case "venue":
            guard !argument.isEmpty else { throw FilterError(":venue needs (part of) a venue name") }
            return .venue(argument)
        case "tenant":
            if argument.isEmpty { return .tenant(nil) }
            guard TenantContext(argument) != nil else { throw FilterError(":tenant takes a tenant id (a uuid) or all") }
            return .tenant(argument)
        case "theme":
            guard !argument.isEmpty else { throw FilterError(":theme needs a name: dark, light, high-contrast, monochrome") }
            return .theme(argument)
        default:
            throw FilterError("unknown command :\(name) (commands: " + names.joined(separator: ", ") + ")")
        }
    }

    /// Completes the command name being typed: the unique match, or the longest common prefix.
    public static func complete(_ text: String) -> String {
        guard !text.contains(" ") else { return text }
        let matches = names.filter { $0.hasPrefix(text.lowercased()) }
        guard let first = matches.first else { return text }
        if matches.count == 1 { return first + " " }
        var prefix = first
        for match in matches.dropFirst() {
            while !match.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix.count > text.count ? prefix : text
    }
}
