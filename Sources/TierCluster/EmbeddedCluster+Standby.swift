import Foundation

/// Streaming replicas of a running cluster, and promoting one: what a deployment
/// with a read replica does, on loopback.
extension EmbeddedCluster {
    /// Starts this cluster as a streaming standby of `primary`. When its data
    /// directory holds no cluster yet, it is first copied from the primary with
    /// `pg_basebackup -R -X stream` over the primary's Unix socket (so the copy
    /// carries `standby.signal` and the primary's conninfo); then it starts as
    /// ``start()`` does, on its own port, replaying the primary's WAL.
    public func startStandby(of primary: RunningCluster) throws -> RunningCluster {
        try configuration.validate()
        let layout = try ClusterLayout(dataDirectory: configuration.dataDirectory)
        if layout.initializedMajorVersion == nil {
            let binaries = try PostgresBinaries.discover(configured: configuration.binDirectory ?? primary.binDirectory,
                                                         preferredMajorVersion: nil)
            let user = try ClusterUser.forCluster(configured: configuration.osUser, existingOwner: nil)
            try ClusterFiles.makeDirectory(layout.directory, mode: 0o755, owner: user)
            try ClusterFiles.withLock(at: layout.lockFile) {
                // Made here, empty, so it belongs to the cluster's user (pg_basebackup fills it).
                try ClusterFiles.makeDirectory(layout.pgdata, mode: 0o700, owner: user)
                let tool = binaries.directory + "/pg_basebackup"
                let arguments = [
                    "-D", layout.pgdata, "-R", "-X", "stream", "-c", "fast",
                    "-h", primary.socketDirectory, "-p", String(primary.port), "-U", primary.superuser,
                ]
                logger.info("copying the primary on port \(primary.port) into \(layout.pgdata) for a standby")
                let result = try CommandRunner(user: user).runAsClusterUser(tool, arguments)
                guard result.succeeded else {
                    throw ClusterError(
                        .replicationFailed,
                        "\(tool) \(arguments.joined(separator: " ")) failed with exit status \(result.status):\n\(result.combinedOutput)")
                }
            }
        }
        return try start()
    }

    /// Promotes this standby to a primary (`pg_ctl promote -w`): it stops replaying
    /// and accepts writes.
    public func promote() throws {
        let layout = try ClusterLayout(dataDirectory: configuration.dataDirectory)
        let binaries = try PostgresBinaries.discover(
            configured: configuration.binDirectory, preferredMajorVersion: layout.initializedMajorVersion)
        let user = try ClusterUser.forCluster(configured: configuration.osUser, existingOwner: ClusterFiles.owner(of: layout.pgdata))
        let result = try CommandRunner(user: user).runAsClusterUser(binaries.pgCtl, ["promote", "-D", layout.pgdata, "-w", "-t", "60"])
        guard result.succeeded else {
            throw ClusterError(
                .replicationFailed, "pg_ctl promote -D \(layout.pgdata) failed with exit status \(result.status):\n\(result.combinedOutput)")
        }
    }
}
