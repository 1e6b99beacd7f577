import Crypto
import Foundation
import TierPolicy
import TierStore
import TierWire

/// `entitlements.get` and `entitlements.explain`: load the customer's facts in one
/// query, evaluate the current revision, and (for get) log the decision.
public struct EntitlementService: Sendable {
    let pool: PGPool
    let policies: PolicyHolder
    let decisionLog: DecisionLogWriter

    public init(pool: PGPool, policies: PolicyHolder, decisionLog: DecisionLogWriter) {
        self.pool = pool
        self.policies = policies
        self.decisionLog = decisionLog
    }

    /// Decides, logs the decision (waiting for room in the log if it is behind), answers.
    public func get(_ params: EntitlementsGet.Params, principal: Principal, now: Date = Date()) async throws -> EntitlementsGet.Result {
        let context = try RequestContext.resolve(asOf: params.asOf, channel: params.channel, now: now)
        let policy = policies.current
        let customer = try await loadFacts(params.customerId, context, policy)
        let decision = policy.evaluator.evaluate(customer.facts, quotaUsed: customer.quotaUsed)
        let decisionId = UUID()
        let result = EntitlementResult.make(
            decision, decisionId: decisionId.uuidString.lowercased(), customerId: params.customerId,
            newOrReturning: EntitlementResult.newOrReturning(decision, set: policy.set, facts: customer.facts))
        try await decisionLog.record(
            DecisionRecord(
                id: decisionId, customerId: params.customerId, method: EntitlementsGet.name, channel: context.channel,
                asOf: context.asOf == WireTime.today(now) ? now : Date(timeIntervalSince1970: Double(context.asOf) * 86_400),
                revision: policy.revision, request: try Self.requestJSON(params, customer.facts, quotaUsed: customer.quotaUsed, schema: policy.set.schema),
                result: try Self.encoder.encodeText(result), principal: principal.name))
        return result
    }

    /// The trace and the hints; not logged.
    public func explain(_ params: EntitlementsExplain.Params, now: Date = Date()) async throws -> EntitlementsExplain.Result {
        let context = try RequestContext.resolve(asOf: params.asOf, channel: params.channel, now: now)
        let policy = policies.current
        if let code = params.code, policy.set.catalogue[code] == nil {
            throw RPCError.invalidParams(path: "params.code", "no entitlement '\(code)' in revision \(policy.revision.prefix(12))")
        }
        let customer = try await loadFacts(params.customerId, context, policy)
        let explanation = policy.evaluator.explain(customer.facts, quotaUsed: customer.quotaUsed, code: params.code)
        return EntitlementsExplain.Result(
            revision: policy.revision, customerId: params.customerId, asOf: WireTime.formatDay(context.asOf),
            channel: context.channel, entitlements: explanation.decision.entitlements.map(\.code),
            steps: explanation.steps.map { step in
                ExplainStep(
                    kind: step.kind.rawValue, name: step.name, outcome: step.outcome.rawValue,
                    facts: step.facts.map { ExplainFact(path: $0.path, value: JSONValue($0.value)) },
                    location: step.location.description)
            },
            hints: explanation.hints.map { ExplainHint(code: $0.code, name: $0.name, reasons: $0.reasons) })
    }

    private func loadFacts(_ customerId: Int64, _ context: RequestContext, _ policy: LoadedPolicy) async throws -> CustomerFacts {
        try await pool.withConnection { connection in
            try FactLoader.load(
                customerId: customerId, asOf: context.asOf, channel: context.channel, policy: policy, on: connection)
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The params, every fact (so the decision can be replayed) and the facts' SHA-256.
    static func requestJSON(
        _ params: EntitlementsGet.Params, _ facts: FactSet, quotaUsed: [String: Int64], schema: FactSchema
    ) throws -> String {
        let values = DecisionFacts.json(facts, schema: schema)
        let factsText = try encoder.encodeText(values)
        let hash = SHA256.hash(data: Data(factsText.utf8)).map { String(format: "%02x", $0) }.joined()
        let request = DecisionRequest(params: params, facts: values, quotaUsed: quotaUsed, factsHash: hash)
        return try encoder.encodeText(request)
    }
}

extension JSONEncoder {
    func encodeText(_ value: some Encodable) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}
