import TierStore
import TierWire

/// What every `facts.*` method shares: one transaction per call, constraint errors
/// turned into field errors, and an audit row for each call that changed something.
enum FactsWriter {
    /// Runs `body` in a transaction; integrity errors become `invalid_params`.
    static func transaction<T: Sendable>(
        _ pool: PGPool, customerPath: String? = nil, _ body: @escaping @Sendable (PGConnection) throws -> T
    ) async throws -> T {
        do {
            return try await pool.transaction(body)
        } catch let error as PGError {
            throw ConstraintPaths.rpcError(error, customerPath: customerPath) ?? error
        }
    }

    /// The result, after auditing the write as `method` when it changed anything.
    /// A replay that changed nothing leaves no audit row: nothing happened.
    static func finish(
        _ outcome: KeyedUpsert.Outcome, method: String, principal: Principal, target kind: String,
        detail: [String: JSONValue], on connection: PGConnection
    ) throws -> FactsUpsertResult {
        if outcome.changed {
            var detail = detail
            detail["created"] = .bool(outcome.created)
            try AuditLog.record(method, by: principal.name, target: kind, String(outcome.id), detail: detail, on: connection)
        }
        return FactsUpsertResult(id: outcome.id, created: outcome.created)
    }
}
