import TierStore

/// How a ``CSVImporter`` treats a file.
public struct ImportOptions: Sendable, Equatable {
    /// Load the good rows and report the bad ones, instead of loading nothing
    /// when any row is bad.
    public var skipBad: Bool
    /// The branch (code) the file belongs to. Customers: fills a missing or empty
    /// `branch` and makes the column optional; a row naming another branch is an
    /// error. Policies: every policy's customer must be in this branch.
    public var branch: String?
    /// At most this many row errors are kept in the report (all are counted).
    public var maxStoredErrors: Int
    /// The date "today" for the birth-date bound (`birth_date <= today + 1`);
    /// nil means the local calendar date now.
    public var today: PGDate?

    /// Makes options; the defaults refuse a file with any bad row.
    public init(skipBad: Bool = false, branch: String? = nil, maxStoredErrors: Int = 10_000, today: PGDate? = nil) {
        self.skipBad = skipBad
        self.branch = branch
        self.maxStoredErrors = maxStoredErrors
        self.today = today
    }
}
