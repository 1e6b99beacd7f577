import Foundation
import Testing
@testable import TierCluster

/// Pure logic: no cluster is started.
@Suite struct ClusterConfigurationTests {
    private func running(socketDirectory: String, superuser: String = "tierd", database: String = "tierd") -> RunningCluster {
        RunningCluster(
            dataDirectory: "/x", socketDirectory: socketDirectory, port: 5433,
            superuser: superuser, database: database, startedByUs: true, binDirectory: "/bin"
        )
    }

    @Test func conninfoIsPlainWhenPossible() {
        let cluster = running(socketDirectory: "/srv/tierd/run")
        #expect(cluster.conninfo == "host=/srv/tierd/run port=5433 user=tierd dbname=tierd")
        #expect(cluster.conninfo(database: "scratch") == "host=/srv/tierd/run port=5433 user=tierd dbname=scratch")
    }

    @Test func conninfoQuotesPerLibpqRules() {
        let cluster = running(socketDirectory: "/tmp/a b", superuser: "o'neil", database: #"back\slash"#)
        #expect(cluster.conninfo == #"host='/tmp/a b' port=5433 user='o\'neil' dbname='back\\slash'"#)
        #expect(cluster.conninfo(database: "") == #"host='/tmp/a b' port=5433 user='o\'neil' dbname=''"#)
    }

    @Test func pathsAreMadeAbsolute() throws {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(try ClusterLayout(dataDirectory: ".tierd/cluster").directory == ClusterLayout.absolutePath(cwd + "/.tierd/cluster"))
        #expect(try ClusterLayout(dataDirectory: "/a/./b//c/../d/").directory == "/a/b/d")
        #expect(throws: ClusterError.self) { try ClusterLayout(dataDirectory: "/a/$HOME") }
        #expect(throws: ClusterError.self) { try ClusterLayout(dataDirectory: "") }
    }

    @Test func socketDirectoryFallsBackWhenTooLong() throws {
        let short = try ClusterLayout(dataDirectory: "/srv/tierd")
        #expect(short.socketDirectory == "/srv/tierd/run")
        let long = try ClusterLayout(dataDirectory: "/srv/" + String(repeating: "x", count: 90))
        #expect(long.socketDirectory.hasPrefix("/tmp/tierd-"))
        #expect(long.socketDirectory == (try ClusterLayout(dataDirectory: long.directory)).socketDirectory)
        #expect(ClusterLayout.fitsSocketPath(long.socketDirectory))
    }

    @Test func invalidConfigurationsAreRejected() {
        func code(_ change: (inout ClusterConfiguration) -> Void) -> ClusterError.Code? {
            var configuration = ClusterConfiguration(dataDirectory: "/tmp/unused")
            change(&configuration)
            do { try configuration.validate(); return nil } catch { return (error as? ClusterError)?.code }
        }
        #expect(code { _ in } == nil)
        #expect(code { $0.port = 0 } == .invalidConfiguration)
        #expect(code { $0.database = "" } == .invalidConfiguration)
        #expect(code { $0.superuser = String(repeating: "u", count: 64) } == .invalidConfiguration)
        #expect(code { $0.serverSettings = ["port": "5432"] } == .invalidConfiguration)
        #expect(code { $0.serverSettings = ["bad name": "1"] } == .invalidConfiguration)
        #expect(code { $0.serverSettings = ["auto_explain.log_min_duration": "0"] } == nil)
    }

    @Test func serverOptionsAreShellQuoted() {
        var configuration = ClusterConfiguration(dataDirectory: "/tmp/unused", listenAddresses: "")
        configuration.serverSettings = ["application_name": "it's"]
        let options = EmbeddedCluster(configuration).serverOptions(port: 6000, socketDirectory: "/tmp/a b")
        #expect(options == #"-c 'application_name=it'\''s' -c 'listen_addresses=' -c 'max_connections=100' -c 'port=6000' -c 'unix_socket_directories="/tmp/a b"' -c 'unix_socket_permissions=0777'"#)
    }
}
