/// `greenchannel.close`: closes a ticket. Closing a closed ticket with the same
/// outcome returns it unchanged; with another outcome it is a `conflict`.
public enum GreenChannelClose: RPCMethod {
    public static let name = "greenchannel.close"
    public static let roles: Set<Role> = [.counter, .admin]
    public static let writes = true

    public struct Params: Codable, Sendable, Hashable {
        public var ticketId: Int64
        /// `resolved` (status becomes closed) or `cancelled`.
        public var outcome: String
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case outcome, note
            case ticketId = "ticket_id"
        }

        public init(ticketId: Int64, outcome: String, note: String? = nil) {
            self.ticketId = ticketId
            self.outcome = outcome
            self.note = note
        }
    }

    public typealias Result = GreenChannelTicket
}

/// A green-channel ticket as `greenchannel.close` and `greenchannel.list` show it.
public struct GreenChannelTicket: Codable, Sendable, Hashable {
    public var ticketId: Int64
    public var customerId: Int64
    public var kind: String
    public var branch: String
    public var staffId: Int64?
    public var status: String
    public var priority: Int
    public var slaDueAt: String
    public var openedAt: String
    public var closedAt: String?
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case kind, branch, status, priority, note
        case ticketId = "ticket_id"
        case customerId = "customer_id"
        case staffId = "staff_id"
        case slaDueAt = "sla_due_at"
        case openedAt = "opened_at"
        case closedAt = "closed_at"
    }

    public init(
        ticketId: Int64, customerId: Int64, kind: String, branch: String, staffId: Int64?, status: String,
        priority: Int, slaDueAt: String, openedAt: String, closedAt: String?, note: String?
    ) {
        self.ticketId = ticketId
        self.customerId = customerId
        self.kind = kind
        self.branch = branch
        self.staffId = staffId
        self.status = status
        self.priority = priority
        self.slaDueAt = slaDueAt
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.note = note
    }
}
