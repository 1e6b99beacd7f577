import Foundation
import TierCluster

/// A cluster of a test's own, for tests that stop, restart or break the server and
/// so must not disturb the shared one. Call ``remove()`` when done.
public final class PrivateTestCluster: Sendable {
    /// The cluster's controller.
    public let cluster: EmbeddedCluster
    /// Its directory.
    public let directory: String

    /// Creates and starts a cluster in a new temporary directory.
    public static func start() async throws -> (PrivateTestCluster, RunningCluster) {
        try await TestCluster.offloaded {
            let directory = NSTemporaryDirectory() + TestCluster.directoryPrefix + "\(getpid())-" + UUID().uuidString.prefix(8)
            let owner = PrivateTestCluster(cluster: try TestCluster.makeCluster(in: directory), directory: directory)
            return (owner, try owner.cluster.start())
        }
    }

    /// Copies `primary` into a new temporary directory and starts the copy as its
    /// streaming standby, on its own port.
    public static func startStandby(of primary: RunningCluster) async throws -> (PrivateTestCluster, RunningCluster) {
        try await TestCluster.offloaded {
            let directory = NSTemporaryDirectory() + TestCluster.directoryPrefix + "\(getpid())-standby-" + UUID().uuidString.prefix(8)
            let owner = PrivateTestCluster(cluster: try TestCluster.makeCluster(in: directory), directory: directory)
            return (owner, try owner.cluster.startStandby(of: primary))
        }
    }

    private init(cluster: EmbeddedCluster, directory: String) {
        self.cluster = cluster
        self.directory = directory
    }

    /// Stops the server and deletes the directory.
    public func remove() {
        try? cluster.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
