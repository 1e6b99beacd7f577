import Foundation

/// The PostgreSQL server tools a cluster needs, all from one directory.
struct PostgresBinaries: Sendable {
    /// The tools that must be present and executable.
    static let requiredTools = ["initdb", "pg_ctl", "postgres", "psql"]

    /// The bin directory.
    let directory: String
    var initdb: String { directory + "/initdb" }
    var pgCtl: String { directory + "/pg_ctl" }
    var psql: String { directory + "/psql" }

    /// Finds the binaries: `configured`, else `$TIERD_PG_BINDIR` (both strict),
    /// else the first complete directory among: the version matching an existing
    /// cluster, `pg_config --bindir`, the highest `/usr/lib/postgresql/<v>/bin`, `PATH`.
    static func discover(
        configured: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        preferredMajorVersion: String?
    ) throws -> PostgresBinaries {
        if let configured {
            return try strict(configured, source: "the configured binDirectory")
        }
        if let fromEnvironment = environment["TIERD_PG_BINDIR"], !fromEnvironment.isEmpty {
            return try strict(fromEnvironment, source: "$TIERD_PG_BINDIR")
        }
        var tried: [String] = []
        func consider(_ candidate: String?) -> PostgresBinaries? {
            guard let candidate, !candidate.isEmpty else { return nil }
            let directory = ClusterLayout.absolutePath(candidate)
            if tried.contains(directory) { return nil }
            tried.append(directory)
            return missingTools(in: directory).isEmpty ? PostgresBinaries(directory: directory) : nil
        }
        let debianRoot = "/usr/lib/postgresql"
        if let major = preferredMajorVersion,
           let found = consider("\(debianRoot)/\(major)/bin") { return found }
        if let found = consider(pgConfigBinDirectory(environment: environment)) { return found }
        for version in installedVersions(under: debianRoot) {
            if let found = consider("\(debianRoot)/\(version)/bin") { return found }
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            if let found = consider(String(directory)) { return found }
        }
        throw ClusterError(
            .binariesNotFound,
            "no PostgreSQL server binaries found (need \(requiredTools.joined(separator: ", "))); looked in: "
                + (tried.isEmpty ? "(nothing)" : tried.joined(separator: ", "))
                + ". Install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@16), "
                + "or set TIERD_PG_BINDIR (or ClusterConfiguration.binDirectory) to its bin directory"
        )
    }

    /// `directory` if it has every tool, else a `binariesNotFound` error naming what is missing.
    private static func strict(_ path: String, source: String) throws -> PostgresBinaries {
        let directory = ClusterLayout.absolutePath(path)
        let missing = missingTools(in: directory)
        guard missing.isEmpty else {
            let problem = FileManager.default.fileExists(atPath: directory)
                ? "lacks executable \(missing.joined(separator: ", ")) (needs \(requiredTools.joined(separator: ", ")))"
                : "does not exist (looked for \(requiredTools.joined(separator: ", ")) there)"
            throw ClusterError(
                .binariesNotFound,
                "\(source) '\(directory)' \(problem). Point it at the bin directory of a PostgreSQL "
                    + "server installation (e.g. /usr/lib/postgresql/15/bin; Debian/Ubuntu: apt-get install postgresql), "
                    + "or leave it unset to discover one"
            )
        }
        return PostgresBinaries(directory: directory)
    }

    /// The required tools that are not executable regular files in `directory`.
    static func missingTools(in directory: String) -> [String] {
        requiredTools.filter { tool in
            let path = directory + "/" + tool
            var isDirectory: ObjCBool = false
            return !(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                && !isDirectory.boolValue && access(path, X_OK) == 0)
        }
    }

    /// What `pg_config --bindir` prints, when a `pg_config` is on `PATH`.
    private static func pgConfigBinDirectory(environment: [String: String]) -> String? {
        let candidates: [String] = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pg_config" }
        let pgConfig = candidates.first { access($0, X_OK) == 0 }
        guard let pgConfig,
              let result = try? CommandRunner.run(pgConfig, ["--bindir"]),
              result.succeeded
        else { return nil }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The numeric subdirectories of `root` (e.g. 15, 16), highest version first.
    private static func installedVersions(under root: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        func key(_ version: String) -> [Int] { version.split(separator: ".").map { Int($0) ?? 0 } }
        return entries
            .filter { !$0.isEmpty && $0.allSatisfy { $0.isNumber || $0 == "." } }
            .sorted { key($0).lexicographicallyPrecedes(key($1)) }
            .reversed()
    }
}
