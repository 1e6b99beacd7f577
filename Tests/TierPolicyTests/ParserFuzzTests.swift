import Testing
import TierPolicy

@Suite struct ParserFuzzTests {
    /// Pieces of expressions, so random strings get past the lexer often enough to stress the parser.
    static let pieces: [String] = [
        "a", "b", "customer", ".", "age", "f", "(", ")", "[", "]", ",", "?", ":", " ", "\n",
        "!", "-", "+", "*", "/", "%", "=", "==", "!=", "<", "<=", ">", ">=", "&", "&&", "|", "||",
        "and", "or", "not", "in", "true", "false", "0", "42", "9223372036854775808", "_", "0.5",
        "2026-02-29", "2024-02-29", "730d", "5x", "\"", "'", "\\", "\\u{", "4E2D", "}", "\"理赔\"",
        "中", "（", "@", "\u{0}", "\u{3000}", "😀", "\r",
    ]

    /// Checks the parser's promise: a tree, or at least one diagnostic placed inside the text.
    static func check(_ text: String, start: PolicyLocation) {
        switch ExpressionParser.parse(text, at: start) {
        case .success(let expression):
            #expect(expression.location >= start, "\(text.debugDescription)")
        case .failure(let list):
            #expect(!list.diagnostics.isEmpty, "\(text.debugDescription)")
            for diagnostic in list.diagnostics {
                #expect(diagnostic.location.file == start.file && diagnostic.location >= start, "\(text.debugDescription)")
                #expect(diagnostic.code == .syntax || diagnostic.code == .invalidLiteral, "\(text.debugDescription)")
            }
        }
    }

    @Test func randomExpressionPiecesNeverCrash() {
        var random = SplitMix64(state: 20_260_101)
        let start = PolicyLocation(file: "fuzz.yaml", line: 4, column: 9)
        var parsed = 0
        for _ in 0..<2000 {
            let count = Int.random(in: 0...24, using: &random)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            Self.check(text, start: start)
            if case .success = ExpressionParser.parse(text, at: start) { parsed += 1 }
        }
        // The alphabet is chosen so that some inputs parse, not only errors.
        #expect(parsed > 20)
    }

    @Test func randomBytesAndScalarsNeverCrash() {
        var random = SplitMix64(state: 7)
        let start = PolicyLocation(file: "fuzz.yaml", line: 1, column: 1)
        for _ in 0..<1000 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.check(String(decoding: bytes, as: UTF8.self), start: start)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...32, using: &random) {
                let value = UInt32.random(in: 0...0x10FFFF, using: &random)
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
            Self.check(String(scalars), start: start)
        }
    }

    @Test func everyPrefixOfAValidExpressionIsHandled() {
        let text = #"segment.vip && customer.age >= 40 ? [0.10, 730d, 2026-01-01] : days_since(x, "理赔\u{4E2D}") not in ['a']"#
        let scalars = Array(text.unicodeScalars)
        for end in 0...scalars.count {
            var prefix = String.UnicodeScalarView()
            prefix.append(contentsOf: scalars[..<end])
            Self.check(String(prefix), start: ParserFixture.start)
        }
        #expect((try? ExpressionParser.parse(text, at: ParserFixture.start).get()) != nil)
    }
}
