import PaymentData
import Testing
import TestSupport

@Suite("libpq access against a real server")
struct PGConnectionTests {
    @Test("every column type decodes, NULLs only into optionals")
    func decodesEveryType() throws {
        let db = try TestCluster.shared.connect(.empty)
        let row = try db.query(#"""
            SELECT '3FA85F64-5717-4562-B3FC-2C963F66AFA6'::uuid, 1234567890123::bigint,
                   '2026-11-22 03:12:00.123456+05:30'::timestamptz, '203.0.113.7'::inet, '10.0.0.0/8'::cidr,
                   '{"a": [1, "x"]}'::jsonb, E'caf\u00e9 \u6f22\u5b57 \U0001F600 \x1b[31m', true,
                   NULL::uuid, NULL::bigint, NULL::timestamptz, NULL::inet, NULL::jsonb, NULL::text,
                   '2001:db8::1'::inet, -42::bigint, '1999-12-31 23:59:59+00'::timestamptz
            """#)[0]
        #expect(try row.decode(0, as: PGUUID.self).string == "3fa85f64-5717-4562-b3fc-2c963f66afa6")
        #expect(try row.decode(1, as: Int64.self) == 1_234_567_890_123)
        let stamp = try row.decode(2, as: Timestamp.self)
        #expect(stamp.iso8601 == "2026-11-21T21:42:00.123456Z")
        #expect(try row.decode(3, as: InetAddress.self).text == "203.0.113.7")
        #expect(try row.decode(4, as: InetAddress.self).text == "10.0.0.0/8")
        #expect(try row.decode(5, as: JSONText.self).text == #"{"a": [1, "x"]}"#)
        #expect(try row.decode(6, as: String.self) == "café 漢字 😀 \u{1b}[31m")
        #expect(try row.decode(7, as: Bool.self) == true)
        #expect(try row.decode(8, as: PGUUID?.self) == nil)
        #expect(try row.decode(9, as: Int64?.self) == nil)
        #expect(try row.decode(10, as: Timestamp?.self) == nil)
        #expect(try row.decode(11, as: InetAddress?.self) == nil)
        #expect(try row.decode(12, as: JSONText?.self) == nil)
        #expect(try row.decode(13, as: String?.self) == nil)
        #expect(try row.decode(14, as: InetAddress.self).text == "2001:db8::1")
        #expect(try row.decode(15, as: Int64.self) == -42)
        #expect(try row.decode(16, as: Timestamp.self) == Timestamp(year: 1999, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        // A NULL into a non-optional is a decoding error that names the column.
        let error = #expect(throws: PGError.self) { try row.decode(9, as: Int64.self) }
        #expect(error?.kind == .decoding)
        #expect(error?.message.contains("NULL") == true)
        // A wrong type is an error too, not a crash.
        #expect(throws: PGError.self) { try row.decode(6, as: Int64.self) }
        #expect(throws: PGError.self) { try row.decode(99, as: Int64.self) }
    }

    @Test("parameters round-trip, including NULL and hostile text")
    func parametersRoundTrip() throws {
        let db = try TestCluster.shared.connect(.empty)
        let hostile = "'); DROP TABLE x; -- \u{1b}]52;c;aGk=\u{07}"
        let anchor = Timestamp(year: 2026, month: 2, day: 28, hour: 23, minute: 59, second: 58, microsecond: 7)
        let row = try db.query("SELECT $1::text, $2::bigint, $3::uuid, $4::timestamptz, $5::text IS NULL",
                               [hostile, Int64.max, PGUUID("00000000-0000-0000-0000-000000000001")!, anchor, PGNull()])[0]
        #expect(try row.decode(0, as: String.self) == hostile)
        #expect(try row.decode(1, as: Int64.self) == Int64.max)
        #expect(try row.decode(2, as: PGUUID.self).string == "00000000-0000-0000-0000-000000000001")
        #expect(try row.decode(3, as: Timestamp.self) == anchor)
        #expect(try row.decode(4, as: Bool.self))
    }

    @Test("server errors carry SQLSTATE, message and detail")
    func errorsCarrySQLState() throws {
        let db = try TestCluster.shared.connect(.empty)
        try db.execute("CREATE TABLE u (k int PRIMARY KEY)")
        try db.query("INSERT INTO u VALUES (1)")
        let duplicate = #expect(throws: PGError.self) { try db.query("INSERT INTO u VALUES ($1)", [1]) }
        #expect(duplicate?.sqlState == "23505")
        #expect(duplicate?.detail?.contains("(k)=(1)") == true)
        let syntax = #expect(throws: PGError.self) { try db.query("SELEC 1") }
        #expect(syntax?.sqlState == "42601")
        // The connection is still usable after an error.
        #expect(try db.query("SELECT 1")[0].decode(0, as: Int.self) == 1)
    }

    @Test("a failed transaction rolls back everything it did")
    func transactionRollsBack() throws {
        let db = try TestCluster.shared.connect(.empty)
        try db.execute("CREATE TABLE t (v int)")
        #expect(throws: PGError.self) {
            _ = try db.transaction { conn in
                try conn.query("INSERT INTO t VALUES (1)")
                try conn.query("INSERT INTO t VALUES ('x')")
            }
        }
        #expect(try db.query("SELECT count(*) FROM t")[0].decode(0, as: Int.self) == 0)
        _ = try db.transaction { conn in try conn.query("INSERT INTO t VALUES (2)") }
        #expect(try db.query("SELECT count(*) FROM t")[0].decode(0, as: Int.self) == 1)
    }

    @Test("a snapshot does not see rows committed after it began, and refuses writes")
    func snapshotIsStable() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        let reader = try PGConnection(conninfo)
        let writer = try PGConnection(conninfo)
        try writer.execute("CREATE TABLE s (v int); INSERT INTO s VALUES (1)")
        let counts = try reader.snapshot { conn -> [Int] in
            let before: Int = try conn.query("SELECT count(*) FROM s")[0].decode(0)
            try writer.query("INSERT INTO s VALUES (2)")
            let after: Int = try conn.query("SELECT count(*) FROM s")[0].decode(0)
            return [before, after]
        }
        #expect(counts == [1, 1])
        let write = #expect(throws: PGError.self) {
            try reader.snapshot { conn in try conn.query("INSERT INTO s VALUES (3)") }
        }
        #expect(write?.sqlState == "25006")
    }

    @Test("the async API returns while the query runs, and cancel stops it")
    func asyncAndCancel() throws {
        let db = try TestCluster.shared.connect(.empty)
        try db.send("SELECT pg_sleep(0.3), $1::int", [7])
        #expect(try db.awaitResult(milliseconds: 20) == nil, "the result cannot be there after 20 ms")
        let result = try #require(try db.awaitResult(milliseconds: 5000))
        #expect(try result[0].decode(1, as: Int.self) == 7)

        try db.send("SELECT pg_sleep(30)")
        #expect(try db.awaitResult(milliseconds: 50) == nil)
        #expect(db.cancel())
        let cancelled = #expect(throws: PGError.self) { try db.awaitResult(milliseconds: 5000) }
        #expect(cancelled?.isCancellation == true)
        #expect(try db.query("SELECT 2")[0].decode(0, as: Int.self) == 2)
    }

    @Test("application_name is payops, the session is UTC")
    func sessionSettings() throws {
        let db = try TestCluster.shared.connect(.empty)
        let row = try db.query("SELECT current_setting('application_name'), current_setting('TimeZone')")[0]
        #expect(try row.decode(0, as: String.self) == "payops")
        #expect(try row.decode(1, as: String.self) == "UTC")
        #expect(db.info.user == "postgres")
        #expect(db.info.serverVersion >= 150_000)
    }

    @Test("a connection failure says why")
    func connectionFailure() throws {
        let server = try TestCluster.shared.server()
        let error = #expect(throws: PGError.self) {
            try PGConnection(server.conninfo(database: "no_such_database"))
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("no_such_database") == true)
        let bad = #expect(throws: PGError.self) { try PGConnection("host=/nonexistent/dir port=1") }
        #expect(bad?.message.isEmpty == false)
    }
}
