import Foundation
import TierCluster
import TierStore
import TierSync

/// The throwaway PostgreSQL cluster shared by one test run.
///
/// Started on first use in `/tmp/tierd-test-<pid>` with durability switched off for
/// speed, stopped and removed when the test process exits. Clusters left behind by
/// test runs that died are stopped and removed the next time a run starts.
public enum TestCluster {
    /// The shared cluster, started on first call.
    public static func shared() async throws -> RunningCluster {
        try await startup.value
    }

    /// Server settings for throwaway clusters: fast, not durable.
    public static let settings: [String: String] = [
        "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
        "max_connections": "300", "shared_buffers": "64MB",
    ]

    /// The repository's `sql/` directory.
    public static let sqlDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql").path

    /// The project's migrations, read once.
    public static func migrations() throws -> [Migration] {
        try Migration.load(from: sqlDirectory)
    }

    static let directoryPrefix = "tierd-test-"

    /// Creates a cluster directory owned by this process (its pid in `owner.pid`, so a
    /// later run can reap it if this one dies) and a controller for a throwaway cluster in it.
    static func makeCluster(in directory: String) throws -> EmbeddedCluster {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try String(getpid()).write(toFile: directory + "/owner.pid", atomically: true, encoding: .utf8)
        return EmbeddedCluster(ClusterConfiguration(dataDirectory: directory, listenAddresses: "", serverSettings: settings))
    }

    private static let startup = Task.detached { () throws -> RunningCluster in
        try await offloaded {
            reapAbandonedClusters()
            let directory = NSTemporaryDirectory() + directoryPrefix + String(getpid())
            try? FileManager.default.removeItem(atPath: directory)
            let cluster = try makeCluster(in: directory)
            let running = try cluster.start()
            ownedDirectory.withLock { $0 = directory }
            atexit { TestCluster.stopOwnedCluster() }
            try createTemplate(on: running)
            return running
        }
    }

    private static let ownedDirectory = Locked<String?>(nil)

    /// Stops the shared cluster and removes its directory (registered with `atexit`).
    static func stopOwnedCluster() {
        guard let directory = ownedDirectory.withLock({ $0 }) else { return }
        try? EmbeddedCluster(ClusterConfiguration(dataDirectory: directory)).stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops and removes clusters of earlier test runs whose process is gone.
    private static func reapAbandonedClusters() {
        let temp = NSTemporaryDirectory()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: temp)) ?? []
        for entry in entries where entry.hasPrefix(directoryPrefix) {
            let directory = temp + entry
            guard let text = try? String(contentsOfFile: directory + "/owner.pid", encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? EmbeddedCluster(ClusterConfiguration(dataDirectory: directory)).stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static let templateName = "tierd_test_template"

    /// Builds the template database every test database is copied from: all migrations applied.
    private static func createTemplate(on cluster: RunningCluster) throws {
        let admin = try PGConnection(conninfo: cluster.conninfo(database: "postgres"))
        try admin.execute("CREATE DATABASE \(templateName)")
        do {
            let template = try PGConnection(conninfo: cluster.conninfo(database: templateName))
            try Migrator(migrations: try migrations()).migrate(template)
        }
        try admin.execute("ALTER DATABASE \(templateName) WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
    }

    /// Runs blocking work on a dispatch thread instead of the cooperative pool.
    public static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
