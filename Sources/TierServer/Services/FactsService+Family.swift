import Foundation
import TierStore
import TierWire

extension FactsService {
    /// `facts.family.link`: registers a customer as a family member of an employee,
    /// idempotent by (employee, customer). `registered_on` defaults to today for a
    /// new registration and is left as it is when not given again. An employee
    /// cannot be their own family member (`invalid_params` at the customer).
    public static func linkFamily(
        _ params: FactsFamilyLink.Params, principal: Principal, now: Date = Date(), pool: PGPool
    ) async throws -> FactsUpsertResult {
        let employeeNo = try FieldCheck.text(params.employeeNo, "employee_no", maximum: 100)
        let customer = try CustomerRef(id: params.customerId, externalId: params.customerExternalId)
        let relation = try FieldCheck.oneOf(params.relation, relations, "relation")
        let registered = try params.registeredOn.map { text throws(RPCError) in PGDate(daysSinceEpoch: try FieldCheck.day(text, "registered_on")) }
        let today = PGDate(daysSinceEpoch: WireTime.today(now))
        return try await FactsWriter.transaction(pool, customerPath: customer.path) { connection in
            let employeeId = try ReferenceLookup.employee(employeeNo, field: "employee_no", on: connection)
            let customerId = try customer.resolve(on: connection)
            let outcome = try KeyedUpsert(
                find: { connection in
                    try connection.executePrepared(
                        "SELECT id FROM employee_family_members WHERE employee_id = $1::bigint AND customer_id = $2::bigint FOR UPDATE",
                        [employeeId, customerId]).first?.decode(0)
                },
                update: { connection, id in
                    try connection.executePrepared(
                        """
                        UPDATE employee_family_members SET relation = $2::text, registered_on = coalesce($3::date, registered_on)
                        WHERE id = $1::bigint
                          AND (relation, registered_on) IS DISTINCT FROM ($2::text, coalesce($3::date, registered_on))
                        """, [id, relation, registered]).affectedRows > 0
                },
                insert: { connection in
                    try connection.executePrepared(
                        """
                        INSERT INTO employee_family_members (employee_id, customer_id, relation, registered_on)
                        VALUES ($1::bigint, $2::bigint, $3::text, $4::date)
                        ON CONFLICT ON CONSTRAINT employee_family_members_employee_customer_key DO NOTHING
                        RETURNING id
                        """, [employeeId, customerId, relation, registered ?? today]).first?.decode(0)
                }
            ).run(on: connection)
            return try FactsWriter.finish(
                outcome, method: FactsFamilyLink.name, principal: principal, target: "employee_family_member",
                detail: ["employee_no": .string(employeeNo), "customer_id": .int(customerId)], on: connection)
        }
    }
}
