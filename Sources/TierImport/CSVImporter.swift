import TierStore

/// Imports one CSV file of customers or policies into the database.
///
/// The file is streamed: each record is parsed, checked (types, vocabularies,
/// cross-field rules, duplicate keys in the file) and, when good, sent through
/// `COPY` into a temporary staging table. Checks that need the database
/// (references, keys already present) then run as SQL against the staging table
/// and return line numbers. Finally the staged rows are inserted into the real
/// tables, all in one transaction.
///
/// Without ``ImportOptions/skipBad`` any bad row refuses the whole file: the
/// transaction is rolled back and the report lists every error. With it, the
/// good rows are committed and the bad ones reported.
public struct CSVImporter: Sendable {
    /// What the file holds.
    public let kind: ImportKind
    /// How bad rows and branches are treated.
    public let options: ImportOptions

    /// The staging table, private to the session and dropped at commit.
    static let staging = "pg_temp.tierd_import_staging"

    /// Makes an importer.
    public init(kind: ImportKind, options: ImportOptions = ImportOptions()) {
        self.kind = kind
        self.options = options
    }

    /// Imports `file` through `connection` (in a transaction, or a savepoint when
    /// one is open) and returns what happened. Bad rows do not throw: they are in
    /// the report, and ``ImportReport/isRefused`` says whether anything was
    /// loaded. Throws ``ImportError`` when the file as a whole cannot be imported
    /// (unreadable, bad header, unknown `--branch`, database failure).
    /// `progress` is called every few thousand rows and at each phase.
    public func run(
        file: String, connection: PGConnection, progress: (ImportProgress) -> Void = { _ in }
    ) throws(ImportError) -> ImportReport {
        switch kind {
        case .customers: try run(CustomerRows.self, file: file, connection: connection, progress: progress)
        case .policies: try run(PolicyRows.self, file: file, connection: connection, progress: progress)
        }
    }

    private struct Refusal: Error {}

    private func run<Rows: ImportRows>(
        _: Rows.Type, file: String, connection: PGConnection, progress: (ImportProgress) -> Void
    ) throws(ImportError) -> ImportReport {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: file)
        } catch {
            throw ImportError(.unreadable, error.message)
        }
        let layout = try readHeader(reader, file: file, columns: Rows.columns)
        let rows = Rows(options: options, today: options.today ?? FieldSyntax.localToday())
        var stream = RowStream<Rows>(reader: reader, layout: layout, rows: rows, errorLimit: options.maxStoredErrors)
        let staging = Self.staging
        let columnNames = Rows.stagingColumns.map(\.name)
        var report = ImportReport(kind: kind, file: file)

        func phase(_ phase: ImportProgress.Phase, rows: Int) {
            progress(ImportProgress(phase: phase, rowsRead: rows, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes))
        }

        var outcome: (rows: Int, households: Int)?
        do {
            outcome = try connection.transaction { c in
                if let branch = options.branch {
                    let found = try c.execute("SELECT 1 FROM branches WHERE code = $1", [branch])
                    guard !found.isEmpty else { throw ImportError(.unknownBranch, "no branch with code \(FieldSyntax.quoted(branch))") }
                }
                // The dedup sorts and hash joins over staging spill to disk at the
                // default 4MB; raise work_mem for this transaction only (never lower it).
                try c.execute("""
                    SELECT set_config('work_mem', '64MB', true)
                    WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('64MB')
                    """)
                try c.execute("DROP TABLE IF EXISTS \(staging)")
                let definitions = Rows.stagingColumns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
                try c.execute("CREATE TEMP TABLE tierd_import_staging (line integer NOT NULL, valid boolean NOT NULL, \(definitions)) ON COMMIT DROP")
                phase(.reading, rows: 0)
                try c.copyIn("COPY \(staging) (line, valid, \(columnNames.joined(separator: ", "))) FROM STDIN") { writer in
                    try stream.load(into: &writer) { phase(.reading, rows: $0) }
                }
                phase(.checking, rows: stream.rowsRead)
                try c.execute("ANALYZE \(staging)")
                for stage in rows.checks(staging: staging) {
                    var found: [Int] = []
                    for check in stage {
                        for row in try c.execute("SELECT * FROM (\(check.sql)) AS found ORDER BY 1", check.parameters) {
                            let line = try row.decode(0, as: Int.self)
                            stream.errors.add(ImportRowError(
                                line: line, column: row.text(1), message: try row.decode(2, as: String.self)))
                            found.append(line)
                        }
                    }
                    // Later stages and the insert see only good rows.
                    // (IN over unnest hashes the lines; = ANY would scan the array per row.)
                    try c.execute(
                        "DELETE FROM \(staging) WHERE NOT valid OR line IN (SELECT unnest($1::bigint[]))", [found])
                }
                if !stream.errors.isEmpty && !options.skipBad { throw Refusal() }
                phase(.inserting, rows: stream.rowsRead)
                return try rows.insert(c, staging: staging)
            }
        } catch is Refusal {
            outcome = nil
        } catch let error as ImportError {
            throw error
        } catch let error as CSVError {
            throw ImportError(.unreadable, error.message)
        } catch let error as PGError {
            throw ImportError(.database, "the database refused the import: \(error)")
        } catch {
            throw ImportError(.database, "\(error)")
        }
        phase(.done, rows: stream.rowsRead)
        report.rowsRead = stream.rowsRead
        report.rowsLoaded = outcome?.rows ?? 0
        report.householdsCreated = outcome?.households ?? 0
        report.rowsRejected = stream.errors.rejectedLines.count
        report.errors = stream.errors.sorted
        report.errorCount = stream.errors.count
        report.committed = outcome != nil
        return report
    }

    /// Reads and checks the header row.
    private func readHeader(_ reader: CSVReader, file: String, columns: [ImportColumn]) throws(ImportError) -> HeaderLayout {
        let header: CSVRecord?
        do {
            header = try reader.next()
        } catch {
            throw ImportError(error.code == .unreadable ? .unreadable : .badHeader, error.message, line: error.line)
        }
        guard let header else { throw ImportError(.emptyFile, "\(file) is empty: a header row is required") }
        return try HeaderLayout(header: header, columns: columns, branchOption: options.branch != nil)
    }
}
