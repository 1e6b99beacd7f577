/// `facts.survey.record`: records a risk-preference survey or game result by external id.
public enum FactsSurveyRecord: RPCMethod {
    public static let name = "facts.survey.record"
    public static let roles: Set<Role> = [.policyAdmin, .admin]
    public static let writes = true
    public typealias Result = FactsUpsertResult

    public struct Params: Codable, Sendable, Hashable {
        public var externalId: String
        public var customerId: Int64?
        public var customerExternalId: String?
        /// RFC 3339 timestamp.
        public var takenAt: String
        /// questionnaire or game.
        public var instrument: String
        /// 0 (averse) to 100 (seeking).
        public var score: Int
        /// averse, neutral or seeking.
        public var profile: String
        /// The answers, an object or array.
        public var answers: JSONValue?

        enum CodingKeys: String, CodingKey {
            case instrument, score, profile, answers
            case externalId = "external_id"
            case customerId = "customer_id"
            case customerExternalId = "customer_external_id"
            case takenAt = "taken_at"
        }

        public init(
            externalId: String, customerId: Int64? = nil, customerExternalId: String? = nil, takenAt: String,
            instrument: String, score: Int, profile: String, answers: JSONValue? = nil
        ) {
            self.externalId = externalId
            self.customerId = customerId
            self.customerExternalId = customerExternalId
            self.takenAt = takenAt
            self.instrument = instrument
            self.score = score
            self.profile = profile
            self.answers = answers
        }
    }
}
