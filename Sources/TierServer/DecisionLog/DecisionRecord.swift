import Foundation

/// One row of `decision_log`, built on the request path and written later in a batch.
public struct DecisionRecord: Sendable {
    /// The decision id returned to the client.
    public var id: UUID
    public var customerId: Int64
    public var method: String
    public var channel: String
    /// The instant the policy was evaluated for.
    public var asOf: Date
    public var revision: String
    /// JSON text: the params, the facts and their hash (enough to replay).
    public var request: String
    /// JSON text: what the client was told.
    public var result: String
    public var principal: String

    public init(
        id: UUID, customerId: Int64, method: String, channel: String, asOf: Date, revision: String,
        request: String, result: String, principal: String
    ) {
        self.id = id
        self.customerId = customerId
        self.method = method
        self.channel = channel
        self.asOf = asOf
        self.revision = revision
        self.request = request
        self.result = result
        self.principal = principal
    }
}

extension DecisionRecord {
    /// What the record holds in memory, as the queue's byte bound counts it: its JSON
    /// texts and a fixed 256 for the rest.
    var memoryBytes: Int { request.utf8.count + result.utf8.count + 256 }
}
