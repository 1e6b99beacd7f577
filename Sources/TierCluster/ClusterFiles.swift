import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// File-system steps for the cluster's directory: create what is missing and hand
/// what was created to the cluster's OS user (when running as root).
enum ClusterFiles {
    /// Creates `path` and any missing parents. Created parents get mode 0755 (when
    /// root, so the OS user can pass through them); a created leaf gets `mode` and,
    /// when `owner` is set, is chowned to it. Existing directories are left alone.
    /// Returns whether the leaf was created.
    @discardableResult
    static func makeDirectory(_ path: String, mode: mode_t, owner: ClusterUser?) throws -> Bool {
        var current = ""
        let components = path.split(separator: "/")
        var createdLeaf = false
        for (index, component) in components.enumerated() {
            current += "/" + component
            let isLeaf = index == components.count - 1
            var status = stat()
            if stat(current, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw ClusterError(.directoryNotAccessible, "'\(current)' exists but is not a directory")
                }
                continue
            }
            let wanted: mode_t = isLeaf ? mode : 0o755
            guard mkdir(current, wanted) == 0 || errno == EEXIST else {
                throw ClusterError(
                    .directoryNotAccessible,
                    "cannot create directory '\(current)': \(String(cString: strerror(errno)))"
                )
            }
            if owner != nil { _ = chmod(current, wanted) }  // umask must not narrow it
            if isLeaf {
                createdLeaf = true
                try give(current, to: owner)
            }
        }
        return createdLeaf
    }

    /// `path` itself if it exists, else its nearest existing ancestor.
    static func deepestExistingAncestor(of path: String) -> String {
        var current = path
        while current != "/" && !FileManager.default.fileExists(atPath: current) {
            current = (current as NSString).deletingLastPathComponent
            if current.isEmpty { return "/" }
        }
        return current
    }

    /// Creates an empty file at `path` (mode 0600) unless it exists, owned by `owner`.
    static func makeFile(_ path: String, owner: ClusterUser?) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return }
            throw ClusterError(.directoryNotAccessible, "cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        try give(path, to: owner)
    }

    /// Replaces the contents of `path` (keeping its owner), then chowns to `owner`.
    static func write(_ contents: String, to path: String, owner: ClusterUser?) throws {
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ClusterError(.directoryNotAccessible, "cannot write '\(path)': \(error)")
        }
        try give(path, to: owner)
    }

    /// Chowns `path` to `owner` (no-op for `nil`).
    static func give(_ path: String, to owner: ClusterUser?) throws {
        guard let owner else { return }
        guard chown(path, owner.uid, owner.gid) == 0 else {
            throw ClusterError(
                .directoryNotAccessible,
                "cannot give '\(path)' to OS user '\(owner.name)': \(String(cString: strerror(errno)))"
            )
        }
    }

    /// The owner of `path`, if it exists.
    static func owner(of path: String) -> uid_t? {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_uid : nil
    }

    /// The size of `path` in bytes (0 if missing).
    static func size(of path: String) -> UInt64 {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_size) : 0
    }

    /// The last `lines` lines written to `path` after byte `offset` (at most 64 KiB are read).
    static func tail(of path: String, from offset: UInt64 = 0, lines: Int = 20) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        do {
            // Only the last 64 KiB matter for a tail; the log grows across runs.
            try handle.seek(toOffset: max(offset, size(of: path) &- min(size(of: path), 65_536)))
            let data = try handle.readToEnd() ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .suffix(lines + 1)
                .joined(separator: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            return ""
        }
    }

    /// Holds an exclusive `flock` on `path` (created if missing) while `body` runs.
    /// `flock` locks belong to the open file, so this serialises threads of one
    /// process as well as separate processes.
    static func withLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ClusterError(.directoryNotAccessible, "cannot open lock file '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw ClusterError(.directoryNotAccessible, "cannot lock '\(path)': \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
