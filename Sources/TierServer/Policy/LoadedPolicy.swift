import Foundation
import TierPolicy

/// A compiled policy set as the daemon serves it: immutable, shared by every
/// request that started while it was current.
public final class LoadedPolicy: Sendable {
    public let set: PolicySet
    public let evaluator: PolicyEvaluator
    /// The directory it was read from.
    public let directory: String
    /// Its files, relative to the directory.
    public let files: [String]
    public let loadedAt: Date

    public init(set: PolicySet, directory: String, files: [String], loadedAt: Date = Date()) {
        self.set = set
        self.evaluator = PolicyEvaluator(set)
        self.directory = directory
        self.files = files
        self.loadedAt = loadedAt
    }

    /// The revision (SHA-256 of the sources).
    public var revision: String { self.set.revision }
}
