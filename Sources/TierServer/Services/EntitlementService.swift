import Crypto
import Foundation
import TierPolicy
import TierStore
import TierWire

/// `entitlements.get` and `entitlements.explain`: load the customer's facts in one
/// query, evaluate the current revision, and (for get) log the decision.
public struct EntitlementService: Sendable {
    /// Where facts are read: the read pool (a replica) when one is given, else the pool.
    let factsPool: PGPool
    let policies: PolicyHolder
    let decisionLog: DecisionLogWriter
    /// Facts kept between requests; nil reads the database every time.
    let factsCache: FactsCache?

    public init(
        pool: PGPool, readPool: PGPool? = nil, policies: PolicyHolder, decisionLog: DecisionLogWriter, factsCache: FactsCache? = nil
    ) {
        self.factsPool = readPool ?? pool
        self.policies = policies
        self.decisionLog = decisionLog
        self.factsCache = factsCache
    }

    /// Decides, logs the decision (waiting for room in the log if it is behind), answers.
    public func get(_ params: EntitlementsGet.Params, principal: Principal, now: Date = Date()) async throws -> EntitlementsGet.Result {
        try await getEncoded(params, principal: principal, now: now).result
    }

    /// As `get`, with the result's JSON: encoded once, kept in the decision log and
    /// sent as the response.
    public func getEncoded(
        _ params: EntitlementsGet.Params, principal: Principal, now: Date = Date()
    ) async throws -> (result: EntitlementsGet.Result, json: [UInt8]) {
        let context = try RequestContext.resolve(asOf: params.asOf, channel: params.channel, now: now)
        let policy = policies.current
        let customer = try await cachedFacts(params.customerId, context, policy)
        let decision = policy.evaluator.evaluate(customer.facts, quotaUsed: customer.quotaUsed)
        let decisionId = UUID()
        let result = EntitlementResult.make(
            decision, decisionId: decisionId.uuidString.lowercased(), customerId: params.customerId,
            newOrReturning: EntitlementResult.newOrReturning(decision, set: policy.set, facts: customer.facts))
        let json = result.json
        try await decisionLog.record(
            DecisionRecord(
                id: decisionId, customerId: params.customerId, method: EntitlementsGet.name, channel: context.channel,
                asOf: context.asOf == WireTime.today(now) ? now : Date(timeIntervalSince1970: Double(context.asOf) * 86_400),
                revision: policy.revision, request: Self.requestJSON(params, customer.facts, quotaUsed: customer.quotaUsed, schema: policy.set.schema),
                result: String(decoding: json, as: UTF8.self), principal: principal.name))
        return (result, json)
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

    /// The facts from the cache when it holds them fresh, else loaded (and kept).
    private func cachedFacts(_ customerId: Int64, _ context: RequestContext, _ policy: LoadedPolicy) async throws -> CustomerFacts {
        guard let cache = factsCache else { return try await loadFacts(customerId, context, policy) }
        let key = FactsCache.Key(customerId: customerId, asOf: context.asOf, channel: context.channel)
        if let hit = cache.lookup(key, revision: policy.revision) { return hit }
        // The ticket is taken before the read, so a change committed during it is not kept.
        let ticket = cache.ticket()
        let loaded = try await loadFacts(customerId, context, policy)
        if let ticket { cache.store(loaded, for: key, revision: policy.revision, ticket: ticket) }
        return loaded
    }

    private func loadFacts(_ customerId: Int64, _ context: RequestContext, _ policy: LoadedPolicy) async throws -> CustomerFacts {
        try await factsPool.withConnection { connection in
            try FactLoader.load(
                customerId: customerId, asOf: context.asOf, channel: context.channel, policy: policy, on: connection)
        }
    }

    /// The params, every fact (so the decision can be replayed) and the SHA-256 of the
    /// facts' canonical JSON (sorted keys), as `DecisionRequest` reads it back.
    static func requestJSON(
        _ params: EntitlementsGet.Params, _ facts: FactSet, quotaUsed: [String: Int64], schema: FactSchema
    ) -> String {
        // The facts are serialised once: hashed, then spliced into the request, whose
        // members are written in sorted order as canonical JSON would write them.
        let factsJSON = DecisionFacts.canonicalJSON(facts, schema: schema)
        var paramMembers: [String: JSONValue] = ["customer_id": .int(params.customerId)]
        if let channel = params.channel { paramMembers["channel"] = .string(channel) }
        if let asOf = params.asOf { paramMembers["as_of"] = .string(asOf) }
        var request = Array(#"{"facts":"#.utf8)
        request.append(contentsOf: factsJSON)
        request.append(contentsOf: #","facts_hash":""#.utf8)
        request.append(contentsOf: SHA256Hex.hex(SHA256.hash(data: factsJSON)).utf8)
        request.append(contentsOf: #"","params":"#.utf8)
        request.append(contentsOf: JSONValue.object(paramMembers).canonicalJSON)
        request.append(contentsOf: #","quota_used":"#.utf8)
        request.append(contentsOf: JSONValue.object(quotaUsed.mapValues(JSONValue.int)).canonicalJSON)
        request.append(UInt8(ascii: "}"))
        return String(decoding: request, as: UTF8.self)
    }
}
