/// A place in a policy file: 1-based line and column (columns count Unicode scalars).
public struct PolicyLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, relative to the policy set's directory.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Makes a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// This location moved right by `offset` columns on the same line.
    public func advanced(by offset: Int) -> PolicyLocation {
        PolicyLocation(file: file, line: line, column: column + offset)
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: PolicyLocation, rhs: PolicyLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
