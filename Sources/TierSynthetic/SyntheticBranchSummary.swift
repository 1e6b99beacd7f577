/// What ``SyntheticBranch/load(into:progress:)`` stored: rows per table, in load order.
public struct SyntheticBranchSummary: Sendable, CustomStringConvertible {
    /// One table's row count.
    public struct Table: Sendable, Equatable {
        /// The table name.
        public var name: String
        /// Rows stored.
        public var rows: Int
    }

    /// Tables in the order they were loaded.
    public var tables: [Table]
    /// The seed used.
    public var seed: UInt64
    /// The as-of date used (`YYYY-MM-DD`).
    public var asOf: String
    /// Wall-clock time of the load, in seconds.
    public var seconds: Double

    /// Rows stored in `table`, 0 for a table not loaded.
    public subscript(table: String) -> Int {
        tables.first { $0.name == table }?.rows ?? 0
    }

    /// Rows over all tables.
    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }

    /// A small table, one line per table, then the total and time.
    public var description: String {
        let width = tables.map(\.name.count).max() ?? 0
        var lines = tables.map { table in
            table.name + String(repeating: " ", count: width - table.name.count + 2) + String(table.rows)
        }
        let tenths = Int((seconds * 10).rounded())
        lines.append("total rows \(totalRows) in \(tenths / 10).\(tenths % 10) s (seed \(seed), as of \(asOf))")
        return lines.joined(separator: "\n")
    }
}
