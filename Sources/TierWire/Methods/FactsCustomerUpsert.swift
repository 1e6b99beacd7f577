/// `facts.customer.upsert`: creates or updates a customer by external id.
public enum FactsCustomerUpsert: RPCMethod {
    public static let name = "facts.customer.upsert"
    public static let roles: Set<Role> = [.policyAdmin, .admin]
    public static let writes = true
    public typealias Result = FactsUpsertResult

    public struct Params: Codable, Sendable, Hashable {
        /// The client system's id for the customer; the idempotency key.
        public var externalId: String
        public var name: String
        /// male, female, other or unknown (default).
        public var gender: String?
        /// `YYYY-MM-DD`.
        public var birthDate: String?
        public var phone: String?
        public var address: String?
        /// Branch code.
        public var branch: String
        /// External id of a customer whose household this customer joins; a new
        /// customer without it gets a household of their own.
        public var householdOf: String?

        enum CodingKeys: String, CodingKey {
            case name, gender, phone, address, branch
            case externalId = "external_id"
            case birthDate = "birth_date"
            case householdOf = "household_of"
        }

        public init(
            externalId: String, name: String, gender: String? = nil, birthDate: String? = nil, phone: String? = nil,
            address: String? = nil, branch: String, householdOf: String? = nil
        ) {
            self.externalId = externalId
            self.name = name
            self.gender = gender
            self.birthDate = birthDate
            self.phone = phone
            self.address = address
            self.branch = branch
            self.householdOf = householdOf
        }
    }
}
