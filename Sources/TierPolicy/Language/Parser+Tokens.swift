/// Looking at tokens. These helpers return small values, so the recursive functions that
/// call them hold no token copies in their frames.
extension Parser {
    var current: Token { tokens[index] }

    /// The token after the current one (the last token repeats at the end).
    var following: Token { tokens[min(index + 1, tokens.count - 1)] }

    /// Moves past the current token, never past the last one; returns its position.
    @discardableResult
    mutating func advance() -> Int {
        let position = index
        if index < tokens.count - 1 { index += 1 }
        return position
    }

    /// Whether the current token is `symbol`.
    func at(_ symbol: Token.Symbol) -> Bool { tokens[index].is(symbol) }

    /// Whether the current token is the end of the expression.
    var atEnd: Bool { tokens[index].kind == .end }

    /// Where the token at `position` starts.
    func location(_ position: Int) -> PolicyLocation { tokens[position].location }

    /// The prefix operator at the current token, if any.
    func prefixOperator() -> UnaryOperator? {
        switch tokens[index].kind {
        case .symbol(.bang), .keyword(.not): return .not
        case .symbol(.minus): return .negate
        default: return nil
        }
    }

    /// The infix operator at the current token, if any (`not in` is two tokens; any other
    /// `not` after an operand is an error).
    func infix() throws -> (op: BinaryOperator, level: Level)? {
        switch tokens[index].kind {
        case .symbol(let symbol):
            return Self.infixSymbols[symbol]
        case .keyword(.or): return (.or, .or)
        case .keyword(.and): return (.and, .and)
        case .keyword(.in): return (.in, .comparison)
        case .keyword(.not):
            guard following.is(.in) else { throw fail("expected 'in' after 'not'", at: min(index + 1, tokens.count - 1)) }
            return (.notIn, .comparison)
        default:
            return nil
        }
    }

    static let infixSymbols: [Token.Symbol: (op: BinaryOperator, level: Level)] = [
        .orOr: (.or, .or), .andAnd: (.and, .and),
        .equal: (.equal, .comparison), .notEqual: (.notEqual, .comparison),
        .less: (.less, .comparison), .lessOrEqual: (.lessOrEqual, .comparison),
        .greater: (.greater, .comparison), .greaterOrEqual: (.greaterOrEqual, .comparison),
        .plus: (.add, .additive), .minus: (.subtract, .additive),
        .star: (.multiply, .multiplicative), .slash: (.divide, .multiplicative),
        .percent: (.remainder, .multiplicative),
    ]

    /// What can start a primary at the current token.
    enum PrimaryStart {
        case literal, name, parenthesis, bracket, nothing
    }

    func primaryStart() -> PrimaryStart {
        switch tokens[index].kind {
        case .literal, .invalidLiteral: return .literal
        case .identifier: return .name
        case .symbol(.openParen): return .parenthesis
        case .symbol(.openBracket): return .bracket
        default: return .nothing
        }
    }

    /// The literal at the current token, consumed. A malformed literal (already reported)
    /// becomes a placeholder so parsing can go on to find syntax errors.
    mutating func literal() -> Node {
        let token = tokens[advance()]
        guard case .literal(let literal) = token.kind else {
            return Node(expression: .literal(.integer(0), token.location), height: 1)
        }
        return Node(expression: .literal(literal, token.location), height: 1)
    }

    /// `name := ident ( '.' ident )*` at the current identifier, consumed.
    mutating func dottedName() throws -> [String] {
        var parts = [tokens[advance()].text]
        while at(.dot) {
            advance()
            guard case .identifier(let part) = tokens[index].kind else { throw missingName() }
            parts.append(part)
            advance()
        }
        return parts
    }
}
