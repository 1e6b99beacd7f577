import TierPolicy

/// A first-hit tier table as a SQL `CASE`, when every row is a comparison (joined by
/// `&&`, `||`, `!`) of a purchase-history count or premium with a number. The
/// classify job then decides the VIP tier inside its classification statement and
/// writes the snapshots with one `INSERT … SELECT`: no customer leaves the server.
///
/// Only facts that are never missing are accepted (counts, premiums), so SQL's NULL
/// logic never meets the policy's missing values; anything else (dates, lists,
/// segments, other tiers, functions, arithmetic) gives nil and the job decides in
/// process instead.
enum ValueTierSQL {
    /// `columns`: fact path → its numeric column in the classification statement.
    static func caseExpression(_ table: TierTable, columns: [String: String]) -> String? {
        guard table.hit == .first else { return nil }
        var sql = "CASE"
        for row in table.rows {
            guard let condition = condition(row.condition.source, columns) else { return nil }
            sql += " WHEN \(condition) THEN \(quoted(row.tier))"
        }
        sql += " ELSE \(table.defaultTier.map(quoted) ?? "NULL") END"
        return sql
    }

    private static func condition(_ expression: Expression, _ columns: [String: String]) -> String? {
        switch expression {
        case .literal(.bool(let value), _):
            return value ? "true" : "false"
        case .unary(.not, let operand, _):
            return condition(operand, columns).map { "(NOT \($0))" }
        case .binary(.and, let left, let right, _), .binary(.or, let left, let right, _):
            guard let l = condition(left, columns), let r = condition(right, columns),
                  case .binary(let op, _, _, _) = expression else { return nil }
            return "(\(l) \(op == .and ? "AND" : "OR") \(r))"
        case .binary(let op, let left, let right, _):
            guard let symbol = comparisons[op], let l = number(left, columns), let r = number(right, columns) else { return nil }
            return "(\(l) \(symbol) \(r))"
        default:
            return nil
        }
    }

    private static let comparisons: [BinaryOperator: String] = [
        .equal: "=", .notEqual: "<>", .less: "<", .lessOrEqual: "<=", .greater: ">", .greaterOrEqual: ">=",
    ]

    /// A history column or a numeric literal.
    private static func number(_ expression: Expression, _ columns: [String: String]) -> String? {
        switch expression {
        case .name(let parts, _):
            return columns[parts.joined(separator: ".")]
        case .literal(.integer(let value), _):
            return String(value)
        case .literal(.decimal(let text), _):
            return text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) ? "\(text)::numeric" : nil
        case .unary(.negate, let operand, _):
            return number(operand, columns).map { "(-\($0))" }
        default:
            return nil
        }
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
