/// `revisits.list`: lapsed returning customers to call back, longest lapsed first,
/// with keyset pagination. The lapse interval comes from the policy
/// (`settings.revisits.lapse_after`, 730 days by default).
public enum RevisitsList: RPCMethod {
    public static let name = "revisits.list"
    public static let roles: Set<Role> = [.scheduler, .admin]

    public struct Params: Codable, Sendable, Hashable {
        /// `YYYY-MM-DD`; default today.
        public var asOf: String?
        /// Branch code.
        public var branch: String?
        /// 1 to 1000; default 100.
        public var limit: Int?
        /// `next_cursor` from the previous page.
        public var cursor: String?

        enum CodingKeys: String, CodingKey {
            case branch, limit, cursor
            case asOf = "as_of"
        }

        public init(asOf: String? = nil, branch: String? = nil, limit: Int? = nil, cursor: String? = nil) {
            self.asOf = asOf
            self.branch = branch
            self.limit = limit
            self.cursor = cursor
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        public var asOf: String
        /// The lapse interval in days.
        public var lapseDays: Int
        public var customers: [LapsedCustomer]
        /// Absent on the last page.
        public var nextCursor: String?

        enum CodingKeys: String, CodingKey {
            case customers
            case asOf = "as_of"
            case lapseDays = "lapse_days"
            case nextCursor = "next_cursor"
        }

        public init(asOf: String, lapseDays: Int, customers: [LapsedCustomer], nextCursor: String?) {
            self.asOf = asOf
            self.lapseDays = lapseDays
            self.customers = customers
            self.nextCursor = nextCursor
        }
    }
}

/// One customer on the revisit list.
public struct LapsedCustomer: Codable, Sendable, Hashable {
    public var customerId: Int64
    /// The customer's name.
    public var name: String
    public var branch: String
    /// `YYYY-MM-DD` issue date of the latest policy.
    public var lastPurchaseOn: String
    public var daysSinceLastPurchase: Int
    /// A, B or C from the latest classification; null before the first one.
    public var valueClass: String?
    /// The phone with all but the first three and last four digits masked, e.g. `138****5678`.
    public var phoneMasked: String?

    enum CodingKeys: String, CodingKey {
        case name, branch
        case customerId = "customer_id"
        case lastPurchaseOn = "last_purchase_on"
        case daysSinceLastPurchase = "days_since_last_purchase"
        case valueClass = "value_class"
        case phoneMasked = "phone_masked"
    }

    public init(
        customerId: Int64, name: String, branch: String, lastPurchaseOn: String, daysSinceLastPurchase: Int,
        valueClass: String?, phoneMasked: String?
    ) {
        self.customerId = customerId
        self.name = name
        self.branch = branch
        self.lastPurchaseOn = lastPurchaseOn
        self.daysSinceLastPurchase = daysSinceLastPurchase
        self.valueClass = valueClass
        self.phoneMasked = phoneMasked
    }
}
