/// `facts.family.link`: registers a customer as a family member of an employee.
/// Idempotent by (employee, customer).
public enum FactsFamilyLink: RPCMethod {
    public static let name = "facts.family.link"
    public static let roles: Set<Role> = [.policyAdmin, .admin]
    public static let writes = true
    public typealias Result = FactsUpsertResult

    public struct Params: Codable, Sendable, Hashable {
        public var employeeNo: String
        public var customerId: Int64?
        public var customerExternalId: String?
        /// spouse, child, parent, sibling or other.
        public var relation: String
        /// `YYYY-MM-DD`; default today.
        public var registeredOn: String?

        enum CodingKeys: String, CodingKey {
            case relation
            case employeeNo = "employee_no"
            case customerId = "customer_id"
            case customerExternalId = "customer_external_id"
            case registeredOn = "registered_on"
        }

        public init(
            employeeNo: String, customerId: Int64? = nil, customerExternalId: String? = nil, relation: String,
            registeredOn: String? = nil
        ) {
            self.employeeNo = employeeNo
            self.customerId = customerId
            self.customerExternalId = customerExternalId
            self.relation = relation
            self.registeredOn = registeredOn
        }
    }
}
