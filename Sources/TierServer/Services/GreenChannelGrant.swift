import TierPolicy
import TierWire

/// The entitlement that opens a green channel for one customer, and the SLA and
/// priority its ticket gets.
struct GreenChannelGrant: Sendable {
    let entitlement: GrantedEntitlement
    let slaHours: Int
    let priority: Int

    /// The first of the rule's entitlements the decision grants with uses left.
    /// Throws `not_entitled` naming what would qualify, or saying the quota is used up.
    init(rule: GreenChannelRule, decision: Decision, customerId: Int64) throws(RPCError) {
        let granted = rule.entitlements.compactMap { decision.entitlement($0) }
        guard !granted.isEmpty else {
            throw RPCError.notEntitled(
                "customer \(customerId) holds none of: \(rule.entitlements.joined(separator: ", ")), which open a \(rule.kind) green channel")
        }
        guard let usable = granted.first(where: { $0.remaining.map { $0 > 0 } ?? true }) else {
            let spent = granted.map { "\($0.code) (\($0.quota.map { "\($0.count) per \($0.period.rawValue)" } ?? "unlimited"))" }
            throw RPCError.notEntitled("quota used up: customer \(customerId) has used all of \(spent.joined(separator: ", ")) this period")
        }
        entitlement = usable
        slaHours = Self.whole(usable.param("sla_hours"), minimum: 1) ?? rule.slaHours
        priority = min(Self.whole(usable.param("priority"), minimum: 0) ?? rule.priority, Int(Int16.max))
    }

    /// A whole-number param of at least `minimum`, or nil (the rule's value applies).
    private static func whole(_ value: PolicyValue?, minimum: Int) -> Int? {
        switch value {
        case .int(let number)?:
            return number >= minimum && number <= 1_000_000 ? Int(number) : nil
        case .decimal(let decimal)? where decimal.scaled % FixedDecimal.scale == 0:
            return whole(.int(decimal.scaled / FixedDecimal.scale), minimum: minimum)
        default:
            return nil
        }
    }
}
