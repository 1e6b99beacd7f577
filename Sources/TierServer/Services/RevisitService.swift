import TierStore
import TierWire

/// `revisits.list`: returning customers whose last purchase is more than the
/// policy's lapse interval (`settings.revisits.lapse_after`) before the as-of day,
/// longest lapsed first (seed 004 §2.2.3 (3)), a keyset page at a time.
public enum RevisitService {
    /// One page of the list. `today` (days since 1970-01-01) is the default as-of day.
    public static func list(
        _ params: RevisitsList.Params, policy: LoadedPolicy, today: Int, pool: PGPool
    ) async throws -> RevisitsList.Result {
        let asOf = try day(params.asOf, default: today)
        let limit = try PageLimit.resolve(params.limit)
        let after = try params.cursor.map(decodeCursor)
        let lapseDays = policy.set.settings.revisitLapseDays
        let rows = try await pool.withConnection { connection in
            let branchId = try params.branch.map { try BranchLookup.id(code: $0, on: connection) }
            return try page(asOf: asOf, lapseDays: lapseDays, branchId: branchId, after: after, limit: limit, on: connection)
        }
        var next: String?
        if rows.count > limit, let last = rows.prefix(limit).last {
            next = PageCursor.encode([last.lastPurchaseOn, String(last.customerId)])
        }
        return RevisitsList.Result(
            asOf: WireTime.formatDay(asOf), lapseDays: lapseDays, customers: Array(rows.prefix(limit)), nextCursor: next)
    }

    /// Up to `limit + 1` rows after the cursor (the extra one says another page exists).
    private static func page(
        asOf: Int, lapseDays: Int, branchId: Int64?, after: (day: Int, id: Int64)?, limit: Int, on connection: PGConnection
    ) throws -> [LapsedCustomer] {
        let rows = try connection.executePrepared(
            RevisitQuery.sql,
            [PGDate(daysSinceEpoch: asOf), PGDate(daysSinceEpoch: asOf - lapseDays), after.map { PGDate(daysSinceEpoch: $0.day) },
             after?.id, branchId, Int64(limit + 1)])
        return try rows.map { row in
            let last: PGDate = try row.decode(3)
            return LapsedCustomer(
                customerId: try row.decode(0), name: try row.decode(1), branch: try row.decode(2), lastPurchaseOn: last.description,
                daysSinceLastPurchase: asOf - last.daysSinceEpoch, valueClass: try row.decode(5),
                phoneMasked: PersonalDataMask.phone(try row.decode(4)))
        }
    }

    private static func day(_ text: String?, default today: Int) throws(RPCError) -> Int {
        guard let text else { return today }
        guard let day = WireTime.parseDay(text) else {
            throw RPCError.invalidParams(path: "params.as_of", "expected a date YYYY-MM-DD, found '\(text)'")
        }
        return day
    }

    private static func decodeCursor(_ cursor: String) throws(RPCError) -> (day: Int, id: Int64) {
        guard let parts = PageCursor.decode(cursor, parts: 2), let day = WireTime.parseDay(parts[0]), let id = Int64(parts[1]) else {
            throw RPCError.invalidParams(path: "params.cursor", "cursor is not one this method returned")
        }
        return (day, id)
    }
}
