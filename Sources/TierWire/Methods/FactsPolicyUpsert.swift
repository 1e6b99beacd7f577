/// `facts.policy.upsert`: creates or updates an insurance policy by policy number.
public enum FactsPolicyUpsert: RPCMethod {
    public static let name = "facts.policy.upsert"
    public static let roles: Set<Role> = [.policyAdmin, .admin]
    public static let writes = true
    public typealias Result = FactsUpsertResult

    public struct Params: Codable, Sendable, Hashable {
        /// The policy number; the idempotency key.
        public var policyNo: String
        /// The holder: `customer_id`, or `customer_external_id`.
        public var customerId: Int64?
        public var customerExternalId: String?
        public var productCode: String
        /// accident, health, life, investment_linked, universal_life or other.
        public var productLine: String
        /// long or short.
        public var term: String
        /// Annualised premium in yuan.
        public var premium: DecimalText
        /// single, annual (default), semiannual, quarterly or monthly.
        public var premiumFrequency: String?
        /// active (default), lapsed, surrendered, matured, cancelled or claimed.
        public var status: String?
        public var issuedOn: String
        public var lapsedOn: String?
        /// counter, website, wechat, phone, agent, bancassurance or other.
        public var channel: String
        public var sellingAgentNo: String?
        public var referringEmployeeNo: String?

        enum CodingKeys: String, CodingKey {
            case term, premium, status, channel
            case policyNo = "policy_no"
            case customerId = "customer_id"
            case customerExternalId = "customer_external_id"
            case productCode = "product_code"
            case productLine = "product_line"
            case premiumFrequency = "premium_frequency"
            case issuedOn = "issued_on"
            case lapsedOn = "lapsed_on"
            case sellingAgentNo = "selling_agent_no"
            case referringEmployeeNo = "referring_employee_no"
        }

        public init(
            policyNo: String, customerId: Int64? = nil, customerExternalId: String? = nil, productCode: String,
            productLine: String, term: String, premium: DecimalText, premiumFrequency: String? = nil,
            status: String? = nil, issuedOn: String, lapsedOn: String? = nil, channel: String,
            sellingAgentNo: String? = nil, referringEmployeeNo: String? = nil
        ) {
            self.policyNo = policyNo
            self.customerId = customerId
            self.customerExternalId = customerExternalId
            self.productCode = productCode
            self.productLine = productLine
            self.term = term
            self.premium = premium
            self.premiumFrequency = premiumFrequency
            self.status = status
            self.issuedOn = issuedOn
            self.lapsedOn = lapsedOn
            self.channel = channel
            self.sellingAgentNo = sellingAgentNo
            self.referringEmployeeNo = referringEmployeeNo
        }
    }
}
