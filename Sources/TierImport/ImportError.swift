/// A reason a whole file cannot be imported (as opposed to a bad row, an
/// ``ImportRowError``). Nothing was loaded when one is thrown.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// The file could not be opened or read.
        case unreadable
        /// The file has no header row.
        case emptyFile
        /// The header has unknown, duplicate or unnamed columns, or lacks required ones.
        case badHeader
        /// `--branch` names a branch that does not exist.
        case unknownBranch
        /// The database refused a statement (e.g. a concurrent writer took a key).
        case database
    }

    /// What kind of failure this is.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The line at fault, when there is one (the header is line 1).
    public var line: Int?

    /// Makes an error.
    public init(_ code: Code, _ message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }

    /// `LINE: message` or just the message.
    public var description: String { line.map { "\($0): \(message)" } ?? message }
}
