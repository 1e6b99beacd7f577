/// Why one row of a file was rejected.
public struct ImportRowError: Sendable, Equatable, CustomStringConvertible {
    /// The line where the row (record) starts, counting the header as line 1.
    public var line: Int
    /// The column at fault, when one is.
    public var column: String?
    /// What is wrong, e.g. `not a YYYY-MM-DD date: "2024-13-01"`.
    public var message: String

    /// Makes a row error.
    public init(line: Int, column: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `column: message`, or just the message.
    public var reason: String { column.map { "\($0): \(message)" } ?? message }

    /// `LINE: reason`; prefix the file name for `FILE:LINE: reason`.
    public var description: String { "\(line): \(reason)" }
}
