/// `facts.complaint.record`: records or updates a complaint by external id.
public enum FactsComplaintRecord: RPCMethod {
    public static let name = "facts.complaint.record"
    public static let roles: Set<Role> = [.policyAdmin, .admin]
    public static let writes = true
    public typealias Result = FactsUpsertResult

    public struct Params: Codable, Sendable, Hashable {
        public var externalId: String
        public var customerId: Int64?
        public var customerExternalId: String?
        /// The policy complained about, by number.
        public var policyNo: String?
        /// RFC 3339 timestamp.
        public var receivedAt: String
        /// sales, claims, service, underwriting, billing, product, staff or other.
        public var category: String
        public var misSelling: Bool?
        /// pending (default), upheld, rejected or withdrawn.
        public var outcome: String?
        /// RFC 3339; required unless the outcome is pending.
        public var resolvedAt: String?
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case category, outcome, note
            case externalId = "external_id"
            case customerId = "customer_id"
            case customerExternalId = "customer_external_id"
            case policyNo = "policy_no"
            case receivedAt = "received_at"
            case misSelling = "mis_selling"
            case resolvedAt = "resolved_at"
        }

        public init(
            externalId: String, customerId: Int64? = nil, customerExternalId: String? = nil, policyNo: String? = nil,
            receivedAt: String, category: String, misSelling: Bool? = nil, outcome: String? = nil,
            resolvedAt: String? = nil, note: String? = nil
        ) {
            self.externalId = externalId
            self.customerId = customerId
            self.customerExternalId = customerExternalId
            self.policyNo = policyNo
            self.receivedAt = receivedAt
            self.category = category
            self.misSelling = misSelling
            self.outcome = outcome
            self.resolvedAt = resolvedAt
            self.note = note
        }
    }
}
