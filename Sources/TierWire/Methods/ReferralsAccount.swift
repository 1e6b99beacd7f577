/// `referrals.account {employee_id}`: an employee's referral reward account, its
/// totals and its entries (accruals and clawbacks), newest first, a keyset page at a time.
public enum ReferralsAccount: RPCMethod {
    public static let name = "referrals.account"
    public static let roles: Set<Role> = [.policyAdmin, .admin]

    public struct Params: Codable, Sendable, Hashable {
        public var employeeId: Int64
        /// `next_cursor` from the previous page.
        public var cursor: String?
        /// 1 to 1000; default 100.
        public var limit: Int?

        enum CodingKeys: String, CodingKey {
            case cursor, limit
            case employeeId = "employee_id"
        }

        public init(employeeId: Int64, cursor: String? = nil, limit: Int? = nil) {
            self.employeeId = employeeId
            self.cursor = cursor
            self.limit = limit
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        public var employeeId: Int64
        public var employeeNo: String
        /// Sum of accruals, decimal text.
        public var accrued: String
        /// Sum of clawbacks, decimal text (zero or negative).
        public var clawedBack: String
        /// accrued + clawed back.
        public var balance: String
        public var entries: [ReferralEntry]
        /// Absent on the last page.
        public var nextCursor: String?

        enum CodingKeys: String, CodingKey {
            case accrued, balance, entries
            case employeeId = "employee_id"
            case employeeNo = "employee_no"
            case clawedBack = "clawed_back"
            case nextCursor = "next_cursor"
        }

        public init(employeeId: Int64, employeeNo: String, accrued: String, clawedBack: String, balance: String,
                    entries: [ReferralEntry], nextCursor: String?) {
            self.employeeId = employeeId
            self.employeeNo = employeeNo
            self.accrued = accrued
            self.clawedBack = clawedBack
            self.balance = balance
            self.entries = entries
            self.nextCursor = nextCursor
        }
    }
}

/// One ledger entry of a referral reward account.
public struct ReferralEntry: Codable, Sendable, Hashable {
    public var id: Int64
    /// `accrual` or `clawback`.
    public var kind: String
    /// Decimal text; clawbacks are negative.
    public var amount: String
    public var policyNo: String
    public var customerId: Int64
    /// The agent who sold the policy and keeps its renewal commission.
    public var sellingAgentId: Int64?
    /// For a clawback: the upheld mis-selling complaint.
    public var complaintId: Int64?
    public var reason: String?
    /// RFC 3339.
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, amount, reason
        case policyNo = "policy_no"
        case customerId = "customer_id"
        case sellingAgentId = "selling_agent_id"
        case complaintId = "complaint_id"
        case createdAt = "created_at"
    }

    public init(id: Int64, kind: String, amount: String, policyNo: String, customerId: Int64, sellingAgentId: Int64?,
                complaintId: Int64?, reason: String?, createdAt: String) {
        self.id = id
        self.kind = kind
        self.amount = amount
        self.policyNo = policyNo
        self.customerId = customerId
        self.sellingAgentId = sellingAgentId
        self.complaintId = complaintId
        self.reason = reason
        self.createdAt = createdAt
    }
}
