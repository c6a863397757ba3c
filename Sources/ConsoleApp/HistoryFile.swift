import Screens
#if canImport(Glibc)
import Glibc
#endif

/// The prompts' histories on disk: `$XDG_STATE_HOME/payops/history-command` and `history-filter`
/// (default `~/.local/state/payops/`), one line per entry, the directory 0700 and the files 0600.
/// Only what was typed at `:` and `/` goes there (ids, filters, command names); lines that mention a
/// password are never recorded (PromptHistory drops them).
enum HistoryFile {
    /// The file for prompt `sigil` (":" or "/").
    static func path(for sigil: String) -> String {
        Settings.stateDirectory() + (sigil == ":" ? "/history-command" : "/history-filter")
    }

    /// The history saved for `sigil`, or an empty one.
    static func load(_ sigil: String) -> PromptHistory {
        readFile(path(for: sigil)).map(PromptHistory.init(decoding:)) ?? PromptHistory()
    }

    /// Writes `history` for `sigil`: a new file written whole, then renamed over the old one, mode 0600.
    static func save(_ history: PromptHistory, for sigil: String) {
        let target = path(for: sigil), temporary = target + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array(history.encoded.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        close(fd)
        if written == bytes.count { rename(temporary, target) } else { unlink(temporary) }
    }
}
