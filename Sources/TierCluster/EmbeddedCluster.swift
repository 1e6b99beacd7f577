import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster in a data directory (see ``ClusterConfiguration``):
/// `initdb` on first start, `pg_ctl` to start and stop, reuse of a server that is
/// already running from the directory.
///
/// When the process runs as root, the cluster's files belong to an unprivileged
/// OS user (``ClusterConfiguration/osUser``) and `initdb` / `pg_ctl` run as that
/// user through `setpriv` (or `runuser`); clients such as `psql` run directly.
///
/// Operations on one data directory are serialised by an exclusive `flock` on
/// `<dataDirectory>/.lock`, across threads and processes. The type holds no
/// mutable state.
public final class EmbeddedCluster: Sendable {
    /// The configuration this cluster was created with.
    public let configuration: ClusterConfiguration
    /// Where progress is reported.
    let logger: Logger

    /// Describes a cluster; nothing happens on disk until ``start()``.
    public init(_ configuration: ClusterConfiguration, logger: Logger = Logger(label: "tierd.cluster")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Makes the cluster run and returns how to reach it.
    ///
    /// Creates the directory and runs `initdb` if there is no cluster yet (UTF8,
    /// locale C with `LC_CTYPE` C.UTF-8 where available, trust for the Unix socket
    /// and loopback only), starts the server with `pg_ctl start -w`, and creates
    /// ``ClusterConfiguration/database`` if missing. If a server from this data
    /// directory is already running, it is reused and
    /// ``RunningCluster/startedByUs`` is `false`.
    ///
    /// With ``ClusterConfiguration/port`` `nil`, the remembered port is used while
    /// it is free; otherwise (or if the server cannot bind it) another free port is
    /// chosen and remembered.
    public func start() throws -> RunningCluster {
        try configuration.validate()
        let layout = try ClusterLayout(dataDirectory: configuration.dataDirectory)
        let binaries = try PostgresBinaries.discover(
            configured: configuration.binDirectory,
            preferredMajorVersion: layout.initializedMajorVersion
        )
        let user = try ClusterUser.forCluster(
            configured: configuration.osUser,
            existingOwner: ClusterFiles.owner(of: layout.pgdata)
        )
        if let user {
            // Check what exists before creating anything, then the full path.
            try user.checkCanReach(ClusterFiles.deepestExistingAncestor(of: layout.directory), target: layout.directory)
        }
        try ClusterFiles.makeDirectory(layout.directory, mode: 0o755, owner: user)
        try user?.checkCanReach(layout.directory)
        return try ClusterFiles.withLock(at: layout.lockFile) {
            try startLocked(layout: layout, binaries: binaries, user: user)
        }
    }

    /// Stops the server running from this data directory (`pg_ctl stop -m fast -w`),
    /// whether or not this process started it. Does nothing if none is running.
    public func stop() throws {
        let layout = try ClusterLayout(dataDirectory: configuration.dataDirectory)
        guard FileManager.default.fileExists(atPath: layout.pgdata) else { return }
        try ClusterFiles.withLock(at: layout.lockFile) {
            try stopLocked(layout: layout)
        }
    }

    /// Stops the server if it runs, then deletes the data directory (and a `/tmp`
    /// socket directory, if one was used). Refuses, with `resetRefused`, when the
    /// directory holds entries the cluster did not create, so a mistyped path
    /// cannot delete unrelated files. Does nothing if the directory does not exist.
    public func reset() throws {
        let layout = try ClusterLayout(dataDirectory: configuration.dataDirectory)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: layout.directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ClusterError(.resetRefused, "'\(layout.directory)' is not a directory; not deleting it")
            }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: layout.directory)
            } catch {
                throw ClusterError(.directoryNotAccessible, "cannot list '\(layout.directory)': \(error)")
            }
            let foreign = entries.filter { !ClusterLayout.ownEntries.contains($0) }.sorted()
            guard foreign.isEmpty else {
                throw ClusterError(
                    .resetRefused,
                    "'\(layout.directory)' contains \(foreign.joined(separator: ", ")), which the cluster did not create; "
                        + "not deleting it (remove it by hand if that is intended)"
                )
            }
            try ClusterFiles.withLock(at: layout.lockFile) {
                try stopLocked(layout: layout)
                try removeFallbackSocketDirectory(layout)
                do {
                    try FileManager.default.removeItem(atPath: layout.directory)
                } catch {
                    throw ClusterError(.directoryNotAccessible, "cannot delete '\(layout.directory)': \(error)")
                }
            }
            logger.info("deleted the cluster in \(layout.directory)")
        } else {
            try removeFallbackSocketDirectory(layout)
        }
    }

    // MARK: - Stop

    /// ``stop()`` with the lock held; `pg_ctl` runs as PGDATA's owner when root.
    func stopLocked(layout: ClusterLayout) throws {
        guard let status = PostmasterStatus.read(pgdata: layout.pgdata), status.liveness == .alive else {
            logger.debug("no PostgreSQL server runs from \(layout.pgdata)")
            return
        }
        let binaries = try PostgresBinaries.discover(
            configured: configuration.binDirectory,
            preferredMajorVersion: layout.initializedMajorVersion
        )
        // pg_ctl must run as the data directory's owner to signal the postmaster.
        var user: ClusterUser?
        if geteuid() == 0 {
            user = ClusterFiles.owner(of: layout.pgdata).flatMap { ClusterUser.lookup(uid: $0) }
            if user == nil || user?.uid == 0 {
                user = try ClusterUser.forCluster(configured: configuration.osUser, existingOwner: nil)
            }
        }
        logger.info("stopping the PostgreSQL server (pid \(status.pid)) from \(layout.pgdata)")
        let result = try CommandRunner(user: user).runAsClusterUser(
            binaries.pgCtl, ["stop", "-D", layout.pgdata, "-m", "fast", "-w", "-t", "60"]
        )
        guard result.succeeded else {
            throw ClusterError(
                .stopFailed,
                "pg_ctl stop -D \(layout.pgdata) failed with exit status \(result.status):\n\(result.combinedOutput)\n"
                    + "--- end of \(layout.logFile) ---\n\(ClusterFiles.tail(of: layout.logFile))"
            )
        }
    }

    /// Deletes the `/tmp` socket directory, if this cluster uses one.
    func removeFallbackSocketDirectory(_ layout: ClusterLayout) throws {
        guard layout.usesFallbackSocketDirectory,
              FileManager.default.fileExists(atPath: layout.socketDirectory) else { return }
        do {
            try FileManager.default.removeItem(atPath: layout.socketDirectory)
        } catch {
            throw ClusterError(.directoryNotAccessible, "cannot delete '\(layout.socketDirectory)': \(error)")
        }
    }
}
