import PaymentData
import Testing
import TestSupport

/// What every profile's every fixture must do: be recognised as itself (and as nothing else), take an install
/// and an uninstall that leave the platform's schema as it was, and serve every pane's query from a demo data set.
@Suite("every profile")
struct EveryProfileTests {
    static let fixtures: [String] = Profile.fixtureNames

    @Test("detect names exactly this fixture's profile", arguments: fixtures)
    func detect(_ fixture: String) throws {
        let (profile, index) = try #require(Profile.fixture(named: fixture))
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        let db = try PGConnection(conninfo)
        try db.execute(profile.fixtures[index].sql)
        let detection = try Detector().detect(db)
        #expect(detection.profile?.name == profile.name)
        #expect(detection.fits.filter(\.fits).map(\.profile) == [profile.name], "only its own profile fits")
        #expect(detection.installedProfile == nil)
    }

    @Test("install keeps the platform's schema; uninstall leaves it byte-identical", arguments: fixtures)
    func installUninstall(_ fixture: String) throws {
        let (profile, index) = try #require(Profile.fixture(named: fixture))
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        let db = try PGConnection(conninfo)
        try db.execute(profile.fixtures[index].sql)
        let before = try InstallTests.platformSchema(conninfo)
        _ = try Installer(profile: profile, timeZone: "America/Chicago").install(db)
        #expect(InstallTests.entries(try InstallTests.platformSchema(conninfo)) == InstallTests.entries(before))
        let again = try Installer(profile: profile, timeZone: "America/Chicago").install(db)
        #expect(again.outcomes.allSatisfy { $0.state == .alreadyApplied })
        _ = try IndexBuilder(profile: profile).build(db)
        #expect(try IndexCheck(profile: profile).missingStandalone(db).isEmpty, "every needed index exists now")
        _ = try Uninstaller().uninstall(db)
        #expect(try InstallTests.platformSchema(conninfo) == before)
    }

    @Test("every pane's query runs on a demo data set of the fixture, and the Transactions pane has rows", arguments: fixtures)
    func panesRun(_ fixture: String) throws {
        let conninfo = fixture == Profile.canonical.name
            ? try TestCluster.shared.freshDatabase(.seeded) : try TestCluster.shared.freshDatabase(fixture: fixture, seeded: true)
        let db = try PGConnection(conninfo)
        if try db.isolatesTenants() { try db.enter(.all) }
        let page = try db.run(TransactionQueries.page(.first))
        #expect(page.rows.count == 50)
        for (label, statement) in try ExplainTests.paneStatements(db) {
            do { _ = try db.query(statement.sql, statement.parameters) } catch {
                Issue.record("\(fixture) \(label): \(error)")
            }
        }
        let overview = try db.run(OverviewQueries.overview(windowSeconds: 30 * 86_400, asOf: TestCluster.anchor))
        #expect(overview.counts.values.reduce(0, +) > 0, "\(fixture): the Overview counts payments")
    }
}
