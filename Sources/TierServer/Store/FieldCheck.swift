import Foundation
import TierWire

/// Field checks for write params, run before any database work. Each failure is
/// `invalid_params` naming the field as `params.<field>`.
enum FieldCheck {
    /// A non-blank string of at most `maximum` characters, trimmed.
    static func text(_ value: String, _ field: String, maximum: Int = 200) throws(RPCError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RPCError.invalidParams(path: path(field), "\(field) must not be blank") }
        guard trimmed.count <= maximum else {
            throw RPCError.invalidParams(path: path(field), "\(field) is at most \(maximum) characters, not \(trimmed.count)")
        }
        return trimmed
    }

    /// ``text(_:_:maximum:)`` when present.
    static func optionalText(_ value: String?, _ field: String, maximum: Int = 200) throws(RPCError) -> String? {
        guard let value else { return nil }
        return try text(value, field, maximum: maximum)
    }

    /// One of the allowed words, exactly (the CHECK constraint's list).
    static func oneOf(_ value: String, _ allowed: [String], _ field: String) throws(RPCError) -> String {
        guard allowed.contains(value) else {
            throw RPCError.invalidParams(path: path(field), "\(field) is one of \(allowed.joined(separator: ", ")), not '\(value)'")
        }
        return value
    }

    /// A `YYYY-MM-DD` date, as days since 1970-01-01.
    static func day(_ value: String, _ field: String) throws(RPCError) -> Int {
        guard let day = WireTime.parseDay(value) else {
            throw RPCError.invalidParams(path: path(field), "\(field) is a date YYYY-MM-DD, not '\(value)'")
        }
        return day
    }

    /// An RFC 3339 timestamp with an offset (`2026-11-23T10:15:00Z`).
    static func instant(_ value: String, _ field: String) throws(RPCError) -> Date {
        guard let date = WireTime.parseTimestamp(value) else {
            throw RPCError.invalidParams(path: path(field), "\(field) is an RFC 3339 timestamp such as 2026-11-23T10:15:00Z, not '\(value)'")
        }
        return date
    }

    /// A money amount: digits, at most two decimals, 0 or more, below 10^12 (it
    /// fits `numeric(14,2)`). Returned as text so it reaches the database exactly.
    static func money(_ value: DecimalText, _ field: String) throws(RPCError) -> String {
        let text = value.text
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), digits(parts[0]), parts[0].count <= 12,
              parts.count == 1 || (digits(parts[1]) && parts[1].count <= 2) else {
            throw RPCError.invalidParams(
                path: path(field), "\(field) is an amount of 0 or more with at most 2 decimals (such as \"1200.50\"), not '\(text)'")
        }
        return text
    }

    static func path(_ field: String) -> String { "params.\(field)" }
}
