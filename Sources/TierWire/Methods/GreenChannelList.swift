/// `greenchannel.list`: tickets, newest first, with keyset pagination.
public enum GreenChannelList: RPCMethod {
    public static let name = "greenchannel.list"
    public static let roles: Set<Role> = [.counter, .admin]

    public struct Params: Codable, Sendable, Hashable {
        /// Branch code.
        public var branch: String?
        /// open, in_progress, closed or cancelled.
        public var status: String?
        /// `next_cursor` from the previous page.
        public var cursor: String?
        /// 1 to 1000; default 100.
        public var limit: Int?

        public init(branch: String? = nil, status: String? = nil, cursor: String? = nil, limit: Int? = nil) {
            self.branch = branch
            self.status = status
            self.cursor = cursor
            self.limit = limit
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        public var tickets: [GreenChannelTicket]
        /// Absent on the last page.
        public var nextCursor: String?

        enum CodingKeys: String, CodingKey {
            case tickets
            case nextCursor = "next_cursor"
        }

        public init(tickets: [GreenChannelTicket], nextCursor: String?) {
            self.tickets = tickets
            self.nextCursor = nextCursor
        }
    }
}
