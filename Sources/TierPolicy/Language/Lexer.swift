/// Splits expression text into tokens, tracking line and column (in Unicode scalars).
///
/// Line breaks (`\n`, `\r\n`, `\r`) advance the line; every line's columns count from
/// `start.column`, since the text usually sits in a YAML scalar whose continuation lines'
/// real indentation is unknown here. The lexer stops at the first syntax error (an
/// `invalid` token ends the list); malformed literals become `invalidLiteral` tokens and
/// their `invalid_literal` diagnostics are collected, so lexing goes on.
struct Lexer {
    let scalars: [Unicode.Scalar]
    let start: PolicyLocation
    /// The next scalar to read.
    var index = 0
    var line: Int
    var column: Int
    /// Where the last token ended: the `end` token goes there, not after trailing blanks.
    var lastTokenEnd: PolicyLocation
    /// Literal problems found so far.
    var diagnostics: [PolicyDiagnostic] = []

    init(_ text: String, at start: PolicyLocation) {
        self.scalars = Array(text.unicodeScalars)
        self.start = start
        self.line = start.line
        self.column = start.column
        self.lastTokenEnd = start
    }

    /// Every token, ending with `end` or with one `invalid` token; and the literal diagnostics.
    static func tokenize(_ text: String, at start: PolicyLocation) -> (tokens: [Token], diagnostics: [PolicyDiagnostic]) {
        var lexer = Lexer(text, at: start)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            switch token.kind {
            case .end, .invalid: return (tokens, lexer.diagnostics)
            default: continue
            }
        }
    }

    /// The current position.
    var location: PolicyLocation { PolicyLocation(file: start.file, line: line, column: column) }

    /// The scalar `offset` places ahead, if any.
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let at = index + offset
        return at < scalars.count ? scalars[at] : nil
    }

    /// Consumes one scalar, moving the line and column.
    mutating func advance() {
        let scalar = scalars[index]
        index += 1
        if scalar == "\n" || (scalar == "\r" && peek() != "\n") {
            line += 1
            column = start.column
        } else if scalar != "\r" {
            column += 1
        }
    }

    /// The text from `from` up to the current scalar.
    func text(from: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[from..<index])
        return String(view)
    }

    /// Reads the next token.
    mutating func next() -> Token {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            advance()
        }
        guard let scalar = peek() else { return Token(kind: .end, location: lastTokenEnd, text: "") }
        let begin = index
        let at = location
        let kind: Token.Kind
        if Self.isDigit(scalar) {
            kind = number()
        } else if Self.isIdentifierStart(scalar) {
            kind = word()
        } else if scalar == "\"" || scalar == "'" {
            kind = string()
        } else {
            kind = symbol(scalar)
        }
        lastTokenEnd = location
        return Token(kind: kind, location: at, text: text(from: begin))
    }

    /// An identifier, keyword or boolean literal.
    mutating func word() -> Token.Kind {
        let begin = index
        while let scalar = peek(), Self.isIdentifierPart(scalar) { advance() }
        let word = text(from: begin)
        switch word {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        default: return Token.Keyword(rawValue: word).map(Token.Kind.keyword) ?? .identifier(word)
        }
    }

    /// Punctuation, an operator, or a syntax error for a character that starts nothing.
    mutating func symbol(_ scalar: Unicode.Scalar) -> Token.Kind {
        let second = peek(1)
        for (first, next, symbol) in Self.pairs where scalar == first && second == next {
            advance()
            advance()
            return .symbol(symbol)
        }
        if let symbol = Token.Symbol(rawValue: String(scalar)) {
            advance()
            return .symbol(symbol)
        }
        advance()
        return .invalid(Self.unexpected(scalar))
    }

    /// Two-character operators.
    static let pairs: [(Unicode.Scalar, Unicode.Scalar, Token.Symbol)] = [
        ("=", "=", .equal), ("!", "=", .notEqual), ("<", "=", .lessOrEqual),
        (">", "=", .greaterOrEqual), ("&", "&", .andAnd), ("|", "|", .orOr),
    ]

    /// The message for a character that cannot start a token.
    static func unexpected(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "=": return "unexpected '='; did you mean '=='?"
        case "&": return "'&' is not an operator; use '&&' or 'and'"
        case "|": return "'|' is not an operator; use '||' or 'or'"
        case "\u{3000}": return "unexpected full-width space; use an ordinary space"
        default: break
        }
        if let ascii = fullWidth[scalar] {
            return "unexpected full-width '\(scalar)'; use '\(ascii)' instead"
        }
        if isVisible(scalar) {
            if scalar.properties.isAlphabetic {
                return "unexpected '\(scalar)'; names use only the letters A-Z and a-z, digits and '_' (put text in quotes)"
            }
            return "unexpected character '\(scalar)'"
        }
        return "unexpected invisible character \(codePoint(scalar))"
    }

    /// Full-width punctuation an input method may produce, and its ASCII counterpart.
    static let fullWidth: [Unicode.Scalar: String] = [
        "（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]", "，": ",", "、": ",",
        "．": ".", "。": ".", "？": "?", "：": ":", "！": "!", "＝": "==", "＜": "<", "＞": ">",
        "＋": "+", "－": "-", "＊": "*", "／": "/", "％": "%", "＆": "&&", "｜": "||",
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "＂": "\"", "＇": "'",
    ]

    /// `U+00A0`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether a scalar prints as something a reader can see and type.
    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .nonspacingMark, .enclosingMark, .spacingMark:
            return false
        default:
            return true
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar)
    }
}
