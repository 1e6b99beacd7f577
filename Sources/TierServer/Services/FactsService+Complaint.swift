import Foundation
import TierStore
import TierWire

extension FactsService {
    /// `facts.complaint.record`: records or updates a complaint by external id. A
    /// pending complaint has no `resolved_at`; any other outcome needs one, not
    /// before `received_at`. A policy, when named, must be the customer's.
    public static func recordComplaint(
        _ params: FactsComplaintRecord.Params, principal: Principal, pool: PGPool
    ) async throws -> FactsUpsertResult {
        let record = try ComplaintRecord(params)
        return try await FactsWriter.transaction(pool, customerPath: record.customer.path) { connection in
            let customerId = try record.customer.resolve(on: connection)
            let policyId = try record.policyNo.map { try policy($0, heldBy: customerId, on: connection) }
            var values: PGParameters = [record.externalId, customerId, policyId]
            values += record.columns
            let outcome = try KeyedUpsert(
                find: { try $0.executePrepared("SELECT id FROM complaints WHERE external_ref = $1::text FOR UPDATE", [record.externalId]).first?.decode(0) },
                update: { connection, _ in try connection.executePrepared(updateComplaintSQL, values).affectedRows > 0 },
                insert: { connection in try connection.executePrepared(insertComplaintSQL, values).first?.decode(0) }
            ).run(on: connection)
            return try FactsWriter.finish(
                outcome, method: FactsComplaintRecord.name, principal: principal, target: "complaint",
                detail: ["external_id": .string(record.externalId)], on: connection)
        }
    }

    /// The id of policy `number`, which must be held by the customer.
    private static func policy(_ number: String, heldBy customerId: Int64, on connection: PGConnection) throws -> Int64 {
        guard let row = try connection.executePrepared("SELECT id, customer_id FROM policies WHERE policy_no = $1::text", [number]).first else {
            throw RPCError.invalidParams(path: "params.policy_no", "no policy numbered '\(number)'")
        }
        guard try row.decode(1, as: Int64.self) == customerId else {
            throw RPCError.invalidParams(path: "params.policy_no", "policy '\(number)' is not held by customer \(customerId)")
        }
        return try row.decode(0)
    }

    private static let complaintColumns = """
        external_ref, customer_id, policy_id, received_at, category, mis_selling, outcome, resolved_at, note
        """
    private static let complaintValues = """
        $1::text, $2::bigint, $3::bigint, $4::timestamptz, $5::text, $6::boolean, $7::text, $8::timestamptz, $9::text
        """

    static let updateComplaintSQL = """
        UPDATE complaints SET (\(complaintColumns)) = (\(complaintValues))
        WHERE external_ref = $1::text AND (\(complaintColumns)) IS DISTINCT FROM (\(complaintValues))
        """

    static let insertComplaintSQL = """
        INSERT INTO complaints (\(complaintColumns)) VALUES (\(complaintValues))
        ON CONFLICT ON CONSTRAINT complaints_external_ref_key DO NOTHING
        RETURNING id
        """
}

/// `facts.complaint.record` params, checked.
struct ComplaintRecord: Sendable {
    var externalId: String
    var customer: CustomerRef
    var policyNo: String?
    var receivedAt: Date
    var category: String
    var misSelling: Bool
    var outcome: String
    var resolvedAt: Date?
    var note: String?

    init(_ params: FactsComplaintRecord.Params) throws(RPCError) {
        externalId = try FieldCheck.text(params.externalId, "external_id")
        customer = try CustomerRef(id: params.customerId, externalId: params.customerExternalId)
        policyNo = try FieldCheck.optionalText(params.policyNo, "policy_no", maximum: 100)
        receivedAt = try FieldCheck.instant(params.receivedAt, "received_at")
        category = try FieldCheck.oneOf(params.category, FactsService.complaintCategories, "category")
        misSelling = params.misSelling ?? false
        outcome = try FieldCheck.oneOf(params.outcome ?? "pending", FactsService.complaintOutcomes, "outcome")
        resolvedAt = try params.resolvedAt.map { text throws(RPCError) in try FieldCheck.instant(text, "resolved_at") }
        switch (outcome == "pending", resolvedAt) {
        case (true, .some):
            throw RPCError.invalidParams(path: "params.resolved_at", "a pending complaint has no resolved_at")
        case (false, nil):
            throw RPCError.invalidParams(path: "params.resolved_at", "resolved_at is required when the outcome is \(outcome)")
        case (false, let resolved?) where resolved < receivedAt:
            throw RPCError.invalidParams(path: "params.resolved_at", "resolved_at must not be before received_at")
        default:
            break
        }
        note = try FieldCheck.optionalText(params.note, "note", maximum: 2000)
    }

    /// `$4`...`$9`: received, category, mis-selling, outcome, resolved, note.
    var columns: PGParameters {
        [receivedAt, category, misSelling, outcome, resolvedAt, note]
    }
}
