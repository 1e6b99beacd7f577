import TierStore

/// The reading phase of an import: records from the reader, checked row by row
/// and written into the staging COPY, with duplicate keys caught on the way.
struct RowStream<Rows: ImportRows> {
    let reader: CSVReader
    let layout: HeaderLayout
    let rows: Rows
    /// Every row error so far (the database checks add theirs later).
    var errors: ErrorCollector
    /// Data rows read, good and bad.
    private(set) var rowsRead = 0
    /// Key → the line where it first appeared.
    private var firstLines: [String: Int] = [:]

    init(reader: CSVReader, layout: HeaderLayout, rows: Rows, errorLimit: Int) {
        self.reader = reader
        self.layout = layout
        self.rows = rows
        errors = ErrorCollector(limit: errorLimit)
    }

    /// Reads every remaining record and stages it (bad rows too, marked not
    /// valid, so their references are checked as well). Calls `tick` with the
    /// rows read so far every 4096 rows. Throws only when the file cannot be read or the COPY fails.
    mutating func load(into writer: inout PGCopyWriter, tick: (Int) -> Void) throws {
        var fields: [String?] = []
        while true {
            let record: CSVRecord
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                guard error.code != .unreadable else { throw error }
                rowsRead += 1
                errors.add(ImportRowError(line: error.line, message: error.message))
                continue
            }
            if record.isBlank { continue }
            rowsRead += 1
            if rowsRead % 4096 == 0 { tick(rowsRead) }

            var row = RowReader(record: record, layout: layout)
            let staged = rows.stage(&row)
            if let key = row.peek(Rows.keyColumn) {
                if let first = firstLines[key] {
                    row.fail(Rows.keyColumn, "\(FieldSyntax.quoted(key)) appears again (first on line \(first))")
                } else {
                    firstLines[key] = record.line
                }
            }
            for problem in row.problems {
                errors.add(ImportRowError(line: record.line, column: problem.column, message: problem.message))
            }
            fields.removeAll(keepingCapacity: true)
            fields.append(String(record.line))
            fields.append(row.problems.isEmpty ? "t" : "f")
            fields.append(contentsOf: staged)
            try writer.append(texts: fields)
        }
    }
}
