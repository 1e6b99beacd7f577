/// Why a cluster operation failed; ``message`` says what was tried and how to fix it,
/// including the failing command's output or the tail of the server log.
public struct ClusterError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public enum Code: String, Sendable, Equatable {
        /// A configuration value cannot be used (bad port, name, setting or path).
        case invalidConfiguration
        /// No usable PostgreSQL server binaries (`initdb`, `pg_ctl`, `postgres`, `psql`).
        case binariesNotFound
        /// Running as root, but no unprivileged OS user can run the cluster.
        case noUnprivilegedUser
        /// A directory cannot be created, entered or used by the cluster's OS user.
        case directoryNotAccessible
        /// `initdb` failed.
        case initdbFailed
        /// The server did not start (or a running one never became ready).
        case startFailed
        /// `pg_ctl stop` failed.
        case stopFailed
        /// Checking for or creating the configured database failed.
        case createDatabaseFailed
        /// `reset()` refused to delete a directory holding files the cluster did not create.
        case resetRefused
        /// `pg_basebackup` (copying a primary for a standby) or `pg_ctl promote` failed.
        case replicationFailed
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, with captured output and a hint at the fix.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code.rawValue): \(message)" }
}
