import Foundation
import Testing
import TierStore
import TierTestSupport

/// Connections are made exactly as libpq makes them.
@Suite struct ConnectTests {
    @Test func uriAndMultiHostConninfo() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let cluster = db.cluster
        let socket = cluster.socketDirectory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let uri = "postgresql://\(cluster.superuser)@/\(db.name)?host=\(socket)&port=\(cluster.port)&application_name=tierd-test"
        let viaURI = try PGConnection(conninfo: uri)
        #expect(try viaURI.execute("SELECT current_database()").scalar(String.self) == db.name)
        #expect(try viaURI.execute("SHOW application_name").scalar(String.self) == "tierd-test")
        // The first host does not exist; libpq moves on to the second.
        let multi = "host=/nonexistent-tierd-dir,\(cluster.socketDirectory) port=\(cluster.port),\(cluster.port) "
            + "user=\(cluster.superuser) dbname=\(db.name) target_session_attrs=read-write"
        let viaList = try PGConnection(conninfo: multi)
        #expect(try viaList.execute("SELECT 1").scalar(Int.self) == 1)
    }

    @Test func environmentVariablesFillTheGaps() async throws {
        let db = try await TestDatabase.create(migrated: false)
        // libpq reads PG* variables at connect time; run in a child process so the
        // test's own environment stays untouched.
        let cluster = db.cluster
        let script = """
            PGHOST='\(cluster.socketDirectory)' PGPORT=\(cluster.port) PGUSER=\(cluster.superuser) PGDATABASE=\(db.name) \
            '\(cluster.binDirectory)/psql' -XAtc 'select current_database()'
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == db.name)

        // The wrapper passes "" straight to libpq, which then uses the same variables.
        setenv("PGHOST", cluster.socketDirectory, 1)
        setenv("PGPORT", String(cluster.port), 1)
        setenv("PGUSER", cluster.superuser, 1)
        setenv("PGDATABASE", db.name, 1)
        defer { for name in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE"] { unsetenv(name) } }
        let viaEnvironment = try PGConnection(conninfo: "")
        #expect(try viaEnvironment.execute("SELECT current_database()").scalar(String.self) == db.name)
        // Settings given explicitly win over the environment.
        let explicit = try PGConnection(conninfo: "dbname=postgres")
        #expect(try explicit.execute("SELECT current_database()").scalar(String.self) == "postgres")
    }

    @Test func failedConnectionIsAClearError() async throws {
        let error = try #require(throws: PGError.self) {
            try PGConnection(conninfo: "host=/nonexistent-tierd-dir port=1 connect_timeout=2")
        }
        #expect(error.code == .connectionFailed)
        #expect(error.isUnavailable)
        #expect(error.message.contains("/nonexistent-tierd-dir"))
        let bad = try #require(throws: PGError.self) { try PGConnection(conninfo: "nonsense_option=1") }
        #expect(bad.message.contains("nonsense_option"))
    }
}
