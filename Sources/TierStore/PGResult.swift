import CLibPQ

/// The rows a statement returned, read-only.
///
/// libpq documents a `PGresult` as read-only after creation and safe to share between
/// threads, so a result may leave the connection's worker thread.
public final class PGResult: @unchecked Sendable, RandomAccessCollection {
    let handle: OpaquePointer
    /// The result columns' names, in order.
    public let columns: [String]
    /// The result columns' type OIDs, in order.
    public let columnTypes: [PGOID]
    private let columnIndex: [String: Int]

    init(_ handle: OpaquePointer) {
        self.handle = handle
        let count = Int(PQnfields(handle))
        var names: [String] = []
        var types: [PGOID] = []
        var index: [String: Int] = [:]
        for column in 0..<count {
            // COPY results report a column count but no names.
            let name = PQfname(handle, Int32(column)).map { String(cString: $0) } ?? ""

            names.append(name)
            types.append(PGOID(rawValue: PQftype(handle, Int32(column))))
            if index[name] == nil { index[name] = column }
        }
        columns = names
        columnTypes = types
        columnIndex = index
    }

    deinit { PQclear(handle) }

    /// Rows affected by INSERT/UPDATE/DELETE/COPY and friends (`PQcmdTuples`), or 0.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    /// The command tag, such as `INSERT 0 1`.
    public var commandTag: String { String(cString: PQcmdStatus(handle)) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(PQntuples(handle)) }
    public subscript(position: Int) -> PGRow { PGRow(result: self, index: position) }

    /// The position of a column by name.
    public func column(named name: String) throws -> Int {
        guard let index = columnIndex[name] else {
            throw PGError(.decode, "no column named \(name); have \(columns.joined(separator: ", "))")
        }
        return index
    }

    /// The single value of a one-row, one-column result, decoded.
    public func scalar<T: PGDecodable>(_ type: T.Type = T.self) throws -> T {
        guard count == 1, columns.count == 1 else {
            throw PGError(.decode, "expected one row with one column, got \(count) rows of \(columns.count) columns")
        }
        return try self[0].decode(0, as: type)
    }
}

/// One row of a ``PGResult``.
public struct PGRow: Sendable {
    let result: PGResult
    let index: Int

    /// The number of columns.
    public var count: Int { result.columns.count }

    /// True when the column holds SQL NULL.
    public func isNull(_ column: Int) -> Bool {
        PQgetisnull(result.handle, Int32(index), Int32(column)) == 1
    }

    /// Decodes the value at a column position.
    public func decode<T: PGDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T {
        guard column >= 0, column < result.columns.count else {
            throw PGError(.decode, "column \(column) out of range (\(result.columns.count) columns)")
        }
        let oid = result.columnTypes[column]
        do {
            if isNull(column) { return try T.pgDecodeNull(type: oid) }
            let text = String(cString: PQgetvalue(result.handle, Int32(index), Int32(column)))
            return try T.pgDecode(text, type: oid)
        } catch var error as PGError {
            error.column = result.columns[column]
            error.message = "column \(result.columns[column]): \(error.message)"
            throw error
        }
    }

    /// Decodes the value of a column by name.
    public func decode<T: PGDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try decode(try result.column(named: name), as: type)
    }

    /// The raw text of a column, nil for NULL.
    public func text(_ column: Int) -> String? {
        isNull(column) ? nil : String(cString: PQgetvalue(result.handle, Int32(index), Int32(column)))
    }
}
