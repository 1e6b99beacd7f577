extension Parser {
    /// `primary := literal | name | call | '(' expr ')' | '[' list ']'`
    mutating func primary() throws -> Node {
        switch primaryStart() {
        case .literal: return literal()
        case .name: return try nameOrCall()
        case .parenthesis: return try parenthesized()
        case .bracket: return try list()
        case .nothing: throw missingExpression()
        }
    }

    /// `'(' expr ')'`: the inner expression itself.
    mutating func parenthesized() throws -> Node {
        let open = try enter()
        let inner = try expression()
        guard at(.closeParen) else { throw unclosed(open, orComma: false) }
        advance()
        nesting -= 1
        return inner
    }

    /// `'[' ( expr ( ',' expr )* ','? )? ']'`
    mutating func list() throws -> Node {
        let open = try enter()
        let elements = try elements(closing: .closeBracket, opener: open)
        nesting -= 1
        return try make(.list(elements.expressions, location(open)), height: 1 + elements.height, at: open)
    }

    /// A dotted name, or a call `ident '(' args ')'`.
    mutating func nameOrCall() throws -> Node {
        let first = index
        let parts = try dottedName()
        guard at(.openParen) else { return Node(expression: .name(parts, location(first)), height: 1) }
        guard parts.count == 1 else { throw notAFunction(parts) }
        let open = try enter()
        let arguments = try elements(closing: .closeParen, opener: open)
        nesting -= 1
        return try make(.call(parts[0], arguments.expressions, location(first)), height: 1 + arguments.height, at: first)
    }

    /// `( expr ( ',' expr )* ','? )?` then `closing`, after the opener at `opener` was consumed;
    /// the elements and the tallest one's height.
    mutating func elements(closing: Token.Symbol, opener: Int) throws -> (expressions: [Expression], height: Int) {
        var expressions: [Expression] = []
        var height = 0
        while !at(closing) {
            if atEnd { throw unclosed(opener, orComma: false) }
            let element = try expression()
            expressions.append(element.expression)
            height = max(height, element.height)
            if at(.comma) {
                advance()
            } else if !at(closing) {
                throw unclosed(opener, orComma: true)
            }
        }
        advance()
        return (expressions, height)
    }
}
