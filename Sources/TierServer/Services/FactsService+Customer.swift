import Foundation
import TierCalendar
import TierStore
import TierWire

extension FactsService {
    /// `facts.customer.upsert`, by external id. A new customer joins the household
    /// of `household_of` (an external id) or gets a household of their own (in the
    /// branch, at their address); an existing one moves only when `household_of` is given.
    public static func upsertCustomer(
        _ params: FactsCustomerUpsert.Params, principal: Principal, now: Date = Date(), pool: PGPool
    ) async throws -> FactsUpsertResult {
        let record = try CustomerRecord(params, today: WireTime.today(now))
        return try await FactsWriter.transaction(pool) { connection in
            let branchId = try ReferenceLookup.branch(record.branch, on: connection)
            let householdId = try record.householdOf.map { try household(of: $0, on: connection) }
            let outcome = try KeyedUpsert(
                find: { try $0.executePrepared("SELECT id FROM customers WHERE external_ref = $1::text FOR UPDATE", [record.externalId]).first?.decode(0) },
                update: { connection, id in
                    let values: PGParameters = [id] + record.columns(branchId: branchId) + [householdId]
                    return try connection.executePrepared(updateCustomerSQL, values).affectedRows > 0
                },
                insert: { connection in
                    let values: PGParameters = record.columns(branchId: branchId) + [householdId, record.externalId]
                    return try connection.executePrepared(insertCustomerSQL, values).first?.decode(0)
                }
            ).run(on: connection)
            return try FactsWriter.finish(
                outcome, method: FactsCustomerUpsert.name, principal: principal, target: "customer",
                detail: ["external_id": .string(record.externalId)], on: connection)
        }
    }

    /// The household of the customer with external id `ref`.
    private static func household(of ref: String, on connection: PGConnection) throws -> Int64 {
        guard let row = try connection.executePrepared("SELECT household_id FROM customers WHERE external_ref = $1::text", [ref]).first else {
            throw RPCError.invalidParams(path: "params.household_of", "no customer with external id '\(ref)'")
        }
        return try row.decode(0)
    }

    /// `$1` id, `$2`...`$7` name, gender, birth date, phone, address, branch; `$8` household or NULL (keep).
    static let updateCustomerSQL = """
        UPDATE customers
        SET name = $2::text, gender = $3::text, birth_date = $4::date, phone = $5::text, address = $6::text,
            branch_id = $7::bigint, household_id = coalesce($8::bigint, household_id)
        WHERE id = $1::bigint
          AND (name, gender, birth_date, phone, address, branch_id, household_id)
              IS DISTINCT FROM ($2::text, $3::text, $4::date, $5::text, $6::text, $7::bigint, coalesce($8::bigint, household_id))
        """

    /// `$1`...`$6` name, gender, birth date, phone, address, branch; `$7` household or
    /// NULL (a new one, in the branch at the address); `$8` external id.
    static let insertCustomerSQL = """
        WITH h AS (
            INSERT INTO households (branch_id, address) SELECT $6::bigint, $5::text WHERE $7::bigint IS NULL RETURNING id
        )
        INSERT INTO customers (name, gender, birth_date, phone, address, branch_id, household_id, external_ref)
        VALUES ($1::text, $2::text, $3::date, $4::text, $5::text, $6::bigint, coalesce($7::bigint, (SELECT id FROM h)), $8::text)
        ON CONFLICT ON CONSTRAINT customers_external_ref_key DO NOTHING
        RETURNING id
        """
}

/// `facts.customer.upsert` params, checked.
struct CustomerRecord: Sendable {
    var externalId: String
    var name: String
    var gender: String
    var birthDate: Int?
    var phone: String?
    var address: String?
    var branch: String
    var householdOf: String?

    init(_ params: FactsCustomerUpsert.Params, today: Int) throws(RPCError) {
        externalId = try FieldCheck.text(params.externalId, "external_id")
        name = try FieldCheck.text(params.name, "name")
        gender = try FieldCheck.oneOf(params.gender ?? "unknown", FactsService.genders, "gender")
        if let text = params.birthDate {
            let day = try FieldCheck.day(text, "birth_date")
            // The schema's range: 1900-01-01 to tomorrow (a day of slack for time zones).
            guard day >= CivilDate.days(year: 1900, month: 1, day: 1), day <= today + 1 else {
                throw RPCError.invalidParams(path: "params.birth_date", "birth_date must be between 1900-01-01 and today, not \(text)")
            }
            birthDate = day
        }
        phone = try FieldCheck.optionalText(params.phone, "phone", maximum: 32)
        if let phone, !phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +-()".contains($0)) }) || !phone.contains(where: \.isNumber) {
            throw RPCError.invalidParams(path: "params.phone", "phone holds digits, spaces and + - ( ) only")
        }
        address = try FieldCheck.optionalText(params.address, "address", maximum: 500)
        branch = try FieldCheck.text(params.branch, "branch", maximum: 100)
        householdOf = try FieldCheck.optionalText(params.householdOf, "household_of")
    }

    /// name, gender, birth date, phone, address, branch id: the columns both statements set.
    func columns(branchId: Int64) -> PGParameters {
        [name, gender, birthDate.map { PGDate(daysSinceEpoch: $0) }, phone, address, branchId]
    }
}
