import Foundation
import TierWire

/// An API client as `ClientRegistry.list(on:)` shows it: never its token.
public struct RegisteredClient: Sendable, Hashable {
    public var name: String
    public var role: Role
    public var createdAt: Date
    /// When its token was revoked; nil while it may connect.
    public var revokedAt: Date?

    public init(name: String, role: Role, createdAt: Date, revokedAt: Date?) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
