import PaymentData
import Testing

@Suite("pg_service.conf")
struct PGServiceFileTests {
    @Test("section names in order, once each; comments, settings and junk are skipped")
    func names() {
        let text = """
            # contexts for payops
            [prod]
            host=db.internal
            password=never-shown
              [staging]   
            dbname=payments
            [bad name]
            [prod]
            #[commented]
            [eu-west.1_a]\r
            []
            """
        #expect(PGServiceFile.serviceNames(in: text) == ["prod", "staging", "eu-west.1_a"])
        #expect(!PGServiceFile.serviceNames(in: text).joined().contains("never-shown"))
    }

    @Test("libpq's files: PGSERVICEFILE or ~/.pg_service.conf, then PGSYSCONFDIR's")
    func paths() {
        let env1: [String: String] = ["HOME": "/home/ops"]
        #expect(PGServiceFile.paths(environment: { env1[$0] })
                == ["/home/ops/.pg_service.conf", "/etc/postgresql-common/pg_service.conf"])
        let env2 = ["HOME": "/home/ops", "PGSERVICEFILE": "/tmp/s.conf", "PGSYSCONFDIR": "/etc/pg"]
        #expect(PGServiceFile.paths(environment: { env2[$0] }) == ["/tmp/s.conf", "/etc/pg/pg_service.conf"])
        #expect(PGServiceFile.isServiceName("staging") && !PGServiceFile.isServiceName("a b")
                && !PGServiceFile.isServiceName("x host=evil"))
        #expect(PGServiceFile.conninfo(service: "prod") == "service=prod")
    }
}
