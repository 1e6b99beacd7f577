extension Parser {
    /// `postfix := primary ( '(' args ')' )?`: calls are parsed with their name in
    /// ``primary()``; anything else followed by `(` is refused here.
    mutating func postfix() throws(Failure) -> Node {
        let node = try primary()
        guard current.is(.openParen) else { return node }
        throw fail("only a function name can be called, as in days_since(x)", at: current)
    }

    /// `primary := literal | name | call | '(' expr ')' | '[' list ']'`
    mutating func primary() throws(Failure) -> Node {
        let token = current
        switch token.kind {
        case .literal(let literal):
            advance()
            return Node(expression: .literal(literal, token.location), height: 1)
        case .invalidLiteral:
            // Already reported; a placeholder lets parsing go on to find syntax errors.
            advance()
            return Node(expression: .literal(.integer(0), token.location), height: 1)
        case .identifier:
            return try nameOrCall()
        case .symbol(.openParen):
            advance()
            try enter(at: token)
            let inner = try expression()
            guard current.is(.closeParen) else { throw expected("')' to close '(' at \(Self.place(token))") }
            advance()
            nesting -= 1
            return inner
        case .symbol(.openBracket):
            advance()
            try enter(at: token)
            let elements = try elements(closing: .closeBracket, opener: token)
            nesting -= 1
            return try make(
                .list(elements.map(\.expression), token.location),
                height: 1 + (elements.map(\.height).max() ?? 0), at: token)
        default:
            throw missingExpression()
        }
    }

    /// `name := ident ( '.' ident )*`, or a call `ident '(' args ')'`.
    mutating func nameOrCall() throws(Failure) -> Node {
        let first = advance()
        var parts = [first.text]
        while current.is(.dot) {
            advance()
            switch current.kind {
            case .identifier(let part):
                parts.append(part)
                advance()
            case .keyword(let word):
                throw fail("'\(word.rawValue)' is a reserved word and cannot be used as a name", at: current)
            default:
                throw expected("a name after '.'")
            }
        }
        guard current.is(.openParen) else {
            return Node(expression: .name(parts, first.location), height: 1)
        }
        guard parts.count == 1 else {
            throw fail(
                "'\(parts.joined(separator: "."))' is not a function; only a function name can be called, as in days_since(x)",
                at: current)
        }
        let open = advance()
        try enter(at: open)
        let arguments = try elements(closing: .closeParen, opener: open)
        nesting -= 1
        return try make(
            .call(first.text, arguments.map(\.expression), first.location),
            height: 1 + (arguments.map(\.height).max() ?? 0), at: first)
    }

    /// `( expr ( ',' expr )* ','? )?` then `closing`, after `opener` was consumed.
    mutating func elements(closing: Token.Symbol, opener: Token) throws(Failure) -> [Node] {
        let close = "'\(closing.rawValue)' to close '\(opener.text)' at \(Self.place(opener))"
        var elements: [Node] = []
        while !current.is(closing) {
            if current.kind == .end { throw expected(close) }
            elements.append(try expression())
            if current.is(.comma) {
                advance()
            } else if !current.is(closing) {
                throw expected("',' or \(close)")
            }
        }
        advance()
        return elements
    }

    /// `line:column` of a token, for messages that point back at it.
    static func place(_ token: Token) -> String { "\(token.location.line):\(token.location.column)" }

    /// A syntax error at `token`.
    func fail(_ message: String, at token: Token) -> Failure {
        Failure(diagnostic: PolicyDiagnostic(.syntax, message, at: token.location))
    }

    /// "expected …" at the current token, unless the lexer already stopped there with its own error.
    func expected(_ what: String) -> Failure {
        if case .invalid(let message) = current.kind { return fail(message, at: current) }
        return fail("expected \(what)", at: current)
    }

    /// The error when an operand should start at the current token but does not.
    func missingExpression() -> Failure {
        let token = current
        if case .invalid(let message) = token.kind { return fail(message, at: token) }
        if index > 0 { return fail("missing expression after \(tokens[index - 1].quoted)", at: token) }
        switch token.kind {
        case .end:
            return fail("empty expression", at: token)
        case .symbol(.closeParen), .symbol(.closeBracket), .symbol(.comma), .symbol(.dot), .symbol(.colon):
            return fail("unexpected \(token.quoted)", at: token)
        default:
            return fail("missing expression before \(token.quoted)", at: token)
        }
    }

    /// The error when a complete expression is followed by more text.
    func trailing() -> Failure {
        let token = current
        switch token.kind {
        case .invalid(let message):
            return fail(message, at: token)
        case .symbol(.closeParen), .symbol(.closeBracket):
            let open = token.is(.closeParen) ? "(" : "["
            return fail("unexpected \(token.quoted) without a matching '\(open)'", at: token)
        default:
            return fail("unexpected \(token.quoted); expected an operator or the end of the expression", at: token)
        }
    }
}
