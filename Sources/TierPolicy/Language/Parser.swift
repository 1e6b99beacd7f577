/// A recursive-descent parser over the lexer's tokens. It stops at the first syntax error.
///
/// Precedence, loosest first: `?:`, `||`/`or`, `&&`/`and`, `!`/`not`, comparisons
/// (non-associative), `+ -`, `* / %`, prefix `-`, then calls and primaries.
/// Recursion is bounded by ``maximumNesting``; the tree's height by ``maximumHeight``,
/// so neither parsing nor later tree walks can exhaust the stack.
struct Parser {
    /// The syntax error that stopped parsing.
    struct Failure: Error {
        var diagnostic: PolicyDiagnostic
    }

    /// A parsed subtree and its height (nodes on its longest root-to-leaf path).
    struct Node {
        var expression: Expression
        var height: Int
    }

    /// Most brackets, calls, prefix operators and `?:` branches open at once.
    static let maximumNesting = 64
    /// Tallest tree accepted: long operator chains deepen the tree without nesting.
    static let maximumHeight = 256

    let tokens: [Token]
    var index = 0
    var nesting = 0

    init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole expression: one expression, then the end.
    static func parse(_ tokens: [Token]) throws(Failure) -> Expression {
        var parser = Parser(tokens: tokens)
        let node = try parser.expression()
        guard parser.current.kind == .end else { throw parser.trailing() }
        return node.expression
    }

    var current: Token { tokens[index] }

    /// The token after the current one (the last token repeats at the end).
    var following: Token { tokens[min(index + 1, tokens.count - 1)] }

    /// Moves past the current token, never past the last one.
    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// `ternary := or ( '?' expr ':' expr )?`
    mutating func expression() throws(Failure) -> Node {
        let condition = try or()
        guard current.is(.question) else { return condition }
        let question = advance()
        try enter(at: question)
        let then = try expression()
        guard current.is(.colon) else { throw expected("':' to go with '?' at \(Self.place(question))") }
        advance()
        let otherwise = try expression()
        nesting -= 1
        return try make(
            .conditional(condition.expression, then.expression, otherwise.expression, question.location),
            height: 1 + max(condition.height, then.height, otherwise.height), at: question)
    }

    /// `or := and ( ( '||' | 'or' ) and )*`
    mutating func or() throws(Failure) -> Node {
        var left = try and()
        while current.is(.orOr) || current.is(.or) {
            let op = advance()
            let right = try and()
            left = try binary(.or, left, right, at: op)
        }
        return left
    }

    /// `and := not ( ( '&&' | 'and' ) not )*`
    mutating func and() throws(Failure) -> Node {
        var left = try not()
        while current.is(.andAnd) || current.is(.and) {
            let op = advance()
            let right = try not()
            left = try binary(.and, left, right, at: op)
        }
        return left
    }

    /// `not := ( '!' | 'not' ) not | comparison`
    mutating func not() throws(Failure) -> Node {
        guard current.is(.bang) || current.is(.not) else { return try comparison() }
        return try prefix(.not) { (parser: inout Parser) throws(Failure) in try parser.not() }
    }

    /// `comparison := additive ( op additive )?`, refusing a second comparison operator.
    mutating func comparison() throws(Failure) -> Node {
        let left = try additive()
        guard let op = comparisonOperator() else {
            if current.is(.not) { throw fail("expected 'in' after 'not'", at: following) }
            return left
        }
        let token = advance()
        if op == .notIn { advance() }
        let right = try additive()
        if comparisonOperator() != nil {
            throw fail("comparisons cannot be chained; join them with '&&', as in 'a < b && b < c'", at: current)
        }
        return try binary(op, left, right, at: token)
    }

    /// The comparison operator at the current token, if any (`not in` is two tokens).
    func comparisonOperator() -> BinaryOperator? {
        switch current.kind {
        case .symbol(let symbol): return Self.comparisons[symbol]
        case .keyword(.in): return .in
        case .keyword(.not): return following.is(.in) ? .notIn : nil
        default: return nil
        }
    }

    /// `additive := multiplicative ( ( '+' | '-' ) multiplicative )*`
    mutating func additive() throws(Failure) -> Node {
        var left = try multiplicative()
        while let op = symbolOperator(Self.additives) {
            let token = advance()
            let right = try multiplicative()
            left = try binary(op, left, right, at: token)
        }
        return left
    }

    /// `multiplicative := unary ( ( '*' | '/' | '%' ) unary )*`
    mutating func multiplicative() throws(Failure) -> Node {
        var left = try unary()
        while let op = symbolOperator(Self.multiplicatives) {
            let token = advance()
            let right = try unary()
            left = try binary(op, left, right, at: token)
        }
        return left
    }

    /// `unary := ( '-' | '!' | 'not' ) unary | postfix`
    mutating func unary() throws(Failure) -> Node {
        let op: UnaryOperator
        if current.is(.minus) {
            op = .negate
        } else if current.is(.bang) || current.is(.not) {
            op = .not
        } else {
            return try postfix()
        }
        return try prefix(op) { (parser: inout Parser) throws(Failure) in try parser.unary() }
    }

    /// A prefix operator at the current token applied to what `operand` parses.
    mutating func prefix(
        _ op: UnaryOperator, _ operand: (inout Parser) throws(Failure) -> Node
    ) throws(Failure) -> Node {
        let token = advance()
        try enter(at: token)
        let inner = try operand(&self)
        nesting -= 1
        return try make(.unary(op, inner.expression, token.location), height: inner.height + 1, at: token)
    }

    static let comparisons: [Token.Symbol: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessOrEqual: .lessOrEqual,
        .greater: .greater, .greaterOrEqual: .greaterOrEqual,
    ]
    static let additives: [Token.Symbol: BinaryOperator] = [.plus: .add, .minus: .subtract]
    static let multiplicatives: [Token.Symbol: BinaryOperator] = [
        .star: .multiply, .slash: .divide, .percent: .remainder,
    ]

    /// The operator in `table` at the current token, if any.
    func symbolOperator(_ table: [Token.Symbol: BinaryOperator]) -> BinaryOperator? {
        if case .symbol(let symbol) = current.kind { return table[symbol] }
        return nil
    }

    /// An infix node at its operator's location.
    func binary(_ op: BinaryOperator, _ left: Node, _ right: Node, at token: Token) throws(Failure) -> Node {
        try make(
            .binary(op, left.expression, right.expression, token.location),
            height: 1 + max(left.height, right.height), at: token)
    }

    /// A node, unless the tree would grow taller than ``maximumHeight``.
    func make(_ expression: Expression, height: Int, at token: Token) throws(Failure) -> Node {
        guard height <= Self.maximumHeight else {
            throw fail(
                "expression too complex (more than \(Self.maximumHeight) operators deep); split it up, e.g. into segments",
                at: token)
        }
        return Node(expression: expression, height: height)
    }

    /// Opens one nesting level, refusing more than ``maximumNesting``. Callers close it with `nesting -= 1`.
    mutating func enter(at token: Token) throws(Failure) {
        nesting += 1
        guard nesting <= Self.maximumNesting else {
            throw fail("expression nested too deeply (more than \(Self.maximumNesting) levels)", at: token)
        }
    }
}
