import Logging
import Testing
import TierStore
import TierWire
@testable import TierServer

@Suite struct MethodTableTests {
    @Test func everyCatalogueMethodHasAHandler() throws {
        let pool = PGPool(PGPoolConfiguration(conninfo: "host=/nonexistent"))
        let policies = try PolicyHolder(directory: repositoryRoot() + "/policies/branch")
        let log = DecisionLogWriter(pool: pool, settings: .init(), logger: Logger(label: "test"))
        let router = MethodTable.router(DaemonServices(pool: pool, policies: policies, decisionLog: log, logger: Logger(label: "test")))
        for entry in MethodCatalog.all where entry.name != SessionHello.name {
            #expect(router.handler(for: entry.name) != nil, "\(entry.name) has no handler")
        }
        #expect(Set(router.methods) == Set(MethodCatalog.all.map(\.name)).subtracting([SessionHello.name]))
    }
}
