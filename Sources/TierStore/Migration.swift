import Crypto
import Foundation

/// One numbered SQL migration file, `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    /// The number that orders migrations.
    public var version: Int
    /// The descriptive part of the file name.
    public var name: String
    /// The SQL script.
    public var sql: String
    /// Hex SHA-256 of the script's bytes; a changed file is detected by it.
    public var checksum: String

    /// Makes a migration, computing its checksum.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `NNNN_name.sql` file in a directory, ordered by number. Other files
    /// are ignored; two files with one number are an error.
    public static func load(from directory: String) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError(.directoryUnreadable, "cannot read migrations directory \(directory): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for file in names where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else { continue }
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path), let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError(.directoryUnreadable, "cannot read \(path) as UTF-8")
            }
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw MigrationError(.duplicateVersion, "two migrations numbered \(a.version): \(a.name) and \(b.name)")
        }
        return migrations
    }

    /// Finds the project's `sql/` directory: `TIERD_SQL_DIR`, then `share/tierd/sql`
    /// beside the executable's directory (an installed layout), then a `sql/` folder
    /// in the current directory or any directory above it or above the executable
    /// (a source checkout).
    public static func defaultDirectory() -> String? {
        let fm = FileManager.default
        if let configured = ProcessInfo.processInfo.environment["TIERD_SQL_DIR"], !configured.isEmpty {
            return configured
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/tierd/sql").path
        if fm.fileExists(atPath: installed) { return installed }
        for start in [URL(fileURLWithPath: fm.currentDirectoryPath), executable.deletingLastPathComponent()] {
            var directory = start
            while true {
                let candidate = directory.appendingPathComponent("sql")
                if (try? load(from: candidate.path).isEmpty == false) == true {
                    return candidate.path
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }
}

/// A migration problem, as a value.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        case directoryUnreadable = "directory_unreadable"
        case duplicateVersion = "duplicate_version"
        case checksumMismatch = "checksum_mismatch"
        case unknownApplied = "unknown_applied"
        case failed
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for the operator.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
