import Foundation
@testable import TierCluster

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp, mode 0755 so that the cluster's OS user (when the
/// tests run as root) can pass through it. `remove()` deletes it.
struct ScratchDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/tierd-cluster-test-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
        guard created else { throw ClusterError(.directoryNotAccessible, "mkdtemp failed: \(errno)") }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o755)
    }

    /// The cluster's data directory inside the scratch directory (not yet created).
    var clusterDirectory: String { path + "/cluster" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A configuration for a small, fast, throwaway cluster.
func testConfiguration(_ directory: String, database: String = "tierd") -> ClusterConfiguration {
    ClusterConfiguration(
        dataDirectory: directory,
        database: database,
        serverSettings: [
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "shared_buffers": "16MB", "max_connections": "20",
        ]
    )
}

/// Runs `psql -c sql` against `conninfo`; returns the exit status and trimmed output.
@discardableResult
func psql(_ cluster: RunningCluster, _ sql: String, conninfo: String? = nil) throws -> (status: Int32, output: String) {
    let result = try CommandRunner.run(
        cluster.binDirectory + "/psql",
        ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo ?? cluster.conninfo, "-c", sql]
    )
    return (result.status, result.combinedOutput)
}

/// Whether `pg_isready` gets an answer from the cluster.
func isReady(_ cluster: RunningCluster) throws -> Bool {
    try CommandRunner.run(cluster.binDirectory + "/pg_isready", ["-d", cluster.conninfo, "-t", "5"]).succeeded
}

/// A TCP listener on 127.0.0.1 that keeps a port busy until closed.
final class Listener {
    let port: Int
    private let descriptor: Int32

    /// Listens on `port` (0: any free port).
    init(port: Int = 0) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = self.descriptor
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard descriptor >= 0, ok else {
            throw ClusterError(.startFailed, "test listener on port \(port) failed: errno \(errno)")
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// Results collected from several threads.
final class Collected<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value] = []

    func append(_ value: Value) { lock.withLock { values.append(value) } }
    var all: [Value] { lock.withLock { values } }
}
