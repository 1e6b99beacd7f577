import TierWire

/// One line of an inputs file: every fact of a customer (as the decision log keeps
/// them) and the quota uses of its periods. The zen model reads the same lines.
struct BenchInput: Codable {
    var facts: [String: JSONValue]
    var quotaUsed: [String: Int64]

    enum CodingKeys: String, CodingKey {
        case facts
        case quotaUsed = "quota_used"
    }
}
