/// `greenchannel.open`: opens a green-channel ticket for a customer who holds a
/// matching entitlement. Idempotent by `idempotency_key`: the same key returns the
/// same ticket; the same key with different params is a `conflict`.
public enum GreenChannelOpen: RPCMethod {
    public static let name = "greenchannel.open"
    public static let roles: Set<Role> = [.counter, .admin]
    public static let writes = true

    public struct Params: Codable, Sendable, Hashable {
        public var customerId: Int64
        /// counter, claims or underwriting.
        public var kind: String
        /// Branch code, e.g. SH01.
        public var branch: String
        /// The employee id of the staff member opening it.
        public var staffId: Int64
        public var idempotencyKey: String
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case kind, branch, note
            case customerId = "customer_id"
            case staffId = "staff_id"
            case idempotencyKey = "idempotency_key"
        }

        public init(customerId: Int64, kind: String, branch: String, staffId: Int64, idempotencyKey: String, note: String? = nil) {
            self.customerId = customerId
            self.kind = kind
            self.branch = branch
            self.staffId = staffId
            self.idempotencyKey = idempotencyKey
            self.note = note
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        public var ticketId: Int64
        /// open, in_progress, closed or cancelled.
        public var status: String
        /// Higher is more urgent.
        public var priority: Int
        /// RFC 3339 UTC timestamp.
        public var slaDueAt: String
        /// The entitlement that opened it.
        public var entitlement: String
        /// True when this call returned an existing ticket for the same key.
        public var replayed: Bool

        enum CodingKeys: String, CodingKey {
            case status, priority, entitlement, replayed
            case ticketId = "ticket_id"
            case slaDueAt = "sla_due_at"
        }

        public init(ticketId: Int64, status: String, priority: Int, slaDueAt: String, entitlement: String, replayed: Bool) {
            self.ticketId = ticketId
            self.status = status
            self.priority = priority
            self.slaDueAt = slaDueAt
            self.entitlement = entitlement
            self.replayed = replayed
        }
    }
}
