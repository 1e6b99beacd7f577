/// One column a CSV file of some ``ImportKind`` may have.
public struct ImportColumn: Sendable, Equatable {
    /// Whether a header must name the column.
    public enum Requirement: String, Sendable {
        /// The header must have it.
        case required
        /// The header must have it unless the import names a branch (`--branch`).
        case requiredWithoutBranchOption
        /// The header may leave it out.
        case optional
    }

    /// The header name (matched case-insensitively, surrounding spaces ignored).
    public var name: String
    /// Whether the header must have it.
    public var requirement: Requirement
    /// What it holds and how it is checked, for help and documentation.
    public var summary: String

    /// Makes a column description.
    public init(_ name: String, _ requirement: Requirement, _ summary: String) {
        self.name = name
        self.requirement = requirement
        self.summary = summary
    }
}
