import TierWire

/// A newly added API client and its token. The token exists only here: the
/// database keeps its SHA-256, so it is shown to the operator once.
public struct IssuedClient: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// `tdk_` followed by 64 lower-case hex digits (256 random bits).
    public var token: String

    public init(name: String, role: Role, token: String) {
        self.name = name
        self.role = role
        self.token = token
    }
}
