/// A precedence-climbing parser over the lexer's tokens. It stops at the first syntax error.
///
/// Binding, loosest first: `?:`, `||`/`or`, `&&`/`and`, `!`/`not`, comparisons
/// (non-associative), `+ -`, `* / %`, prefix `-`; then calls and primaries. `!` binds
/// loosely where a comparison may follow it (`!a == b` is `!(a == b)`) and tightly inside
/// arithmetic or on a comparison's right (`a == !b`, `-!a`).
///
/// Recursion is bounded by ``maximumNesting`` and the tree's height by ``maximumHeight``,
/// so neither parsing nor later tree walks can exhaust the stack. The recursive functions
/// keep small frames even in debug builds (64 levels fit well within a 512 KiB thread):
/// they refer to tokens by index, and inspect tokens and build messages in helpers that
/// return before the recursion goes on.
struct Parser {
    /// The syntax error that stopped parsing (the only error the parser throws).
    struct Failure: Error {
        var diagnostic: PolicyDiagnostic
    }

    /// A parsed subtree and its height (nodes on its longest root-to-leaf path).
    struct Node {
        var expression: Expression
        var height: Int
    }

    /// How tightly an operator binds; a higher level binds tighter.
    enum Level: Int, Comparable {
        case or = 1, and, not, comparison, additive, multiplicative, prefix

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The next tighter level: the right operand of a left-associative operator.
        var tighter: Level { Level(rawValue: rawValue + 1) ?? .prefix }
    }

    /// Most brackets, calls, prefix operators and `?:` branches open at once.
    static let maximumNesting = 64
    /// Tallest tree accepted: long operator chains deepen the tree without nesting.
    static let maximumHeight = 256

    let tokens: [Token]
    /// The current token.
    var index = 0
    var nesting = 0

    init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole expression: one expression, then the end.
    static func parse(_ tokens: [Token]) throws -> Expression {
        var parser = Parser(tokens: tokens)
        let node = try parser.expression()
        guard parser.current.kind == .end else { throw parser.trailing() }
        return node.expression
    }

    /// `expr := or ( '?' expr ':' expr )?`
    mutating func expression() throws -> Node {
        let condition = try binary(.or)
        guard at(.question) else { return condition }
        return try conditional(condition)
    }

    /// The `? then : else` after `condition`; the branches nest one level.
    mutating func conditional(_ condition: Node) throws -> Node {
        let question = try enter()
        let then = try expression()
        guard at(.colon) else { throw missingColon(question) }
        advance()
        let otherwise = try expression()
        nesting -= 1
        return try make(
            .conditional(condition.expression, then.expression, otherwise.expression, location(question)),
            height: 1 + max(condition.height, then.height, otherwise.height), at: question)
    }

    /// An operand and every infix operator binding at least as tightly as `minimum`,
    /// left-associative; a comparison may not be followed by another.
    mutating func binary(_ minimum: Level) throws -> Node {
        var left = try operand(minimum)
        while let (op, level) = try infix(), level >= minimum {
            let position = advance()
            if op == .notIn { advance() }
            let right = try binary(level.tighter)
            if level == .comparison, try infix()?.level == .comparison { throw chainedComparison() }
            left = try joined(op, left, right, at: position)
        }
        return left
    }

    /// A prefix operator and its operand, or a primary (with its call, if any).
    mutating func operand(_ minimum: Level) throws -> Node {
        guard let op = prefixOperator() else { return try postfix() }
        let position = try enter()
        let value = op == .negate || minimum > .not ? try operand(.prefix) : try binary(.not)
        nesting -= 1
        return try prefixed(op, value, at: position)
    }

    /// A primary, which must not be followed by `(` unless it was a function name (a call).
    mutating func postfix() throws -> Node {
        let node = try primary()
        if at(.openParen) { throw notCallable() }
        return node
    }

    /// `left op right`, at the operator.
    func joined(_ op: BinaryOperator, _ left: Node, _ right: Node, at position: Int) throws -> Node {
        try make(
            .binary(op, left.expression, right.expression, location(position)),
            height: 1 + max(left.height, right.height), at: position)
    }

    /// `op operand`, at the operator.
    func prefixed(_ op: UnaryOperator, _ operand: Node, at position: Int) throws -> Node {
        try make(.unary(op, operand.expression, location(position)), height: operand.height + 1, at: position)
    }

    /// A node, unless the tree would grow taller than ``maximumHeight``.
    func make(_ expression: Expression, height: Int, at position: Int) throws -> Node {
        guard height <= Self.maximumHeight else { throw tooComplex(at: position) }
        return Node(expression: expression, height: height)
    }

    /// Consumes the current token, which opens one nesting level, and returns its position.
    /// Refuses more than ``maximumNesting`` levels; callers close theirs with `nesting -= 1`.
    mutating func enter() throws -> Int {
        nesting += 1
        guard nesting <= Self.maximumNesting else { throw nestedTooDeeply(at: index) }
        return advance()
    }
}
