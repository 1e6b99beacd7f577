import CLibPQ

extension PGConnection {
    /// Streams a query's rows one at a time (libpq single-row mode), so a large read
    /// never sits in memory whole. Returns the number of rows seen. If `body` throws,
    /// the query is cancelled on the server and the error rethrown.
    @discardableResult
    public func streamRows(_ sql: String, _ parameters: PGParameters = [], _ body: (PGRow) throws -> Void) throws -> Int {
        let sent = try withParameters(parameters) { count, types, values in
            PQsendQueryParams(handle, sql, count, types, values, nil, nil, 0)
        }
        guard sent == 1 else { throw PGError.from(connection: handle, code: isBroken ? .connectionLost : .unexpected) }
        PQsetSingleRowMode(handle)
        var rows = 0
        var failure: (any Error)?
        while let raw = PQgetResult(handle) {
            if failure != nil { PQclear(raw); continue }
            do {
                let result = try check(raw)
                if PQresultStatus(raw) == PGRES_SINGLE_TUPLE {
                    rows += 1
                    try body(result[0])
                }
            } catch {
                failure = error
                cancelRunningQuery()
            }
        }
        if let failure { throw failure }
        return rows
    }

    /// Reads a query's rows in batches through a server-side cursor. Unlike
    /// ``streamRows(_:_:_:)`` the connection stays usable between batches, so each
    /// batch can be written back (e.g. with COPY) before the next is fetched.
    /// Runs inside a transaction (a savepoint when one is already open).
    public func forEachBatch(
        _ sql: String, _ parameters: PGParameters = [], batchSize: Int = 1000,
        _ body: (PGResult) throws -> Void
    ) throws {
        precondition(batchSize > 0, "batchSize must be positive")
        try transaction { connection in
            let cursor = connection.nextCursorName()
            try connection.execute("DECLARE \(cursor) NO SCROLL CURSOR FOR \(sql)", parameters)
            while true {
                let batch = try connection.execute("FETCH FORWARD \(batchSize) FROM \(cursor)")
                if batch.isEmpty { break }
                try body(batch)
                if batch.count < batchSize { break }
            }
            try connection.execute("CLOSE \(cursor)")
        }
    }

    /// Asks the server to cancel the statement in progress (best effort).
    func cancelRunningQuery() {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }
}
