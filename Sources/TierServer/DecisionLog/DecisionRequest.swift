import TierPolicy
import TierWire

/// What `decision_log.request` holds for `entitlements.get`: the params, every
/// fact the engine saw, the quota uses, and the SHA-256 of the facts' canonical
/// JSON (sorted keys). Enough to replay the decision.
public struct DecisionRequest: Codable, Sendable {
    public var params: EntitlementsGet.Params
    public var facts: [String: JSONValue]
    public var quotaUsed: [String: Int64]
    public var factsHash: String

    enum CodingKeys: String, CodingKey {
        case params, facts
        case quotaUsed = "quota_used"
        case factsHash = "facts_hash"
    }
}

/// Facts to JSON and back, by the schema's paths and types.
public enum DecisionFacts {
    /// Every fact by path; missing optional facts are null.
    public static func json(_ facts: FactSet, schema: FactSchema) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (slot, declaration) in schema.declarations.enumerated() {
            values[declaration.path] = JSONValue(facts.values[slot])
        }
        return values
    }

    /// `json(facts, schema:)` as canonical JSON (sorted keys), written straight from
    /// the slots in path order.
    public static func canonicalJSON(_ facts: FactSet, schema: FactSchema) -> [UInt8] {
        JSONValue.canonicalObject(sortedMembers: schema.slotsInPathOrder.lazy.map { slot in
            (key: schema[slot].path, value: JSONValue(facts.values[slot]))
        })
    }

    /// The fact set the JSON describes, or nil when it does not fit the schema.
    public static func factSet(_ values: [String: JSONValue], schema: FactSchema) -> FactSet? {
        var policyValues: [String: PolicyValue] = [:]
        for (path, json) in values {
            guard let slot = schema.slot(of: path), let value = PolicyValue(json: json, as: schema[slot].type) else { return nil }
            policyValues[path] = value
        }
        return try? FactSet(policyValues, schema: schema)
    }
}
