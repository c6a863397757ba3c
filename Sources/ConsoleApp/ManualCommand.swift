import ArgumentParser

/// `payops generate-manual` (hidden): payops(1) in roff, made from the same definitions as `--help`,
/// so the man page and the help never disagree. `make install` writes it to PREFIX/share/man/man1.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual", abstract: "Print the payops(1) man page (roff).", shouldDisplay: false)

    @Option(help: "The date on the page (YYYY-MM-DD).")
    var date = "2026-11-30"

    func run() {
        print(Self.page(date: date))
    }

    /// The whole page: name, synopsis, description, then every command's help, subcommands after their parent.
    static func page(date: String) -> String {
        let top = Payops.configuration
        var out = [".TH PAYOPS 1 \"\(date)\" \"payops \(top.version)\" \"User Commands\"",
                   ".SH NAME", "payops \\- " + escape(top.abstract),
                   ".SH SYNOPSIS", ".B payops", "[\\fISUBCOMMAND\\fR] [\\fIOPTIONS\\fR]",
                   ".SH DESCRIPTION", escape(top.discussion),
                   ".SH FILES",
                   ".TP", "$XDG_CONFIG_HOME/payops/config.toml", "Settings (theme, refresh_seconds, readonly, export_dir, tenant).",
                   ".TP", "$XDG_STATE_HOME/payops/history-command, history-filter", "What was typed at the : and / prompts (0600).",
                   ".TP", "$PGSERVICEFILE, ~/.pg_service.conf, $PGSYSCONFDIR/pg_service.conf",
                   "The contexts --context and :ctx switch between (libpq service names).",
                   ".SH COMMANDS"]
        for (path, command) in commands(Payops.self, path: []) {
            out.append(".SS " + escape((["payops"] + path).joined(separator: " ")))
            out.append(".nf")
            let help = path.isEmpty ? Payops.helpMessage(columns: 100) : Payops.helpMessage(for: command, columns: 100)
            out += help.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
            out.append(".fi")
        }
        out += [".SH SEE ALSO", "psql(1), pg_service.conf (libpq), the README of the payops source tree."]
        return out.joined(separator: "\n")
    }

    /// Every command under `command` (itself first), depth first, without hidden ones.
    static func commands(_ command: any ParsableCommand.Type, path: [String]) -> [([String], any ParsableCommand.Type)] {
        var result: [([String], any ParsableCommand.Type)] = [(path, command)]
        for sub in command.configuration.subcommands where sub.configuration.shouldDisplay {
            let name = sub.configuration.commandName ?? "\(sub)".lowercased()
            result += commands(sub, path: path + [name])
        }
        return result
    }

    /// Text made safe for roff: backslashes doubled, a leading `.` or `'` escaped.
    static func escape(_ text: String) -> String {
        var line = text.replacingAll("\\", "\\e")
        if line.hasPrefix(".") || line.hasPrefix("'") { line = "\\&" + line }
        return line
    }
}

extension String {
    /// `self` with every `target` replaced (Foundation-free).
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
