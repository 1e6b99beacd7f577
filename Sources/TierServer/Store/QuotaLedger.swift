import TierPolicy
import TierStore
import TierWire

/// Records a use of a quota-limited entitlement in the ledger: the period's grant
/// (made on first use) and a use row. The schema's trigger counts uses on the grant
/// row, which also serialises concurrent uses; a use past the quota is refused there.
enum QuotaLedger {
    /// Who a grant belongs to.
    enum Owner: Sendable {
        case customer(Int64)
        case household(Int64)
    }

    /// Household when the granted entitlement says `owner: "household"` (the loyalty
    /// reward is once per household), else the customer.
    static func owner(of entitlement: GrantedEntitlement, customer: CustomerFacts) -> Owner {
        entitlement.param("owner") == .string("household") ? .household(customer.householdId) : .customer(customer.customerId)
    }

    /// Takes one use. `key` makes the use idempotent. Throws `not_entitled` when the
    /// quota is used up.
    static func use(
        _ entitlement: GrantedEntitlement, quota: Quota, owner: Owner, day: Int, revision: String,
        key: String, ticketId: Int64?, principal: String, on connection: PGConnection
    ) throws {
        let grantId = try grant(entitlement, quota: quota, owner: owner, day: day, revision: revision, on: connection)
        do {
            try connection.executePrepared(
                """
                INSERT INTO entitlement_uses (grant_id, ticket_id, idempotency_key, principal)
                VALUES ($1::bigint, $2::bigint, $3::text, $4::text)
                """, [grantId, ticketId, key, principal])
        } catch let error as PGError where error.constraint == "entitlement_grants_uses_within_quota_check" {
            throw RPCError.notEntitled(
                "quota used up: \(entitlement.code) allows \(quota.count) per \(quota.period.rawValue) and all are taken")
        } catch let error as PGError where error.constraint == "entitlement_uses_idempotency_key_key" {
            throw RPCError.conflict("a use of an entitlement was already recorded under key '\(key)'")
        }
    }

    /// The id of the owner's grant for the period containing `day`, inserted if new.
    /// An existing grant keeps its quota: a policy change applies from the next period.
    private static func grant(
        _ entitlement: GrantedEntitlement, quota: Quota, owner: Owner, day: Int, revision: String, on connection: PGConnection
    ) throws -> Int64 {
        let period = QuotaPeriod(quota, containing: day)
        var params: [String: JSONValue] = [:]
        for (name, value) in entitlement.params { params[name] = JSONValue(value) }
        let (customer, household, key): (Int64?, Int64?, String) = switch owner {
        case .customer(let id): (id, nil, "entitlement_grants_customer_period_key")
        case .household(let id): (nil, id, "entitlement_grants_household_period_key")
        }
        // DO UPDATE (a no-op) rather than DO NOTHING so RETURNING yields the existing row.
        return try connection.executePrepared(
            """
            INSERT INTO entitlement_grants
                (entitlement_code, customer_id, household_id, period_start, period_end, quota, params, reason, policy_revision)
            VALUES ($1::text, $2::bigint, $3::bigint, $4::date, $5::date, $6::int, $7::jsonb, $8::text, $9::text)
            ON CONFLICT ON CONSTRAINT \(key) DO UPDATE SET entitlement_code = EXCLUDED.entitlement_code
            RETURNING id
            """,
            [entitlement.code, customer, household, PGDate(daysSinceEpoch: period.start), PGDate(daysSinceEpoch: period.end),
             Int32(clamping: quota.count), try PGJSON(encoding: JSONValue.object(params)), entitlement.reason, revision]
        ).scalar(Int64.self)
    }
}
