import Foundation
import TierStore

/// Reads and checks the fields of one data row, collecting every problem
/// instead of stopping at the first.
struct RowReader {
    /// One problem: the column at fault (if any) and what is wrong.
    typealias Problem = (column: String?, message: String)

    let record: CSVRecord
    let layout: HeaderLayout
    /// The problems found so far.
    private(set) var problems: [Problem] = []

    init(record: CSVRecord, layout: HeaderLayout) {
        self.record = record
        self.layout = layout
    }

    /// Records a problem.
    mutating func fail(_ column: String?, _ message: String) {
        problems.append((column, message))
    }

    /// The trimmed text of a column without checking it (nil when absent or empty).
    func peek(_ column: String) -> String? {
        guard let position = layout.position(of: column), position < record.fields.count else { return nil }
        let value = FieldSyntax.trimmed(record.fields[position])
        return value.isEmpty ? nil : value
    }

    /// The trimmed text of a column; nil when the column is absent or the field
    /// empty. A NUL character (which PostgreSQL text cannot hold) is a problem.
    mutating func text(_ column: String) -> String? {
        guard let position = layout.position(of: column), position < record.fields.count else { return nil }
        let value = FieldSyntax.trimmed(record.fields[position])
        if value.isEmpty { return nil }
        if value.utf8.contains(0) {
            fail(column, "contains a NUL character")
            return nil
        }
        // A quoted line break in a CRLF file is CRLF; store it as LF.
        return value.utf8.contains(13) ? value.replacingOccurrences(of: "\r\n", with: "\n") : value
    }

    /// A column that must have a value.
    mutating func required(_ column: String) -> String? {
        guard let value = text(column) else {
            if !problems.contains(where: { $0.column == column }) { fail(column, "required") }
            return nil
        }
        return value
    }

    /// A value from a fixed vocabulary; `fallback` when empty (nil = required).
    mutating func choice(_ column: String, from vocabulary: [String], fallback: String? = nil) -> String? {
        guard let value = fallback == nil ? required(column) : text(column) else { return fallback }
        guard vocabulary.contains(value) else {
            fail(column, "\(FieldSyntax.quoted(value)) is not one of \(vocabulary.joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// A `YYYY-MM-DD` date, nil when empty or invalid (invalid is a problem).
    mutating func date(_ column: String, required isRequired: Bool = false) -> PGDate? {
        guard let value = isRequired ? required(column) : text(column) else { return nil }
        guard let date = FieldSyntax.date(value) else {
            fail(column, "\(FieldSyntax.quoted(value)) is not a valid YYYY-MM-DD date")
            return nil
        }
        return date
    }

    /// A required non-negative money amount with at most 2 decimals, as text.
    mutating func money(_ column: String) -> String? {
        guard let value = required(column) else { return nil }
        switch FieldSyntax.money(value) {
        case .valid(let normal): return normal
        case .notANumber: fail(column, "\(FieldSyntax.quoted(value)) is not a decimal number such as 1234.50")
        case .negative: fail(column, "\(FieldSyntax.quoted(value)) is negative")
        case .tooManyDecimals: fail(column, "\(FieldSyntax.quoted(value)) has more than 2 decimal places")
        case .tooLarge: fail(column, "\(FieldSyntax.quoted(value)) is too large (at most 12 digits before the point)")
        }
        return nil
    }
}
