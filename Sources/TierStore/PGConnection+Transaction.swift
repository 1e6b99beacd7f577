import CLibPQ

/// Transaction isolation levels.
public enum PGIsolation: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension PGConnection {
    /// Runs `body` in a transaction: committed when it returns, rolled back when it
    /// throws (the error is rethrown). Inside another transaction it becomes a
    /// savepoint, so nested calls roll back only their own part.
    public func transaction<T>(
        isolation: PGIsolation = .readCommitted,
        readOnly: Bool = false,
        _ body: (PGConnection) throws -> T
    ) throws -> T {
        if inTransaction {
            let savepoint = nextCursorName().replacingOccurrences(of: "cursor", with: "savepoint")
            try execute("SAVEPOINT \(savepoint)")
            do {
                let value = try body(self)
                try execute("RELEASE SAVEPOINT \(savepoint)")
                return value
            } catch {
                if !isBroken { _ = try? execute("ROLLBACK TO SAVEPOINT \(savepoint)") }
                throw error
            }
        }
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
        let value: T
        do {
            value = try body(self)
        } catch {
            if !isBroken { _ = try? execute("ROLLBACK") }
            throw error
        }
        // COMMIT of a transaction in which a statement failed (and the error was
        // swallowed) silently rolls back; say so instead of reporting success.
        let failedBefore = PQtransactionStatus(handle) == PQTRANS_INERROR
        let result = try execute("COMMIT")
        if failedBefore || result.commandTag == "ROLLBACK" {
            throw PGError(.server, "transaction rolled back: a statement in it failed")
        }
        return value
    }
}
