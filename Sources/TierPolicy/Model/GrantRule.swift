/// A rule granting an entitlement when its condition holds.
public struct GrantRule: Sendable {
    /// The catalogue code granted.
    public var code: String
    /// When it is granted.
    public var condition: CompiledExpression
    /// Named parameters, each an expression (e.g. `sla_hours: 72`).
    public var params: [(name: String, value: CompiledExpression)]
    /// The quota, overriding the catalogue's.
    public var quota: Quota?
    /// How long a grant is valid, in days; nil: to the end of the quota period, else one day.
    public var validForDays: Int64?
    /// Why, in words for the customer and the clerk.
    public var reason: String
    /// Where it is defined.
    public var location: PolicyLocation
}
