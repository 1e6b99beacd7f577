import Foundation
import TierStore
import TierWire

extension FactsService {
    /// `facts.policy.upsert`, by policy number. The holder is named by `customer_id`
    /// or `customer_external_id`; agents and referring employees by their numbers.
    public static func upsertPolicy(
        _ params: FactsPolicyUpsert.Params, principal: Principal, pool: PGPool
    ) async throws -> FactsUpsertResult {
        let record = try PolicyRecord(params)
        return try await FactsWriter.transaction(pool, customerPath: record.customer.path) { connection in
            var values: PGParameters = [record.policyNo, try record.customer.resolve(on: connection)]
            values += record.columns
            values.append(try record.sellingAgentNo.map { try ReferenceLookup.agent($0, field: "selling_agent_no", on: connection) })
            values.append(try record.referringEmployeeNo.map {
                try ReferenceLookup.employee($0, field: "referring_employee_no", on: connection)
            })
            let outcome = try KeyedUpsert(
                find: { try $0.executePrepared("SELECT id FROM policies WHERE policy_no = $1::text FOR UPDATE", [record.policyNo]).first?.decode(0) },
                update: { connection, _ in try connection.executePrepared(updatePolicySQL, values).affectedRows > 0 },
                insert: { connection in try connection.executePrepared(insertPolicySQL, values).first?.decode(0) }
            ).run(on: connection)
            return try FactsWriter.finish(
                outcome, method: FactsPolicyUpsert.name, principal: principal, target: "policy",
                detail: ["policy_no": .string(record.policyNo)], on: connection)
        }
    }

    /// The columns in parameter order: policy_no, customer, product code and line,
    /// term, premium, frequency, status, issued, lapsed, channel, agent, referrer.
    private static let policyColumns = """
        policy_no, customer_id, product_code, product_line, term, premium, premium_frequency, status, issued_on,
        lapsed_on, channel, selling_agent_id, referring_employee_id
        """

    private static let policyValues = """
        $1::text, $2::bigint, $3::text, $4::text, $5::text, $6::numeric, $7::text, $8::text, $9::date,
        $10::date, $11::text, $12::bigint, $13::bigint
        """

    static let updatePolicySQL = """
        UPDATE policies SET (\(policyColumns)) = (\(policyValues))
        WHERE policy_no = $1::text AND (\(policyColumns)) IS DISTINCT FROM (\(policyValues))
        """

    static let insertPolicySQL = """
        INSERT INTO policies (\(policyColumns)) VALUES (\(policyValues))
        ON CONFLICT ON CONSTRAINT policies_policy_no_key DO NOTHING
        RETURNING id
        """
}

/// `facts.policy.upsert` params, checked.
struct PolicyRecord: Sendable {
    var policyNo: String
    var customer: CustomerRef
    var productCode: String
    var productLine: String
    var term: String
    var premium: String
    var premiumFrequency: String
    var status: String
    var issuedOn: Int
    var lapsedOn: Int?
    var channel: String
    var sellingAgentNo: String?
    var referringEmployeeNo: String?

    init(_ params: FactsPolicyUpsert.Params) throws(RPCError) {
        policyNo = try FieldCheck.text(params.policyNo, "policy_no", maximum: 100)
        customer = try CustomerRef(id: params.customerId, externalId: params.customerExternalId)
        productCode = try FieldCheck.text(params.productCode, "product_code", maximum: 100)
        productLine = try FieldCheck.oneOf(params.productLine, FactsService.productLines, "product_line")
        term = try FieldCheck.oneOf(params.term, FactsService.terms, "term")
        premium = try FieldCheck.money(params.premium, "premium")
        premiumFrequency = try FieldCheck.oneOf(params.premiumFrequency ?? "annual", FactsService.premiumFrequencies, "premium_frequency")
        status = try FieldCheck.oneOf(params.status ?? "active", FactsService.policyStatuses, "status")
        issuedOn = try FieldCheck.day(params.issuedOn, "issued_on")
        lapsedOn = try params.lapsedOn.map { text throws(RPCError) in try FieldCheck.day(text, "lapsed_on") }
        if let lapsedOn, lapsedOn < issuedOn {
            throw RPCError.invalidParams(path: "params.lapsed_on", "lapsed_on must not be before issued_on")
        }
        if status == "lapsed", lapsedOn == nil {
            throw RPCError.invalidParams(path: "params.lapsed_on", "a lapsed policy needs lapsed_on")
        }
        channel = try FieldCheck.oneOf(params.channel, FactsService.policyChannels, "channel")
        sellingAgentNo = try FieldCheck.optionalText(params.sellingAgentNo, "selling_agent_no", maximum: 100)
        referringEmployeeNo = try FieldCheck.optionalText(params.referringEmployeeNo, "referring_employee_no", maximum: 100)
    }

    /// `$3`...`$11`: product code and line, term, premium, frequency, status, issued, lapsed, channel.
    var columns: PGParameters {
        [productCode, productLine, term, premium, premiumFrequency, status, PGDate(daysSinceEpoch: issuedOn),
         lapsedOn.map { PGDate(daysSinceEpoch: $0) }, channel]
    }
}
