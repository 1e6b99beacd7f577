/// What every `facts.*` method returns: the row's tierd id and whether this call
/// created it (false when the external id was already known and the row updated).
public struct FactsUpsertResult: Codable, Sendable, Hashable {
    public var id: Int64
    public var created: Bool

    public init(id: Int64, created: Bool) {
        self.id = id
        self.created = created
    }
}
