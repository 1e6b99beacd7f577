import Foundation
import Testing
@testable import TierCluster

#if canImport(Glibc)
import Glibc
#endif

/// Real clusters, one per test, each in its own directory under /tmp.
@Suite struct EmbeddedClusterTests {
    @Test func startCreatesClusterAndDatabase() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }

        let cluster = try embedded.start()
        #expect(cluster.startedByUs)
        #expect((1...65535).contains(cluster.port))
        #expect(cluster.socketDirectory == scratch.clusterDirectory + "/run")
        #expect(cluster.dataDirectory == scratch.clusterDirectory)
        #expect(try isReady(cluster))
        let answer = try psql(cluster, "SELECT current_database() || ',' || current_user || ',' || pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")
        #expect(answer.status == 0)
        #expect(answer.output == "tierd,tierd,UTF8")
        // Loopback TCP works too (listen_addresses=127.0.0.1).
        let tcp = try psql(cluster, "SELECT 1", conninfo: "host=127.0.0.1 port=\(cluster.port) user=tierd dbname=tierd")
        #expect(tcp.output == "1")
        // The port is remembered.
        let remembered = try String(contentsOfFile: scratch.clusterDirectory + "/port", encoding: .utf8)
        #expect(remembered.trimmingCharacters(in: .whitespacesAndNewlines) == String(cluster.port))
        if geteuid() == 0 {
            // Run as root: the cluster belongs to an unprivileged user.
            let owner = try #require(ClusterFiles.owner(of: scratch.clusterDirectory + "/pgdata"))
            #expect(owner != 0)
        }

        try embedded.stop()
        #expect(try !isReady(cluster))
        try embedded.stop()  // stopping a stopped cluster is a no-op
    }

    @Test func secondStartReusesRunningServer() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }

        let first = try embedded.start()
        let second = try embedded.start()
        #expect(first.startedByUs)
        #expect(!second.startedByUs)
        #expect(second.port == first.port)
        #expect(second.socketDirectory == first.socketDirectory)

        // Another configuration on the same directory reuses the server and gets its database.
        let other = try EmbeddedCluster(testConfiguration(scratch.clusterDirectory, database: "other db")).start()
        #expect(!other.startedByUs)
        #expect(other.port == first.port)
        #expect(try psql(other, "SELECT current_database()").output == "other db")
    }

    @Test func restartKeepsDataAndPort() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }

        let first = try embedded.start()
        #expect(try psql(first, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)").status == 0)
        try embedded.stop()
        #expect(try !isReady(first))

        let second = try embedded.start()
        #expect(second.startedByUs)
        #expect(second.port == first.port)
        #expect(try psql(second, "SELECT id FROM kept").output == "42")
    }

    @Test func concurrentStartsShareOneServer() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }

        let results = Collected<Result<RunningCluster, ClusterError>>()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            do {
                results.append(.success(try embedded.start()))
            } catch {
                results.append(.failure(error as? ClusterError ?? ClusterError(.startFailed, "\(error)")))
            }
        }
        let clusters = try results.all.map { try $0.get() }
        #expect(clusters.count == 3)
        #expect(clusters.filter(\.startedByUs).count == 1)
        #expect(Set(clusters.map(\.port)).count == 1)
    }

    @Test func resetDeletesTheDirectory() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }

        let cluster = try embedded.start()
        try embedded.reset()
        #expect(!FileManager.default.fileExists(atPath: scratch.clusterDirectory))
        #expect(try !isReady(cluster))
        try embedded.reset()  // nothing left: no-op
    }

    @Test func resetRefusesForeignFiles() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let notes = scratch.path + "/notes.txt"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: notes))

        let error = try #require(throws: ClusterError.self) {
            try EmbeddedCluster(testConfiguration(scratch.path)).reset()
        }
        #expect(error.code == .resetRefused)
        #expect(error.message.contains("notes.txt"))
        #expect(FileManager.default.fileExists(atPath: notes))
    }

    @Test func takenRememberedPortIsReplaced() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }

        let first = try embedded.start()
        try embedded.stop()
        let squatter = try Listener(port: first.port)
        defer { withExtendedLifetime(squatter) {} }

        try expectRestartOnAnotherPort(embedded, after: first, in: scratch)
    }

    /// Starting again picks a port other than `first.port`, serves on it, and remembers it.
    private func expectRestartOnAnotherPort(_ embedded: EmbeddedCluster, after first: RunningCluster, in scratch: ScratchDirectory,
                                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let second = try embedded.start()
        #expect(second.startedByUs, sourceLocation: sourceLocation)
        #expect(second.port != first.port, sourceLocation: sourceLocation)
        #expect(try isReady(second), sourceLocation: sourceLocation)
        let remembered = try String(contentsOfFile: scratch.clusterDirectory + "/port", encoding: .utf8)
        #expect(remembered.trimmingCharacters(in: .whitespacesAndNewlines) == String(second.port), sourceLocation: sourceLocation)
    }

    @Test func portTakenDuringStartIsReplaced() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        // A live postmaster of another cluster, run by the same OS user as ours.
        let other = EmbeddedCluster(testConfiguration(scratch.path + "/other"))
        defer { try? other.stop() }
        let otherCluster = try other.start()
        let otherPID = try #require(PostmasterStatus.read(pgdata: otherCluster.dataDirectory + "/pgdata")).pid

        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }
        let first = try embedded.start()
        try embedded.stop()
        // The port passes the TCP check, but the server finds its socket lock taken.
        let socketLock = first.socketDirectory + "/.s.PGSQL.\(first.port).lock"
        try Data("\(otherPID)\n".utf8).write(to: URL(fileURLWithPath: socketLock))

        try expectRestartOnAnotherPort(embedded, after: first, in: scratch)
    }

    @Test func stalePIDFileOfAnotherProgramIsIgnored() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let embedded = EmbeddedCluster(testConfiguration(scratch.clusterDirectory))
        defer { try? embedded.stop() }
        let first = try embedded.start()
        try embedded.stop()
        // As after a crash and reboot: postmaster.pid names a pid now used by another program.
        let pidFile = scratch.clusterDirectory + "/pgdata/postmaster.pid"
        let text = "\(getpid())\n\(scratch.clusterDirectory)/pgdata\n0\n\(first.port)\n\(first.socketDirectory)\n127.0.0.1\n0 0\nready   \n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: pidFile))

        let second = try embedded.start()
        #expect(second.startedByUs)
        #expect(try isReady(second))
    }

    @Test func fixedPortInUseFailsClearly() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let squatter = try Listener()
        var configuration = testConfiguration(scratch.clusterDirectory)
        configuration.port = squatter.port
        let embedded = EmbeddedCluster(configuration)
        defer { try? embedded.stop() }

        let error = try #require(throws: ClusterError.self) { try embedded.start() }
        #expect(error.code == .startFailed)
        #expect(error.message.contains("port \(squatter.port)"))
    }

    @Test func badBinDirectoryIsReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var configuration = testConfiguration(scratch.clusterDirectory)
        configuration.binDirectory = scratch.path + "/no-such-bin"

        let error = try #require(throws: ClusterError.self) { try EmbeddedCluster(configuration).start() }
        #expect(error.code == .binariesNotFound)
        #expect(error.message.contains(scratch.path + "/no-such-bin"))
        #expect(error.message.contains("initdb"))
        #expect(error.message.contains("apt-get install postgresql"))
        // Nothing is created before the binaries are found.
        #expect(!FileManager.default.fileExists(atPath: scratch.clusterDirectory))
    }

    @Test func longPathUsesShortSocketDirectory() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let directory = scratch.path + "/" + String(repeating: "d", count: 100)
        let embedded = EmbeddedCluster(testConfiguration(directory))
        defer { try? embedded.reset() }

        let cluster = try embedded.start()
        #expect(cluster.socketDirectory.hasPrefix("/tmp/tierd-"))
        #expect(try psql(cluster, "SELECT 1").output == "1")
        try embedded.reset()
        #expect(!FileManager.default.fileExists(atPath: cluster.socketDirectory))
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test(.enabled(if: geteuid() == 0, "the cluster's OS user only differs from ours when running as root"))
    func unreachableDirectoryIsReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let locked = scratch.path + "/locked"
        #expect(mkdir(locked, 0o700) == 0)

        let error = try #require(throws: ClusterError.self) {
            try EmbeddedCluster(testConfiguration(locked + "/cluster")).start()
        }
        #expect(error.code == .directoryNotAccessible)
        #expect(error.message.contains("cannot enter '\(locked)'"))
        #expect(error.message.contains("chmod o+x \(locked)"))
    }

    @Test(.enabled(if: geteuid() == 0, "OS users only matter when running as root"))
    func unknownOSUserIsReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var configuration = testConfiguration(scratch.clusterDirectory)
        configuration.osUser = "tierd-no-such-user"

        let error = try #require(throws: ClusterError.self) { try EmbeddedCluster(configuration).start() }
        #expect(error.code == .noUnprivilegedUser)
        #expect(error.message.contains("tierd-no-such-user"))
    }
}
