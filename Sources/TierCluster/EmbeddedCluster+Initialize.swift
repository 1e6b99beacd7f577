import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Creating a cluster with `initdb`.
extension EmbeddedCluster {
    /// `pg_hba.conf` of a private cluster: trust over the Unix socket and loopback only.
    static let hostBasedAuthentication = """
        # tierd private cluster: trust over the Unix socket and loopback TCP only.
        # TYPE  DATABASE     USER  ADDRESS        METHOD
        local   all          all                  trust
        host    all          all   127.0.0.1/32   trust
        host    all          all   ::1/128        trust
        local   replication  all                  trust
        host    replication  all   127.0.0.1/32   trust

        """

    /// Runs `initdb` (as the cluster's OS user) into a new or empty PGDATA and
    /// writes ``hostBasedAuthentication``.
    func initialize(layout: ClusterLayout, binaries: PostgresBinaries, runner: CommandRunner) throws {
        try ClusterFiles.makeDirectory(layout.pgdata, mode: 0o700, owner: runner.user)
        var arguments = [
            "-D", layout.pgdata, "-U", configuration.superuser,
            "--encoding=UTF8", "--locale=C", "--auth-local=trust", "--auth-host=trust",
        ]
        if Self.hasCUTF8Locale { arguments.append("--lc-ctype=C.UTF-8") }
        if let fsync = configuration.serverSettings["fsync"], ["off", "false", "no", "0"].contains(fsync.lowercased()) {
            arguments.append("--no-sync")
        }
        logger.info("initialising a PostgreSQL cluster in \(layout.pgdata)\(runner.user.map { " as OS user \($0.name)" } ?? "")")
        let result = try runner.runAsClusterUser(binaries.initdb, arguments)
        guard result.succeeded else {
            throw ClusterError(
                .initdbFailed,
                "\(binaries.initdb) -D \(layout.pgdata) failed with exit status \(result.status):\n\(result.combinedOutput)"
            )
        }
        try ClusterFiles.write(Self.hostBasedAuthentication, to: layout.pgdata + "/pg_hba.conf", owner: runner.user)
    }

    /// Whether the C.UTF-8 locale exists (glibc ≥ 2.35 has it built in).
    static var hasCUTF8Locale: Bool {
        #if canImport(Glibc)
        guard let locale = newlocale(1 << LC_CTYPE, "C.UTF-8", nil) else { return false }
        freelocale(locale)
        return true
        #else
        return false
        #endif
    }
}
