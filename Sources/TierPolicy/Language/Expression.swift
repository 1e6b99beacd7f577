/// A parsed policy expression: a tree of nodes, each knowing where it was written.
public indirect enum Expression: Hashable, Sendable {
    /// A literal value.
    case literal(Literal, PolicyLocation)
    /// A list literal, `[a, b, c]`.
    case list([Expression], PolicyLocation)
    /// A dotted name such as `customer.age`, `segment.vip`, `tier.value`, `today`:
    /// resolved against the fact schema, segments and tiers by the type checker.
    case name([String], PolicyLocation)
    /// A prefix operator: `!x`, `-x`.
    case unary(UnaryOperator, Expression, PolicyLocation)
    /// An infix operator.
    case binary(BinaryOperator, Expression, Expression, PolicyLocation)
    /// `condition ? then : else`.
    case conditional(Expression, Expression, Expression, PolicyLocation)
    /// A function call, `days_since(history.last_purchase_on)`.
    case call(String, [Expression], PolicyLocation)

    /// Where the node starts (for a binary operator: where the operator is).
    public var location: PolicyLocation {
        switch self {
        case .literal(_, let at), .list(_, let at), .name(_, let at), .unary(_, _, let at),
             .binary(_, _, _, let at), .conditional(_, _, _, let at), .call(_, _, let at):
            return at
        }
    }
}

/// Literal values as written.
public enum Literal: Hashable, Sendable {
    case bool(Bool)
    case integer(Int64)
    /// A decimal literal such as `0.05` or `200000.00`, kept as its exact text.
    case decimal(String)
    case string(String)
    /// A date literal `2026-01-01`: days since 1970-01-01.
    case date(Int)
    /// A duration literal in days: `730d`, `2w` (14), `1y` (365).
    case duration(days: Int64)
}

/// Prefix operators.
public enum UnaryOperator: String, Hashable, Sendable {
    case not = "!"
    case negate = "-"
}

/// Infix operators, loosest binding first in the grammar.
public enum BinaryOperator: String, Hashable, Sendable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case notIn = "not in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
}
