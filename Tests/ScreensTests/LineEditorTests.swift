import PaymentData
import Screens
import Testing

@Suite("line editor")
struct LineEditorTests {
    static func type(_ text: String, into editor: inout LineEditor) {
        for c in text { _ = editor.handle(.character(c)) }
    }

    @Test("typing inserts at the cursor; ←/→, Home/End and Ctrl-A/E move it")
    func moves() {
        var editor = LineEditor()
        Self.type("status:failed", into: &editor)
        #expect(editor.text == "status:failed" && editor.cursor == 13)
        #expect(editor.handle(.home) == .moved && editor.cursor == 0)
        #expect(editor.handle(.left) == .ignored, "nothing left of the start")
        _ = editor.handle(.right)
        _ = editor.handle(.character("X"))
        #expect(editor.text == "sXtatus:failed" && editor.cursor == 2)
        _ = editor.handle(.control("e"))
        #expect(editor.cursor == 14)
        _ = editor.handle(.control("a"))
        #expect(editor.cursor == 0)
        _ = editor.handle(.end)
        #expect(editor.handle(.right) == .ignored)
    }

    @Test("Backspace deletes before the cursor, Delete at it")
    func deletes() {
        var editor = LineEditor("abcd")
        _ = editor.handle(.left)
        _ = editor.handle(.left)
        #expect(editor.handle(.backspace) == .edited && editor.text == "acd" && editor.cursor == 1)
        #expect(editor.handle(.delete) == .edited && editor.text == "ad" && editor.cursor == 1)
        _ = editor.handle(.home)
        #expect(editor.handle(.backspace) == .ignored && editor.text == "ad")
    }

    @Test("Ctrl-U, Ctrl-K and Ctrl-W kill to the start, to the end, and the word before")
    func kills() {
        var editor = LineEditor("status:failed amount:10-50 since:2h")
        _ = editor.handle(.control("w"))
        #expect(editor.text == "status:failed amount:10-50 ", "Ctrl-W takes the whole key:value word")
        _ = editor.handle(.control("w"))
        #expect(editor.text == "status:failed ")
        editor = LineEditor("tx 3fa85f64 extra")
        for _ in 0..<5 { _ = editor.handle(.left) }
        _ = editor.handle(.control("k"))
        #expect(editor.text == "tx 3fa85f64 " && editor.cursor == 12)
        for _ in 0..<9 { _ = editor.handle(.left) }
        _ = editor.handle(.control("u"))
        #expect(editor.text == "3fa85f64 " && editor.cursor == 0)
    }

    @Test("word moves: Alt-b/Alt-f and Ctrl-←/→ stop at punctuation, as in readline")
    func wordMoves() {
        var editor = LineEditor("status:failed venue:abc")
        #expect(editor.handle(.alt("b")) == .moved && editor.cursor == 20)
        _ = editor.handle(.wordLeft)
        #expect(editor.cursor == 14)
        _ = editor.handle(.wordLeft)
        #expect(editor.cursor == 7)
        _ = editor.handle(.alt("f"))
        #expect(editor.cursor == 13)
        _ = editor.handle(.wordRight)
        #expect(editor.cursor == 19)
        _ = editor.handle(.home)
        #expect(editor.handle(.wordLeft) == .ignored)
    }

    @Test("Enter, Esc, Tab and ↑/↓ go back to the owner; control characters never enter the line")
    func outcomes() {
        var editor = LineEditor("x")
        #expect(editor.handle(.enter) == .submit)
        #expect(editor.handle(.escape) == .cancel)
        #expect(editor.handle(.tab) == .complete)
        #expect(editor.handle(.up) == .historyPrevious)
        #expect(editor.handle(.down) == .historyNext)
        #expect(editor.handle(.character("\u{1b}")) == .ignored && editor.text == "x")
        editor.replace(with: "naïve 日本")
        #expect(editor.cursor == 8)
        _ = editor.handle(.backspace)
        #expect(editor.text == "naïve 日")
    }
}

@Suite("prompt history")
struct PromptHistoryTests {
    @Test("↑ walks back from the draft, ↓ comes forward and brings the draft back")
    func walk() {
        var history = PromptHistory(["tx abc", "ip 203.0.113.7"])
        #expect(history.previous(current: "draft") == "ip 203.0.113.7")
        #expect(history.previous(current: "ignored") == "tx abc")
        #expect(history.previous(current: "ignored") == nil, "nothing older")
        #expect(history.next() == "ip 203.0.113.7")
        #expect(history.next() == "draft")
        #expect(history.next() == nil)
    }

    @Test("recording: blanks and secrets are dropped, a repeat moves to the end, the oldest go past the limit")
    func record() {
        var history = PromptHistory()
        history.record("  ")
        history.record("ctx staging password=hunter2")
        history.record("tx a")
        history.record("tx b")
        history.record("tx a")
        #expect(history.entries == ["tx b", "tx a"])
        for n in 0..<(PromptHistory.limit + 5) { history.record("tx \(n)") }
        #expect(history.entries.count == PromptHistory.limit && history.entries.first == "tx 5")
    }

    @Test("the file form round-trips; damaged lines are skipped")
    func persistence() {
        var history = PromptHistory()
        for line in ["status:failed", "amount:10-50 since:2h", "ip:2001:db8::/32"] { history.record(line) }
        let text = history.encoded
        #expect(text == "status:failed\namount:10-50 since:2h\nip:2001:db8::/32\n")
        #expect(PromptHistory(decoding: text).entries == history.entries)
        #expect(PromptHistory(decoding: "ok\n\u{1b}[2Jbad\n\nfine").entries == ["ok", "fine"])
    }
}

@Suite("completion")
struct CompletionTests {
    @Test("the last word completes to the unique match, or to the shared prefix")
    func complete() {
        #expect(Completion.complete("th", from: ConsoleCommandLine.names).text == "theme ")
        #expect(Completion.complete("t", from: ConsoleCommandLine.names).matches == ["tenant", "theme", "tx"])
        #expect(Completion.complete("theme hi", from: ["dark", "high-contrast", "light"]).text == "theme high-contrast ")
        #expect(Completion.complete("amount:5 st", from: ["status:", "since:"]).text == "amount:5 status:", "a key gets no space")
        #expect(Completion.complete("status:failed,ref", from: ["refunded", "pending"], separators: [" ", ":", ","]).text
                == "status:failed,refunded ")
        #expect(Completion.complete("zz", from: ["a"]).matches.isEmpty)
    }
}
