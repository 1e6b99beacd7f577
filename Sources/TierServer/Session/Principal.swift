import TierWire

/// An authenticated caller: the api client's name and role. Its name is what the
/// audit log, the decision log and green-channel tickets record.
public struct Principal: Sendable, Hashable {
    public var name: String
    public var role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}
