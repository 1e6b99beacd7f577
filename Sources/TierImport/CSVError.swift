/// A problem in the CSV text itself, before any column has a meaning.
///
/// Every code except ``Code/unreadable`` is about one record: the reader has
/// already skipped past it, so the caller may note the error and go on reading.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// A quoted field has no closing quote before the end of the file.
        case unterminatedQuote
        /// A quote inside an unquoted field, or text after a closing quote.
        case strayQuote
        /// A field is not valid UTF-8.
        case invalidUTF8
        /// A field is longer than the reader's limit.
        case fieldTooLong
        /// The record has a different number of fields than the first record (the header).
        case raggedRecord
        /// The file could not be opened or read; reading cannot go on.
        case unreadable
    }

    /// What went wrong.
    public var code: Code
    /// The line where the offending record starts (0 when no record is involved).
    public var line: Int
    /// A human-readable explanation.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, line: Int, _ message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
