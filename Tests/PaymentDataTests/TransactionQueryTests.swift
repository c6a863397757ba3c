import PaymentData
import Testing
import TestSupport

@Suite("transaction queries")
struct TransactionQueryTests {
    static let t0 = Timestamp(year: 2026, month: 11, day: 20, hour: 12)

    /// 137 payments over two venues; every third shares its created_at with the previous (ties on the cursor).
    static func fixture() throws -> (PGConnection, [TransactionRow]) {
        let db = try TestCluster.shared.connect(.migrated)
        let a = try Fixtures.venue(db, 1, name: "Alpha Hall")
        let b = try Fixtures.venue(db, 2, name: "Beta Club", currency: "EUR")
        let statuses = ["completed", "failed", "pending", "refunded", "partially_refunded", "processing", "completed"]
        for n in 1...137 {
            let at = t0.adding(seconds: -Int64((n - (n % 3 == 0 ? 1 : 0)) * 60))
            try Fixtures.payment(db, n, venue: n % 4 == 0 ? b : a, at: at, amount: Int64(1000 + n * 37),
                                 status: statuses[n % statuses.count], currency: n % 4 == 0 ? "EUR" : "USD")
        }
        let all = try db.run(TransactionQueries.page(.first, limit: 1000)).rows
        return (db, all)
    }

    @Test("the full list is newest first with ties broken by id")
    func order() throws {
        let (_, all) = try Self.fixture()
        #expect(all.count == 137)
        for (newer, older) in zip(all, all.dropFirst()) {
            #expect(newer.createdAt > older.createdAt || (newer.createdAt == older.createdAt && newer.id > older.id))
        }
    }

    @Test("paging forward from the first page and backward from the last visits every row once, in order")
    func pagesBothWays() throws {
        let (db, all) = try Self.fixture()
        var forward: [TransactionRow] = []
        var page = try db.run(TransactionQueries.page(.first, limit: 10))
        #expect(!page.hasNewer)
        forward += page.rows
        while page.hasOlder {
            page = try db.run(TransactionQueries.page(.after(page.rows.last!.cursor), limit: 10))
            forward += page.rows
        }
        #expect(forward.map(\.id) == all.map(\.id))

        var backward: [TransactionRow] = []
        page = try db.run(TransactionQueries.page(.last, limit: 10))
        #expect(!page.hasOlder && page.hasNewer)
        #expect(page.rows.map(\.id) == all.suffix(10).map(\.id))
        backward = page.rows
        while page.hasNewer {
            page = try db.run(TransactionQueries.page(.before(page.rows.first!.cursor), limit: 10))
            backward = page.rows + backward
        }
        #expect(backward.map(\.id) == all.map(\.id))

        // Next then previous returns the page we started from.
        let first = try db.run(TransactionQueries.page(.first, limit: 10))
        let second = try db.run(TransactionQueries.page(.after(first.rows.last!.cursor), limit: 10))
        let back = try db.run(TransactionQueries.page(.before(second.rows.first!.cursor), limit: 10))
        #expect(back.rows.map(\.id) == first.rows.map(\.id))
    }

    @Test("filters by status, venue, time and amount, each and combined", arguments: [0, 1, 2, 3, 4, 5])
    func filters(caseIndex: Int) throws {
        let (db, all) = try Self.fixture()
        let venueB = Fixtures.uuid(1, 2)
        let from = Self.t0.adding(seconds: -90 * 60), until = Self.t0.adding(seconds: -30 * 60)
        let cases: [(TransactionFilter, (TransactionRow) -> Bool)] = [
            (TransactionFilter(statuses: [.failed]), { $0.status == .failed }),
            (TransactionFilter(statuses: [.refunded, .partiallyRefunded]), { $0.status == .refunded || $0.status == .partiallyRefunded }),
            (TransactionFilter(venueID: venueB), { $0.venueID == venueB }),
            (TransactionFilter(from: from, until: until), { $0.createdAt >= from && $0.createdAt < until }),
            (TransactionFilter(minAmount: 3000, maxAmount: 4000), { (3000...4000).contains($0.amount.minorUnits) }),
            (TransactionFilter(statuses: [.completed], venueID: Fixtures.uuid(1, 1), minAmount: 2000),
             { $0.status == .completed && $0.venueID == Fixtures.uuid(1, 1) && $0.amount.minorUnits >= 2000 }),
        ]
        let (filter, predicate) = cases[caseIndex]
        let expected = all.filter(predicate)
        #expect(!expected.isEmpty, "the fixture must exercise the filter")
        var seen: [TransactionRow] = []
        var page = try db.run(TransactionQueries.page(.first, filter: filter, limit: 7))
        seen += page.rows
        while page.hasOlder {
            page = try db.run(TransactionQueries.page(.after(page.rows.last!.cursor), filter: filter, limit: 7))
            seen += page.rows
        }
        #expect(seen.map(\.id) == expected.map(\.id))
        let last = try db.run(TransactionQueries.page(.last, filter: filter, limit: 7))
        #expect(last.rows.map(\.id) == expected.suffix(7).map(\.id))
    }

    @Test("rows carry money in the payment's currency and the venue's name")
    func rowContents() throws {
        let (_, all) = try Self.fixture()
        let euro = try #require(all.first { $0.venueID == Fixtures.uuid(1, 2) })
        #expect(euro.amount.currency == .eur && euro.platformFee.currency == .eur)
        #expect(euro.venueName == "Beta Club")
        #expect(euro.platformFee.minorUnits == (euro.amount.minorUnits * 790 + 5000) / 10000)
    }

    @Test("search finds by id, prefix, intent id, user id and idempotency key")
    func search() throws {
        let (db, _) = try Self.fixture()
        let id = Fixtures.uuid(2, 5)
        let byID = try db.run(TransactionQueries.search(id.string.uppercased()))
        #expect(byID.map(\.transaction.id) == [id] && byID.first?.matchedBy == "payment id")
        let byIntent = try db.run(TransactionQueries.search("pi_fixture_42"))
        #expect(byIntent.map(\.transaction.id) == [Fixtures.uuid(2, 42)] && byIntent.first?.matchedBy == "intent id")
        let byKey = try db.run(TransactionQueries.search(Fixtures.uuid(4, 9).string))
        #expect(byKey.map(\.transaction.id) == [Fixtures.uuid(2, 9)] && byKey.first?.matchedBy == "idempotency key")
        let byUser = try db.run(TransactionQueries.search(Fixtures.uuid(3, 2).string))
        #expect(byUser.count == 137 / 7 + 1 && byUser.allSatisfy { $0.matchedBy == "user id" && $0.transaction.userID == Fixtures.uuid(3, 2) })
        let byPrefix = try db.run(TransactionQueries.search("00000002-0000"))
        #expect(byPrefix.count == 50)
        #expect(try db.run(TransactionQueries.search(PGUUID("ffffffff-0000-0000-0000-000000000000")!.string)).isEmpty)
        #expect(throws: SearchError.notAnIdentifier("hello world")) { try TransactionQueries.search("hello world") }
        #expect(throws: SearchError.prefixTooShort) { try TransactionQueries.search("0a1") }
        #expect(throws: SearchError.empty) { try TransactionQueries.search("  ") }
        #expect(throws: SearchError.self) { try TransactionQueries.search("pi_'; DROP TABLE x") }
    }
}
