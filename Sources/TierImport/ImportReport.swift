/// What an import did.
public struct ImportReport: Sendable, Equatable {
    /// The kind of file.
    public var kind: ImportKind
    /// The file's path, as given.
    public var file: String
    /// Data rows read (the header and empty lines not counted).
    public var rowsRead: Int
    /// Rows inserted into the target table (0 when the file was refused).
    public var rowsLoaded: Int
    /// Rows that had at least one error.
    public var rowsRejected: Int
    /// Households created for imported customers (always 0 for policies).
    public var householdsCreated: Int
    /// Row errors ordered by line: those with the lowest lines, at most
    /// ``ImportOptions/maxStoredErrors`` of them.
    public var errors: [ImportRowError]
    /// All row errors found, including those not kept in ``errors``.
    public var errorCount: Int
    /// True when the rows were committed; false when the file was refused because
    /// of bad rows (without `skipBad`) and nothing was loaded.
    public var committed: Bool

    /// Makes a report.
    public init(
        kind: ImportKind, file: String, rowsRead: Int = 0, rowsLoaded: Int = 0, rowsRejected: Int = 0,
        householdsCreated: Int = 0, errors: [ImportRowError] = [], errorCount: Int = 0, committed: Bool = false
    ) {
        self.kind = kind
        self.file = file
        self.rowsRead = rowsRead
        self.rowsLoaded = rowsLoaded
        self.rowsRejected = rowsRejected
        self.householdsCreated = householdsCreated
        self.errors = errors
        self.errorCount = errorCount
        self.committed = committed
    }

    /// True when bad rows made the import load nothing.
    public var isRefused: Bool { !committed }

    /// One line: `customers.csv: read 10, loaded 8, rejected 2, households created 5`.
    public var summary: String {
        var text = "\(file): read \(rowsRead), loaded \(rowsLoaded), rejected \(rowsRejected)"
        if kind == .customers { text += ", households created \(householdsCreated)" }
        if isRefused { text += " (refused: nothing loaded)" }
        return text
    }
}
