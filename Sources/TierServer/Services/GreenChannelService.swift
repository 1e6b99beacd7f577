import Foundation
import TierPolicy
import TierStore
import TierWire

/// The green channel at the counter, for claims and for underwriting (seed 004
/// §2.2.1 (2), §2.2.2): `greenchannel.open`, `greenchannel.close`, `greenchannel.list`.
///
/// Opening is idempotent by key and checked against the policy: the customer must
/// hold one of the entitlements the policy's `settings.green_channel.KIND` names.
/// The ticket, its audit row, its SLA follow-up task and (for a quota-limited
/// entitlement) the quota use commit in one transaction.
public enum GreenChannelService {
    /// Opens a ticket, or returns the one already opened under the same key
    /// (`replayed`, even if the customer's entitlements changed since). Timestamps
    /// come from the database clock; `now` gives the day the entitlement is checked for.
    public static func open(
        _ params: GreenChannelOpen.Params, principal: Principal, policy: LoadedPolicy, now: Date, pool: PGPool
    ) async throws -> GreenChannelOpen.Result {
        let request = try GreenChannelRequest(params)
        let today = WireTime.today(now)
        return try await pool.withConnection { connection in
            if let replay = try replay(request, on: connection) { return replay }
            let branchId = try checkPlace(request, today: today, on: connection)
            let customer: CustomerFacts
            let grant: GreenChannelGrant
            do {
                (customer, grant) = try entitlement(request, policy: policy, today: today, on: connection)
            } catch let error as RPCError where error.code == .notEntitled {
                // An open with this key may have committed since the first look (and
                // taken the last use of the quota): then its ticket is the answer.
                if let replay = try replay(request, on: connection) { return replay }
                throw error
            }
            return try connection.transaction { connection in
                try write(request, branchId: branchId, grant: grant, customer: customer, principal: principal,
                          policy: policy, today: today, on: connection)
            }
        }
    }

    /// The customer's facts and the entitlement that opens this kind of channel for
    /// them today; `not_entitled` when the policy configures no rule for the kind or
    /// the customer holds none of its entitlements with uses left.
    private static func entitlement(
        _ request: GreenChannelRequest, policy: LoadedPolicy, today: Int, on connection: PGConnection
    ) throws -> (CustomerFacts, GreenChannelGrant) {
        let params = request.params
        guard let rule = policy.set.settings.greenChannel(params.kind) else {
            throw RPCError.notEntitled("no entitlement opens a \(params.kind) green channel")
        }
        let customer = try FactLoader.load(
            customerId: params.customerId, asOf: today, channel: rule.channel, policy: policy, on: connection)
        let decision = policy.evaluator.evaluate(customer.facts, quotaUsed: customer.quotaUsed)
        return (customer, try GreenChannelGrant(rule: rule, decision: decision, customerId: params.customerId))
    }

    /// The ticket already opened under the request's key: a replay when its params
    /// hash the same, a `conflict` when not; nil when the key is new.
    static func replay(_ request: GreenChannelRequest, on connection: PGConnection) throws -> GreenChannelOpen.Result? {
        let rows = try connection.executePrepared(
            """
            SELECT t.id, t.request_hash, t.status, t.priority, t.sla_due_at, t.entitlement_code
            FROM green_channel_tickets t
            WHERE t.idempotency_key = $1::text
            """, [request.params.idempotencyKey])
        guard let row = rows.first else { return nil }
        guard try row.decode(1, as: String.self) == request.hash else {
            throw RPCError.conflict(
                "idempotency key '\(request.params.idempotencyKey)' was used with different params (ticket \(try row.decode(0, as: Int64.self)))")
        }
        return GreenChannelOpen.Result(
            ticketId: try row.decode(0), status: try row.decode(2), priority: Int(try row.decode(3, as: Int16.self)),
            slaDueAt: WireTime.format(try row.decode(4, as: Date.self)),
            entitlement: try row.decode(5, as: String?.self) ?? "", replayed: true)
    }

    /// The branch's id, after checking the branch exists and the staff member is an
    /// employee active today who is not the customer.
    private static func checkPlace(_ request: GreenChannelRequest, today: Int, on connection: PGConnection) throws -> Int64 {
        let params = request.params
        let rows = try connection.executePrepared(
            """
            SELECT (SELECT id FROM branches WHERE code = $1::text) AS branch_id, e.customer_id,
                   e.hired_on <= $3::date AND (e.left_on IS NULL OR e.left_on > $3::date) AS active
            FROM (SELECT 1) one LEFT JOIN employees e ON e.id = $2::bigint
            """, [params.branch, params.staffId, PGDate(daysSinceEpoch: today)])
        let row = rows[0]
        guard let branchId = try row.decode(0, as: Int64?.self) else {
            throw RPCError.invalidParams(path: "params.branch", "no branch with code '\(params.branch)'")
        }
        guard let staffCustomer = try row.decode(1, as: Int64?.self), try row.decode(2, as: Bool?.self) == true else {
            throw RPCError.invalidParams(path: "params.staff_id", "\(params.staffId) is not an employee active today")
        }
        guard staffCustomer != params.customerId else {
            throw RPCError.forbidden("staff cannot open a green channel for themselves")
        }
        return branchId
    }
}
