import TierStore

/// A statement that finds staged rows breaking a rule. It returns three columns:
/// the row's line (integer), the column at fault (text, may be NULL) and the message.
struct SQLCheck {
    let sql: String
    var parameters: PGParameters = []
}

/// What one kind of file needs: its columns, how a row is checked and staged,
/// the database checks, and the insert into the real tables.
protocol ImportRows {
    /// The columns a file may have.
    static var columns: [ImportColumn] { get }
    /// The natural key: unique within the file, new to the database.
    static var keyColumn: String { get }
    /// The staging table's columns after `line` and `valid`, as `name type`
    /// pairs, in the order ``stage(_:)`` returns fields. All nullable: rows with
    /// problems are staged too, so references are checked on every row.
    static var stagingColumns: [(name: String, type: String)] { get }

    /// Makes the rules for one import.
    init(options: ImportOptions, today: PGDate)

    /// Checks one row, recording problems in `row`, and returns its staging
    /// fields in PostgreSQL text form: nil is NULL, also for a missing or
    /// invalid value. Only rows without problems are marked valid.
    func stage(_ row: inout RowReader) -> [String?]

    /// The database checks in stages. The first stage sees every staged row
    /// (check only non-NULL values); before each later stage, and before the
    /// insert, rows that are not valid or that a check found are removed.
    func checks(staging: String) -> [[SQLCheck]]

    /// Inserts the staged rows into the real tables; returns the rows inserted
    /// and the households created.
    func insert(_ connection: PGConnection, staging: String) throws -> (rows: Int, households: Int)
}
