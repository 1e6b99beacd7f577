extension Lexer {
    /// A string in double or single quotes, on one line, with escapes `\"`, `\'`, `\\`,
    /// `\n`, `\t` and `\u{4E2D}`. Unterminated is a syntax error (at the opening quote);
    /// a bad escape is an `invalid_literal` (at the backslash) and lexing goes on.
    mutating func string() -> Token.Kind {
        let quote = scalars[index]
        advance()
        var value = String.UnicodeScalarView()
        var valid = true
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                return .invalid("unterminated string: missing closing \(quote)")
            }
            if scalar == quote {
                advance()
                break
            }
            guard scalar == "\\" else {
                value.append(scalar)
                advance()
                continue
            }
            let escape = location
            advance()
            guard let code = peek(), code != "\n", code != "\r" else { continue }
            advance()
            switch code {
            case "\"", "'", "\\": value.append(code)
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "u":
                if let scalar = unicodeEscape(at: escape) { value.append(scalar) } else { valid = false }
            default:
                valid = false
                let shown = Self.isVisible(code) ? "'\\\(code)'" : "'\\' followed by \(Self.codePoint(code))"
                diagnostics.append(PolicyDiagnostic(
                    .invalidLiteral,
                    "unknown escape \(shown) in a string; use \\\", \\', \\\\, \\n, \\t or \\u{4E2D}",
                    at: escape))
            }
        }
        return valid ? .literal(.string(String(value))) : .invalidLiteral
    }

    /// The scalar of `\u{…}` after its `\u`: one to eight hex digits naming a Unicode scalar.
    mutating func unicodeEscape(at escape: PolicyLocation) -> Unicode.Scalar? {
        func fail(_ message: String) -> Unicode.Scalar? {
            diagnostics.append(PolicyDiagnostic(.invalidLiteral, message, at: escape))
            return nil
        }
        let malformed = "a Unicode escape is written \\u{…} with 1 to 8 hex digits, e.g. \\u{4E2D}"
        guard peek() == "{" else { return fail(malformed) }
        advance()
        let begin = index
        while let scalar = peek(), scalar.properties.isASCIIHexDigit { advance() }
        let hex = text(from: begin)
        guard peek() == "}", (1...8).contains(hex.unicodeScalars.count) else { return fail(malformed) }
        advance()
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            return fail("\\u{\(hex)} is not a Unicode character")
        }
        return scalar
    }
}
