/// The parser's syntax errors, built out of line so the recursive functions keep small frames.
extension Parser {
    /// A syntax error at `token`.
    func fail(_ message: String, at token: Token) -> Failure {
        Failure(diagnostic: PolicyDiagnostic(.syntax, message, at: token.location))
    }

    /// A syntax error at the token at `position`.
    func fail(_ message: String, at position: Int) -> Failure {
        fail(message, at: tokens[position])
    }

    /// "expected …" at the current token, unless the lexer already stopped there with its own error.
    func expected(_ what: String) -> Failure {
        if case .invalid(let message) = current.kind { return fail(message, at: current) }
        return fail("expected \(what)", at: current)
    }

    /// `line:column` of the token at `position`, for messages that point back at it.
    func place(_ position: Int) -> String { "\(location(position).line):\(location(position).column)" }

    /// A bracket (at `opener`) that is not closed where it should be.
    func unclosed(_ opener: Int, orComma: Bool) -> Failure {
        let closing = tokens[opener].is(.openBracket) ? "]" : ")"
        return expected("\(orComma ? "',' or " : "")'\(closing)' to close '\(tokens[opener].text)' at \(place(opener))")
    }

    func missingColon(_ question: Int) -> Failure {
        expected("':' to go with '?' at \(place(question))")
    }

    func missingName() -> Failure {
        if case .keyword(let word) = current.kind {
            return fail("'\(word.rawValue)' is a reserved word and cannot be used as a name", at: current)
        }
        return expected("a name after '.'")
    }

    func notAFunction(_ parts: [String]) -> Failure {
        fail("'\(parts.joined(separator: "."))' is not a function; only a function name can be called, as in days_since(x)",
             at: current)
    }

    func notCallable() -> Failure {
        fail("only a function name can be called, as in days_since(x)", at: current)
    }

    func chainedComparison() -> Failure {
        fail("comparisons cannot be chained; join them with '&&', as in 'a < b && b < c'", at: current)
    }

    func tooComplex(at position: Int) -> Failure {
        fail("expression too complex (more than \(Self.maximumHeight) operators deep); split it up, e.g. into segments",
             at: position)
    }

    func nestedTooDeeply(at position: Int) -> Failure {
        fail("expression nested too deeply (more than \(Self.maximumNesting) levels)", at: position)
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
