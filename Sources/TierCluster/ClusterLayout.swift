import Foundation

/// The absolute paths of everything a cluster keeps in its data directory.
struct ClusterLayout: Sendable {
    /// The absolute, normalised data directory (``ClusterConfiguration/dataDirectory``).
    let directory: String
    /// Where the Unix socket goes: `<directory>/run`, or a short `/tmp` fallback.
    let socketDirectory: String

    /// `sun_path` holds 108 bytes including the terminating NUL.
    static let maximumSocketPathLength = 107
    /// The entries the cluster creates in its directory; `reset()` deletes nothing else.
    static let ownEntries: Set<String> = ["pgdata", "run", "postgres.log", "port", ".lock"]

    /// PGDATA.
    var pgdata: String { directory + "/pgdata" }
    /// The socket directory inside the data directory.
    var localSocketDirectory: String { directory + "/run" }
    /// Whether the socket lives in the `/tmp` fallback directory.
    var usesFallbackSocketDirectory: Bool { socketDirectory != localSocketDirectory }
    /// The server log.
    var logFile: String { directory + "/postgres.log" }
    /// The remembered port.
    var portFile: String { directory + "/port" }
    /// The lock serialising start, stop and reset.
    var lockFile: String { directory + "/.lock" }

    /// Resolves `path` against the current directory and picks the socket directory.
    init(dataDirectory path: String) throws {
        guard !path.isEmpty else {
            throw ClusterError(.invalidConfiguration, "the data directory path is empty")
        }
        let absolute = Self.absolutePath(path)
        guard absolute != "/" else {
            throw ClusterError(.invalidConfiguration, "the data directory cannot be '/'")
        }
        // pg_ctl wraps -D and -l paths in double quotes inside a /bin/sh command line.
        if let bad = absolute.first(where: { "\"`$\\\n".contains($0) }) {
            throw ClusterError(
                .invalidConfiguration,
                "the data directory path '\(absolute)' contains '\(bad)', which pg_ctl cannot pass through its shell; choose another directory"
            )
        }
        directory = absolute
        let local = absolute + "/run"
        if Self.fitsSocketPath(local) {
            socketDirectory = local
        } else {
            socketDirectory = "/tmp/tierd-" + Self.fnv1a(absolute)
        }
    }

    /// Whether `<directory>/.s.PGSQL.<any port>` fits in a Unix socket address.
    static func fitsSocketPath(_ directory: String) -> Bool {
        (directory + "/.s.PGSQL.65535").utf8.count <= maximumSocketPathLength
    }

    /// The socket file for `port`.
    func socketFile(port: Int) -> String { socketDirectory + "/.s.PGSQL.\(port)" }

    /// The major version in `PG_VERSION` when the cluster has been initialised.
    var initializedMajorVersion: String? {
        guard let text = try? String(contentsOfFile: pgdata + "/PG_VERSION", encoding: .utf8) else { return nil }
        let version = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return version.isEmpty ? nil : version
    }

    /// The port remembered by an earlier start, if any.
    var rememberedPort: Int? {
        guard let text = try? String(contentsOfFile: portFile, encoding: .utf8),
              let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              (1...65535).contains(port)
        else { return nil }
        return port
    }

    /// `path` made absolute (tilde expanded, relative to the current directory)
    /// with `.`, `..` and repeated slashes removed lexically.
    static func absolutePath(_ path: String) -> String {
        var path = path
        if path.hasPrefix("~") { path = NSString(string: path).expandingTildeInPath }
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// A 64-bit FNV-1a hash of `text` as 16 hex digits (stable across runs).
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
