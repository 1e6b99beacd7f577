import Foundation
import TierPolicy
import TierSync

/// The policy revision serving now, swapped atomically on reload.
///
/// A request takes the current `LoadedPolicy` once and uses it throughout, so each
/// request sees exactly one revision even while a reload lands.
public final class PolicyHolder: Sendable {
    /// The directory reloads read.
    public let directory: String
    private let state: Locked<LoadedPolicy>
    /// Reloads run one at a time.
    private let reloading = Locked<Void>(())

    /// Loads the directory; fails when it does not compile.
    public init(directory: String) throws(PolicyReloadError) {
        self.directory = directory
        state = Locked(try Self.load(directory))
    }

    /// The revision serving now.
    public var current: LoadedPolicy { state.withLock { $0 } }

    /// Reads and compiles the directory again. On success the new revision serves
    /// from now on and the previous one is returned; on failure nothing changes.
    @discardableResult
    public func reload() throws(PolicyReloadError) -> (previous: LoadedPolicy, current: LoadedPolicy) {
        try reloading.withLock { _ throws(PolicyReloadError) in
            let next = try Self.load(directory)
            let previous = state.withLock { current in
                let previous = current
                current = next
                return previous
            }
            return (previous, next)
        }
    }

    /// Reads and compiles the policy set in `directory`; the error lists every
    /// diagnostic as `directory/file:line:col: code: message`.
    public static func load(_ directory: String) throws(PolicyReloadError) -> LoadedPolicy {
        let sources: [PolicySourceFile]
        do {
            sources = try PolicyDirectory(path: directory).sources()
        } catch {
            throw PolicyReloadError(diagnostics: ["\(directory): \(error)"])
        }
        guard !sources.isEmpty else {
            throw PolicyReloadError(diagnostics: ["\(directory): no policy files (*.yaml)"])
        }
        switch PolicyLoader.load(sources) {
        case .success(let set):
            return LoadedPolicy(set: set, directory: directory, files: sources.map(\.name))
        case .failure(let diagnostics):
            throw PolicyReloadError(diagnostics: diagnostics.diagnostics.map { "\(directory)/\($0)" })
        }
    }
}

/// A policy directory that could not be loaded; the running revision keeps serving.
public struct PolicyReloadError: Error, Sendable, CustomStringConvertible {
    /// `file:line:col: code: message` lines.
    public let diagnostics: [String]
    public var description: String { diagnostics.joined(separator: "\n") }
}
