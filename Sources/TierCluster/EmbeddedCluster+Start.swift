import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Starting a server: reuse, port choice, `pg_ctl start`, the database.
extension EmbeddedCluster {
    /// ``start()`` once the directory exists and its lock is held.
    func startLocked(layout: ClusterLayout, binaries: PostgresBinaries, user: ClusterUser?) throws -> RunningCluster {
        if let status = try runningServer(layout: layout) {
            guard let port = status.port, let socketDirectory = status.socketDirectory else {
                throw ClusterError(
                    .startFailed,
                    "a PostgreSQL server (pid \(status.pid)) runs from \(layout.pgdata) without a port or Unix socket "
                        + "in its postmaster.pid; stop it (pg_ctl stop -D \(layout.pgdata)) and start again"
                )
            }
            logger.info("reusing the PostgreSQL server already running from \(layout.pgdata) (pid \(status.pid), port \(port))")
            let cluster = runningCluster(layout: layout, socketDirectory: socketDirectory, port: port, binaries: binaries, startedByUs: false)
            try ensureDatabase(cluster, binaries: binaries)
            return cluster
        }

        let runner = CommandRunner(user: user)
        if layout.initializedMajorVersion == nil {
            try initialize(layout: layout, binaries: binaries, runner: runner)
        } else if let user, let owner = ClusterFiles.owner(of: layout.pgdata), owner != user.uid {
            let ownerName = ClusterUser.lookup(uid: owner)?.name ?? "uid \(owner)"
            throw ClusterError(
                .directoryNotAccessible,
                "\(layout.pgdata) belongs to OS user '\(ownerName)', but the cluster is set to run as '\(user.name)'; "
                    + "set osUser / TIERD_CLUSTER_USER to '\(ownerName)', or chown -R \(user.name) \(layout.directory)"
            )
        }
        try prepareSocketDirectory(layout: layout, user: user)
        try ClusterFiles.makeFile(layout.logFile, owner: user)

        let port = try launch(layout: layout, binaries: binaries, runner: runner)
        let cluster = runningCluster(layout: layout, socketDirectory: layout.socketDirectory, port: port, binaries: binaries, startedByUs: true)
        do {
            try ensureDatabase(cluster, binaries: binaries)
        } catch {
            // Do not leave a server behind that the caller never learns about.
            _ = try? runner.runAsClusterUser(binaries.pgCtl, ["stop", "-D", layout.pgdata, "-m", "fast", "-w", "-t", "60"])
            throw error
        }
        return cluster
    }

    /// What ``start()`` returns.
    func runningCluster(
        layout: ClusterLayout, socketDirectory: String, port: Int, binaries: PostgresBinaries, startedByUs: Bool
    ) -> RunningCluster {
        RunningCluster(
            dataDirectory: layout.directory,
            socketDirectory: socketDirectory,
            port: port,
            superuser: configuration.superuser,
            database: configuration.database,
            startedByUs: startedByUs,
            binDirectory: binaries.directory
        )
    }

    /// The status of a live server from this data directory once it is ready,
    /// or `nil` if none runs. A `postmaster.pid` whose pid now belongs to another
    /// program (after a crash or reboot) is removed, as PostgreSQL would refuse to start.
    func runningServer(layout: ClusterLayout) throws -> PostmasterStatus? {
        let deadline = Date().addingTimeInterval(60)
        while true {
            guard let status = PostmasterStatus.read(pgdata: layout.pgdata) else { return nil }
            switch status.liveness {
            case .dead:
                return nil  // PostgreSQL removes a lock file left by a dead postmaster itself.
            case .reused:
                logger.warning("removing stale postmaster.pid in \(layout.pgdata): pid \(status.pid) is no longer a PostgreSQL server")
                try? FileManager.default.removeItem(atPath: layout.pgdata + "/postmaster.pid")
                return nil
            case .alive:
                if status.isReady { return status }
            }
            guard Date() < deadline else {
                throw ClusterError(
                    .startFailed,
                    "the PostgreSQL server (pid \(status.pid)) from \(layout.pgdata) has been '\(status.state ?? "?")' for 60 s; "
                        + "see \(layout.logFile):\n\(ClusterFiles.tail(of: layout.logFile))"
                )
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Creates the socket directory; a `/tmp` fallback must be a real directory owned
    /// by the cluster's user and writable by nobody else.
    func prepareSocketDirectory(layout: ClusterLayout, user: ClusterUser?) throws {
        try ClusterFiles.makeDirectory(layout.socketDirectory, mode: 0o755, owner: user)
        guard layout.usesFallbackSocketDirectory else { return }
        var status = stat()
        let expectedOwner = user?.uid ?? geteuid()
        guard lstat(layout.socketDirectory, &status) == 0,
              status.st_mode & S_IFMT == S_IFDIR,
              status.st_uid == expectedOwner,
              status.st_mode & 0o022 == 0
        else {
            throw ClusterError(
                .directoryNotAccessible,
                "the socket directory \(layout.socketDirectory) (used because \(layout.localSocketDirectory) is too long for a Unix socket path) "
                    + "is not a directory owned by uid \(expectedOwner) and writable only by it; remove it, or use a shorter data directory path"
            )
        }
    }

    /// Runs `pg_ctl start` on a suitable port; returns the port. An automatically
    /// chosen port that turns out busy is replaced (up to three attempts).
    func launch(layout: ClusterLayout, binaries: PostgresBinaries, runner: CommandRunner) throws -> Int {
        let checkTCP = !configuration.listenAddresses.trimmingCharacters(in: .whitespaces).isEmpty
        var excluded: Set<Int> = []
        let attempts = 3
        for attempt in 1...attempts {
            let port: Int
            if let fixed = configuration.port {
                guard PortAllocator.isFree(fixed, checkTCP: checkTCP) else {
                    throw ClusterError(
                        .startFailed,
                        "port \(fixed) is already in use on 127.0.0.1; configure another port, or none to pick a free one"
                    )
                }
                port = fixed
            } else {
                port = try choosePort(layout: layout, checkTCP: checkTCP, excluding: excluded)
            }
            let logOffset = ClusterFiles.size(of: layout.logFile)
            logger.info("starting PostgreSQL from \(layout.pgdata) on port \(port), socket in \(layout.socketDirectory)")
            let result = try runner.runAsClusterUser(binaries.pgCtl, [
                "start", "-D", layout.pgdata, "-l", layout.logFile, "-w", "-t", "60",
                "-o", serverOptions(port: port, socketDirectory: layout.socketDirectory),
            ])
            if result.succeeded {
                if configuration.port == nil, layout.rememberedPort != port {
                    try ClusterFiles.write("\(port)\n", to: layout.portFile, owner: nil)
                }
                return port
            }
            let log = ClusterFiles.tail(of: layout.logFile, from: logOffset)
            if configuration.port == nil, attempt < attempts, Self.isPortConflict(log) {
                logger.warning("port \(port) turned out to be busy; trying another")
                excluded.insert(port)
                continue
            }
            throw ClusterError(
                .startFailed,
                "pg_ctl start (port \(port)) failed with exit status \(result.status):\n\(result.combinedOutput)\n"
                    + "--- end of \(layout.logFile) ---\n\(log)"
            )
        }
        throw ClusterError(.startFailed, "no free port after \(attempts) attempts")
    }

    /// The remembered port while it is free, else a fresh free one.
    func choosePort(layout: ClusterLayout, checkTCP: Bool, excluding excluded: Set<Int>) throws -> Int {
        let remembered = layout.rememberedPort
        if let remembered, !excluded.contains(remembered) {
            if PortAllocator.isFree(remembered, checkTCP: checkTCP) { return remembered }
            logger.notice("the remembered port \(remembered) is in use; choosing another")
        }
        for _ in 0..<50 {
            if let port = PortAllocator.ephemeralPort(), port != remembered, !excluded.contains(port) {
                return port
            }
        }
        throw ClusterError(.startFailed, "cannot find a free TCP port on 127.0.0.1")
    }

    /// Whether a failed start's log says the port (TCP or socket) was taken.
    static func isPortConflict(_ log: String) -> Bool {
        ["Address already in use", "could not create any TCP/IP sockets", "could not bind", "Is another postmaster"]
            .contains { log.contains($0) }
    }

    /// The `pg_ctl -o` string: one shell-quoted `-c name=value` per setting
    /// (pg_ctl hands it to /bin/sh). Defaults, then ``ClusterConfiguration/serverSettings``,
    /// then the managed port and socket directory.
    func serverOptions(port: Int, socketDirectory: String) -> String {
        var settings = [
            "max_connections": "100",
            "unix_socket_permissions": "0777",
            "listen_addresses": configuration.listenAddresses,
        ]
        settings.merge(configuration.serverSettings) { _, configured in configured }
        settings["port"] = String(port)
        settings["unix_socket_directories"] = "\"\(socketDirectory)\""
        return settings.sorted { $0.key < $1.key }
            .map { "-c " + Self.shellQuote("\($0.key)=\($0.value)") }
            .joined(separator: " ")
    }

    /// `word` in single quotes for /bin/sh.
    static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Creates ``ClusterConfiguration/database`` unless it exists (with `psql`, as the superuser).
    func ensureDatabase(_ cluster: RunningCluster, binaries: PostgresBinaries) throws {
        func psql(_ sql: String) throws -> String {
            let result = try CommandRunner.run(binaries.psql, [
                "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-d", cluster.conninfo(database: "postgres"), "-c", sql,
            ])
            guard result.succeeded else {
                throw ClusterError(
                    .createDatabaseFailed,
                    "psql -c \"\(sql)\" against \(cluster.conninfo(database: "postgres")) failed with exit status \(result.status):\n"
                        + result.combinedOutput
                )
            }
            return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let name = configuration.database
        let literal = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
        if try psql("SELECT 1 FROM pg_database WHERE datname = \(literal)") == "1" { return }
        _ = try psql("CREATE DATABASE \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        logger.info("created database \(name)")
    }
}
