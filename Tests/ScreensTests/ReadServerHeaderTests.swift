import PaymentData
import Screens
import Testing

/// The header with a read server (`--read-dsn`): both servers, the standby's lag, a lagging or lost standby.
@Suite("header with a read server")
struct ReadServerHeaderTests {
    static func firstLine(_ reads: ReadServerHeader?, width: Int = 160) -> String {
        let (model, _) = ConsoleModelTests.model()
        model.header.port = "5432"
        model.header.reads = reads
        return ConsoleModelTests.screen(model, width: width, height: 16)[0]
    }

    @Test("without a read server the header is as before; with one it names the primary for actions and the standby for reads")
    func bothServers() {
        #expect(Self.firstLine(nil).hasPrefix(" payops │ payments │ alice@local │ PostgreSQL 15.18 │ [RW] │ ⟳ 2s"))
        let line = Self.firstLine(ReadServerHeader(server: "standby.internal:5433", state: .streaming(lagSeconds: 0.24)))
        #expect(line.hasPrefix(" payops │ payments │ actions alice@local:5432 │ reads standby.internal:5433 lag 0.2 s │ PostgreSQL 15.18 │ [RW] │ ⟳ 2s"),
                "\(line)")
    }

    @Test("the lag in words, a warning above the limit, a standby that is not streaming, a primary given as the read server")
    func lagging() {
        #expect(ReadServerHeader(server: "s:1", state: .streaming(lagSeconds: 9.96)).label == "reads s:1 lag 10.0 s")
        let over = ReadServerHeader(server: "s:1", state: .streaming(lagSeconds: 14.2), lagLimitSeconds: 10)
        #expect(over.label == "reads s:1 ⚠ lag 14 s (limit 10 s)")
        #expect(over.isWarning)
        #expect(!ReadServerHeader(server: "s:1", state: .streaming(lagSeconds: 14.2), lagLimitSeconds: 30).isWarning)
        #expect(ReadServerHeader(server: "s:1", state: .streaming(lagSeconds: 600), lagLimitSeconds: 10).label
                == "reads s:1 ⚠ lag 10 min (limit 10 s)")
        #expect(ReadServerHeader(server: "s:1", state: .notStreaming(lagSeconds: 0)).label == "reads s:1 ⚠ not streaming")
        #expect(ReadServerHeader(server: "s:1", state: .notStandby).label == "reads s:1 (not a standby)")
        #expect(ReadServerHeader(server: "s:1").label == "reads s:1")
        #expect(ReadServerHeader(server: "s:1", state: .streaming(lagSeconds: nil)).label == "reads s:1 lag ? (replaying)")
    }

    @Test("a lost standby: reads wait for it, or with fallback the primary is read")
    func lost() {
        let waiting = Self.firstLine(ReadServerHeader(server: "local:5433", state: .lost))
        #expect(waiting.contains("│ reads ⚠ standby local:5433 lost: reconnecting; reads wait for it │"), "\(waiting)")
        let fallback = Self.firstLine(ReadServerHeader(server: "local:5433", state: .lost, fallback: true))
        #expect(fallback.contains("│ reads ⚠ standby local:5433 lost: reading the primary │"), "\(fallback)")
    }
}
