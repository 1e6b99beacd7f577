/// `policy.status`: the revision serving now and the last reload.
public enum PolicyStatus: RPCMethod {
    public static let name = "policy.status"
    public static let roles = Set(Role.allCases)
    public typealias Params = NoParams
    public typealias Result = PolicyRevisionInfo
}

/// `policy.reload`: re-reads the policy directory. The new revision serves only if
/// it compiles; otherwise the running one keeps serving and the call fails with
/// `policy_invalid`, listing the diagnostics in `error.data.diagnostics`.
public enum PolicyReload: RPCMethod {
    public static let name = "policy.reload"
    public static let roles: Set<Role> = [.admin]
    public static let writes = true
    public typealias Params = NoParams
    public typealias Result = PolicyRevisionInfo
}

/// The policy revision a daemon serves.
public struct PolicyRevisionInfo: Codable, Sendable, Hashable {
    public var revision: String
    /// The revision before this reload, for `policy.reload`.
    public var previousRevision: String?
    /// RFC 3339 time it was loaded.
    public var loadedAt: String
    public var directory: String
    public var files: [String]
    /// Entitlements in the catalogue.
    public var entitlements: Int

    enum CodingKeys: String, CodingKey {
        case revision, directory, files, entitlements
        case previousRevision = "previous_revision"
        case loadedAt = "loaded_at"
    }

    public init(revision: String, previousRevision: String?, loadedAt: String, directory: String, files: [String], entitlements: Int) {
        self.revision = revision
        self.previousRevision = previousRevision
        self.loadedAt = loadedAt
        self.directory = directory
        self.files = files
        self.entitlements = entitlements
    }
}
