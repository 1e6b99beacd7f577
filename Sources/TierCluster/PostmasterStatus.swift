import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What `postmaster.pid` says about the server running from a data directory.
struct PostmasterStatus: Sendable, Equatable {
    /// The postmaster's process id.
    let pid: pid_t
    /// The port it listens on.
    let port: Int?
    /// The first Unix socket directory (`nil` when it has none).
    let socketDirectory: String?
    /// `starting`, `ready`, `standby` or `stopping` (`nil` if not written yet).
    let state: String?

    /// Whether the process is alive, dead, or is something other than a postmaster
    /// (the pid was reused after a crash or reboot).
    enum Liveness { case alive, dead, reused }

    /// Parses `<pgdata>/postmaster.pid`; `nil` when absent or unreadable.
    static func read(pgdata: String) -> PostmasterStatus? {
        guard let text = try? String(contentsOfFile: pgdata + "/postmaster.pid", encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first, let pid = pid_t(first), pid > 0 else { return nil }
        func line(_ number: Int) -> String? {
            lines.count >= number && !lines[number - 1].isEmpty ? lines[number - 1] : nil
        }
        return PostmasterStatus(
            pid: pid,
            port: line(4).flatMap { Int($0) },
            socketDirectory: line(5),
            state: line(8)
        )
    }

    /// Checks the process: `kill(pid, 0)`, and on Linux its name in `/proc`.
    var liveness: Liveness {
        if pid == getpid() { return .reused }
        if kill(pid, 0) != 0 && errno != EPERM { return .dead }
        if let name = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) {
            let command = name.trimmingCharacters(in: .whitespacesAndNewlines)
            return command == "postgres" || command == "postmaster" ? .alive : .reused
        }
        return .alive
    }

    /// Whether the server accepts connections (or is a running standby).
    var isReady: Bool { state == nil || state == "ready" || state == "standby" }
}
