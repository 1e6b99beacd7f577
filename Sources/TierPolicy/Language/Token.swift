/// One lexical unit of a policy expression, with where it starts and how it was spelled.
struct Token: Sendable {
    /// What the token is.
    enum Kind: Equatable, Sendable {
        /// A name part: `customer`, `days_since`.
        case identifier(String)
        /// A reserved word other than `true`/`false` (which lex as literals).
        case keyword(Keyword)
        /// A valid literal.
        case literal(Literal)
        /// A literal that was malformed; its `invalid_literal` diagnostic is already collected.
        case invalidLiteral
        /// Punctuation or an operator.
        case symbol(Symbol)
        /// Text that cannot start any token: a syntax error with this message. Always the last token.
        case invalid(String)
        /// The end of the expression. Always the last token when there is no `invalid` one.
        case end
    }

    /// Reserved words (`true` and `false` are reserved too, as literals).
    enum Keyword: String, Sendable, CaseIterable {
        case and, or, not, `in`
    }

    /// Punctuation and symbolic operators.
    enum Symbol: String, Sendable {
        case openParen = "(", closeParen = ")", openBracket = "[", closeBracket = "]"
        case comma = ",", dot = ".", question = "?", colon = ":"
        case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
        case bang = "!", equal = "==", notEqual = "!="
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case andAnd = "&&", orOr = "||"
    }

    var kind: Kind
    /// Where the token's first scalar is.
    var location: PolicyLocation
    /// The token as written (empty for `end`).
    var text: String

    /// The token as named in a message: `'&&'`, `'customer'`, or `end of expression`.
    var quoted: String {
        kind == .end ? "end of expression" : Self.quote(text)
    }

    /// `'text'`, shortened with `…` past 24 scalars so a message stays readable.
    static func quote(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 24 else { return "'\(text)'" }
        var short = String.UnicodeScalarView()
        short.append(contentsOf: scalars.prefix(20))
        return "'\(String(short))…'"
    }

    /// Whether the token is this symbol.
    func `is`(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    /// Whether the token is this keyword.
    func `is`(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }
}
