import Foundation
import TierPolicy
import TierStore
import TierWire

extension GreenChannelService {
    /// Inserts the ticket with its audit row and SLA task in one statement, then
    /// takes the quota use. Inside the caller's transaction. When another open with
    /// the same key committed first, the insert does nothing (the unique key waits
    /// for that transaction) and the winner's ticket is replayed instead.
    static func write(
        _ request: GreenChannelRequest, branchId: Int64, grant: GreenChannelGrant, customer: CustomerFacts,
        principal: Principal, policy: LoadedPolicy, today: Int, on connection: PGConnection
    ) throws -> GreenChannelOpen.Result {
        let params = request.params
        let rows = try connection.executePrepared(
            Self.insertSQL,
            [params.customerId, params.kind, branchId, params.staffId, params.idempotencyKey, request.hash,
             Int16(grant.priority), Int64(grant.slaHours), params.note, principal.name, grant.entitlement.code, params.branch])
        guard let row = rows.first else {
            guard let winner = try replay(request, on: connection) else {
                throw RPCError.conflict("idempotency key '\(params.idempotencyKey)' is being used by another request; retry")
            }
            return winner
        }
        let ticketId: Int64 = try row.decode(0)
        if let quota = grant.entitlement.quota {
            try QuotaLedger.use(
                grant.entitlement, quota: quota, owner: QuotaLedger.owner(of: grant.entitlement, customer: customer),
                day: today, revision: policy.revision, key: params.idempotencyKey, ticketId: ticketId,
                principal: principal.name, on: connection)
        }
        return GreenChannelOpen.Result(
            ticketId: ticketId, status: try row.decode(1), priority: Int(try row.decode(2, as: Int16.self)),
            slaDueAt: WireTime.format(try row.decode(3, as: Date.self)), entitlement: grant.entitlement.code, replayed: false)
    }

    /// `$1` customer, `$2` kind, `$3` branch id, `$4` staff id, `$5` key, `$6` request
    /// hash, `$7` priority, `$8` SLA hours, `$9` note, `$10` principal, `$11`
    /// entitlement, `$12` branch code.
    static let insertSQL = """
        WITH t AS (
            INSERT INTO green_channel_tickets
                (customer_id, kind, branch_id, staff_id, idempotency_key, request_hash, priority, sla_due_at, note, principal,
                 entitlement_code)
            VALUES ($1::bigint, $2::text, $3::bigint, $4::bigint, $5::text, $6::text, $7::smallint,
                    now() + $8::bigint * interval '1 hour', $9::text, $10::text, $11::text)
            ON CONFLICT ON CONSTRAINT green_channel_tickets_idempotency_key_key DO NOTHING
            RETURNING id, customer_id, kind, status, priority, sla_due_at
        ), audit AS (
            INSERT INTO audit_log (principal, action, target_kind, target_id, detail)
            SELECT $10::text, 'greenchannel.open', 'green_channel_ticket', t.id::text,
                   jsonb_build_object('customer', t.customer_id, 'kind', t.kind, 'entitlement', $11::text,
                                      'key', $5::text, 'branch', $12::text, 'staff_id', $4::bigint)
            FROM t
        ), task AS (
            INSERT INTO tasks (kind, customer_id, payload, priority, due_at, idempotency_key)
            SELECT 'green_channel_sla', t.customer_id,
                   jsonb_build_object('ticket_id', t.id, 'kind', t.kind, 'branch', $12::text),
                   t.priority, t.sla_due_at, 'green_channel_sla:' || t.id
            FROM t
        )
        SELECT id, status, priority, sla_due_at FROM t
        """
}
