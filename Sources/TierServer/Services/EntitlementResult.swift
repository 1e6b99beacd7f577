import TierCalendar
import TierPolicy
import TierWire

/// Turns an engine `Decision` into the `entitlements.get` result.
enum EntitlementResult {
    static func make(
        _ decision: Decision, decisionId: String, customerId: Int64, newOrReturning: String
    ) -> EntitlementsGet.Result {
        var tiers: [String: JSONValue] = [:]
        for (table, value) in decision.tiers {
            tiers[table] = JSONValue(value)
        }
        return EntitlementsGet.Result(
            decisionId: decisionId, revision: decision.revision, customerId: customerId,
            asOf: CivilDate.format(decision.asOf), channel: decision.channel, newOrReturning: newOrReturning,
            segments: decision.segments, tiers: tiers, entitlements: decision.entitlements.map(item),
            totalCost: decision.totalCost.description)
    }

    static func item(_ granted: GrantedEntitlement) -> EntitlementItem {
        var params: [String: JSONValue] = [:]
        for (name, value) in granted.params {
            params[name] = JSONValue(value)
        }
        let quota = granted.quota.map {
            QuotaState(count: $0.count, per: $0.period.rawValue, remaining: granted.remaining ?? $0.count)
        }
        return EntitlementItem(
            code: granted.code, name: LocalizedName(zh: granted.nameZh, en: granted.nameEn), category: granted.category,
            params: params, quota: quota, validUntil: CivilDate.format(granted.validUntil), reason: granted.reason)
    }

    /// `returning` when the policy's `returning` segment holds, or, for a set
    /// without one, when the customer has bought before; otherwise `new`.
    static func newOrReturning(_ decision: Decision, set: PolicySet, facts: FactSet) -> String {
        if set.segments.contains(where: { $0.name == "returning" }) {
            return decision.segments.contains("returning") ? "returning" : "new"
        }
        guard let slot = set.schema.slot(of: "history.purchases"), case .int(let purchases) = facts.values[slot] else {
            return "new"
        }
        return purchases > 0 ? "returning" : "new"
    }
}
