/// A client's role; each may call only its own methods (see `MethodCatalog`).
public enum Role: String, Codable, Sendable, CaseIterable, Hashable {
    /// Policy admin systems: entitlements and fact upserts.
    case policyAdmin = "policy_admin"
    /// Counter staff terminals: entitlements and green channels.
    case counter
    /// Schedulers and dialers: revisit lists (and, later, tasks).
    case scheduler
    /// Operators: everything, including policy reload.
    case admin
}
