/// One CSV record: its fields and the line of the file where it starts.
///
/// A quoted field may hold line breaks, so a record can span several lines;
/// ``line`` is always the first of them (1-based), which is what an error
/// message should point at.
public struct CSVRecord: Sendable, Equatable {
    /// The line where the record starts, counting from 1.
    public var line: Int
    /// The fields, unquoted, in file order. An empty field is `""`.
    public var fields: [String]

    /// Makes a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// True when every field is empty or only spaces (a row such as `,,,`).
    public var isBlank: Bool {
        fields.allSatisfy { $0.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
    }
}
