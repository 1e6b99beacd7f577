import Foundation

/// The outcome of one finished command.
struct CommandResult: Sendable {
    /// The exit status (128 + the signal number when killed by a signal).
    var status: Int32
    /// Everything the command wrote to standard output.
    var standardOutput: String
    /// Everything the command wrote to standard error.
    var standardError: String

    /// Whether the command exited with status 0.
    var succeeded: Bool { status == 0 }

    /// Standard output and error, trimmed, for error messages.
    var combinedOutput: String {
        [standardOutput, standardError]
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
