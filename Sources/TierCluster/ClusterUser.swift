import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The unprivileged OS user that owns and runs the cluster when the process is root.
struct ClusterUser: Sendable, Equatable {
    let name: String
    let uid: uid_t
    let gid: gid_t
    let home: String
    /// The primary and supplementary groups, for permission checks.
    let groups: [gid_t]

    /// The user the cluster runs as, or `nil` when the process is not root (then
    /// everything runs as the current user). In order: `configured`,
    /// `$TIERD_CLUSTER_USER`, the owner of an existing PGDATA, `postgres`, `nobody`.
    static func forCluster(
        configured: String?,
        existingOwner: uid_t?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ClusterUser? {
        guard geteuid() == 0 else { return nil }
        let user: ClusterUser
        if let configured {
            user = try named(configured, source: "osUser")
        } else if let fromEnvironment = environment["TIERD_CLUSTER_USER"], !fromEnvironment.isEmpty {
            user = try named(fromEnvironment, source: "$TIERD_CLUSTER_USER")
        } else if let existingOwner, existingOwner != 0, let owner = lookup(uid: existingOwner) {
            user = owner
        } else if let postgres = lookup(name: "postgres") {
            user = postgres
        } else if let nobody = lookup(name: "nobody") {
            user = nobody
        } else {
            throw ClusterError(
                .noUnprivilegedUser,
                "running as root, and neither a 'postgres' nor a 'nobody' OS user exists to run PostgreSQL "
                    + "(it refuses to run as root); create one (useradd --system postgres) or set osUser / TIERD_CLUSTER_USER"
            )
        }
        guard user.uid != 0 else {
            throw ClusterError(
                .noUnprivilegedUser,
                "OS user '\(user.name)' has uid 0; PostgreSQL refuses to run as root, choose an unprivileged user (osUser / TIERD_CLUSTER_USER)"
            )
        }
        return user
    }

    private static func named(_ name: String, source: String) throws -> ClusterUser {
        guard let user = lookup(name: name) else {
            throw ClusterError(
                .noUnprivilegedUser,
                "OS user '\(name)' (from \(source)) does not exist; create it (useradd --system \(name)) or choose another user"
            )
        }
        return user
    }

    /// The passwd entry for `name`.
    static func lookup(name: String) -> ClusterUser? {
        withPasswd { getpwnam_r(name, &$0, $1, $2, &$3) }
    }

    /// The passwd entry for `uid`.
    static func lookup(uid: uid_t) -> ClusterUser? {
        withPasswd { getpwuid_r(uid, &$0, $1, $2, &$3) }
    }

    private static func withPasswd(
        _ call: (inout passwd, UnsafeMutablePointer<CChar>, Int, inout UnsafeMutablePointer<passwd>?) -> Int32
    ) -> ClusterUser? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        return buffer.withUnsafeMutableBufferPointer { bytes -> ClusterUser? in
            guard call(&entry, bytes.baseAddress!, bytes.count, &result) == 0, result != nil else { return nil }
            let name = String(cString: entry.pw_name)
            return ClusterUser(
                name: name, uid: entry.pw_uid, gid: entry.pw_gid,
                home: String(cString: entry.pw_dir),
                groups: groupList(name: name, gid: entry.pw_gid)
            )
        }
    }

    private static func groupList(name: String, gid: gid_t) -> [gid_t] {
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            if getgrouplist(name, gid, &groups, &count) < 0 { return [gid] }
        }
        return Array(groups.prefix(Int(count)))
    }

    /// The command prefix that runs a program as this user: `setpriv` (no PAM
    /// session), else `runuser`.
    func privilegeDropCommand() throws -> (String, [String]) {
        let directories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        func find(_ tool: String) -> String? {
            directories.map { "\($0)/\(tool)" }.first { access($0, X_OK) == 0 }
        }
        if let setpriv = find("setpriv") {
            return (setpriv, ["--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"])
        }
        if let runuser = find("runuser") {
            return (runuser, ["-u", name, "--"])
        }
        throw ClusterError(
            .noUnprivilegedUser,
            "running as root needs setpriv or runuser (util-linux) to run PostgreSQL as '\(name)'; install util-linux or run tierd as an unprivileged user"
        )
    }

    /// Whether this user may enter (search) a directory with the given status.
    func canSearch(_ status: stat) -> Bool {
        let mode = status.st_mode
        if status.st_uid == uid { return mode & S_IXUSR != 0 }
        if groups.contains(status.st_gid) { return mode & S_IXGRP != 0 }
        return mode & S_IXOTH != 0
    }

    /// Fails with `directoryNotAccessible` unless this user can enter `directory`
    /// and every directory above it (symbolic links resolved). `target` names the
    /// directory the user eventually needs, for the message.
    func checkCanReach(_ directory: String, target: String? = nil) throws {
        var resolved = directory
        if let real = realpath(directory, nil) {
            resolved = String(cString: real)
            free(real)
        }
        var path = ""
        let steps = ["/"] + resolved.split(separator: "/").map { component -> String in
            path += "/" + component
            return path
        }
        for step in steps {
            var status = stat()
            guard stat(step, &status) == 0 else {
                throw ClusterError(.directoryNotAccessible, "cannot examine '\(step)': \(String(cString: strerror(errno)))")
            }
            guard canSearch(status) else {
                let owner = Self.lookup(uid: status.st_uid)?.name ?? "uid \(status.st_uid)"
                let mode = String(status.st_mode & 0o7777, radix: 8)
                throw ClusterError(
                    .directoryNotAccessible,
                    "the cluster runs as OS user '\(name)' (uid \(uid)), which cannot enter '\(step)' "
                        + "(mode 0\(mode), owner \(owner)) on the way to '\(target ?? resolved)'. Use a data directory that user can reach "
                        + "(e.g. under /var/lib or /tmp), allow it with 'chmod o+x \(step)', "
                        + "or choose another user with osUser / TIERD_CLUSTER_USER"
                )
            }
        }
    }
}
