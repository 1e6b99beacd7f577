import Foundation
import Synchronization
import TierCluster
import TierStore

/// A fresh database of its own for one test, on the shared ``TestCluster``.
public struct TestDatabase: Sendable {
    /// The database name.
    public let name: String
    /// A libpq conninfo string reaching it.
    public let conninfo: String
    /// The cluster it lives on.
    public let cluster: RunningCluster

    private static let counter = Atomic<Int>(0)

    /// Creates a database. `migrated` copies the template that has every migration
    /// in `sql/` applied; otherwise the database is empty.
    public static func create(migrated: Bool = true) async throws -> TestDatabase {
        let cluster = try await TestCluster.shared()
        let name = "t\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
        let template = migrated ? TestCluster.templateName : "template0"
        try await TestCluster.offloaded {
            let admin = try PGConnection(conninfo: cluster.conninfo(database: "postgres"))
            try admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
        }
        return TestDatabase(name: name, conninfo: cluster.conninfo(database: name), cluster: cluster)
    }

    /// Opens a connection (blocking).
    public func connect() throws -> PGConnection {
        try PGConnection(conninfo: conninfo)
    }

    /// A pool on this database; the default wait for a connection is 5 s (times ``testWaitScale``).
    public func pool(maxConnections: Int = 4, acquireTimeout: Duration = .seconds(5 * testWaitScale)) -> PGPool {
        PGPool(PGPoolConfiguration(conninfo: conninfo, maxConnections: maxConnections, acquireTimeout: acquireTimeout))
    }
}
