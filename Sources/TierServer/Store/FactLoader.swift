import TierCalendar
import TierPolicy
import TierStore
import TierWire

/// Loads one customer's facts (every fact of `FactSchema.standard`) as of a day, in
/// one prepared statement: the hot path of `entitlements.get`.
///
/// "As of" is read from the dates the schema keeps: an employee is active when
/// `hired_on <= day < left_on`; a policy counts once issued (`issued_on <= day`) and
/// is active on the day when its status is active, or it lapsed only after the day
/// (`lapsed_on > day`); complaints, surveys and classifications count when received,
/// taken or computed by the day. Statuses without a date (surrendered, matured, ...)
/// are taken as they are now.
public enum FactLoader {
    /// The statement, for tools that run it outside the daemon (`bench/run` times it
    /// with pgbench): `$1` the customer id, `$2` the as-of day.
    public static var statement: String { FactQuery.sql }

    /// The facts of `customerId` on day `asOf` (days since 1970-01-01) for a request on
    /// `channel`, checked against the policy's schema. Throws `not_found` for an
    /// unknown customer. Blocking: call it on a pool worker (`PGPool.withConnection`).
    public static func load(
        customerId: Int64, asOf: Int, channel: String, policy: LoadedPolicy, on connection: PGConnection
    ) throws -> CustomerFacts {
        let result = try connection.executePrepared(FactQuery.sql, [customerId, PGDate(daysSinceEpoch: asOf)])
        guard let row = result.first else { throw RPCError.notFound("no customer \(customerId)") }
        let loaded = try FactQuery.Row(row)
        var values = loaded.facts(asOf: asOf)
        values["customer.id"] = .int(customerId)
        values["context.as_of"] = .date(asOf)
        values["context.channel"] = .string(channel)
        let schema = policy.set.schema
        values = values.filter { schema.slot(of: $0.key) != nil }
        do {
            let facts = try FactSet(values, schema: schema)
            return CustomerFacts(
                facts: facts, customerId: customerId, householdId: loaded.householdId, branch: loaded.branch,
                quotaUsed: loaded.quotaUsed)
        } catch {
            throw RPCError.internalError("the facts of customer \(customerId) do not fit revision \(policy.revision.prefix(12)): \(error)")
        }
    }
}
