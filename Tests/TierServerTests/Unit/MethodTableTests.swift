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
        let scheduler = JobScheduler(pool: pool, policies: policies, settings: .init(), logger: Logger(label: "test"))
        let router = MethodTable.router(
            DaemonServices(pool: pool, policies: policies, decisionLog: log, scheduler: scheduler, logger: Logger(label: "test")))
        // session.hello and tasks.subscribe act on the connection: ConnectionHandler runs them.
        let connectionMethods: Set = [SessionHello.name, TasksSubscribe.name]
        for entry in MethodCatalog.all where !connectionMethods.contains(entry.name) {
            #expect(router.handler(for: entry.name) != nil, "\(entry.name) has no handler")
        }
        #expect(Set(router.methods) == Set(MethodCatalog.all.map(\.name)).subtracting(connectionMethods))
    }
}
