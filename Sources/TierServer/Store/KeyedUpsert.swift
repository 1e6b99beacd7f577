import TierStore

/// Writes one row identified by a business key (an external id, a policy number,
/// an employee and customer pair) so that repeating a call changes nothing:
/// find it (locked), update it only where it differs, or insert it. Runs in the
/// caller's transaction.
struct KeyedUpsert {
    /// The outcome: the row's id, whether this call inserted it, whether it changed anything.
    struct Outcome: Sendable {
        var id: Int64
        var created: Bool
        var changed: Bool
    }

    /// `SELECT id ... FOR UPDATE` by the key; nil when absent.
    var find: (PGConnection) throws -> Int64?
    /// Updates the row where a column differs; true when a row changed.
    var update: (PGConnection, Int64) throws -> Bool
    /// `INSERT ... ON CONFLICT ON CONSTRAINT <key> DO NOTHING RETURNING id`: nil
    /// when a concurrent call inserted the key first.
    var insert: (PGConnection) throws -> Int64?

    /// Finds, updates or inserts. A lost insert race rolls back to a savepoint (so
    /// rows the insert made on the way, such as a household, go too) and updates the
    /// winner's row instead.
    func run(on connection: PGConnection) throws -> Outcome {
        if let id = try find(connection) {
            return Outcome(id: id, created: false, changed: try update(connection, id))
        }
        do {
            let id = try connection.transaction { connection -> Int64 in
                guard let id = try insert(connection) else { throw LostRace() }
                return id
            }
            return Outcome(id: id, created: true, changed: true)
        } catch is LostRace {
            guard let id = try find(connection) else { throw PGError(.unexpected, "a row inserted concurrently is gone") }
            return Outcome(id: id, created: false, changed: try update(connection, id))
        }
    }

    private struct LostRace: Error {}
}
