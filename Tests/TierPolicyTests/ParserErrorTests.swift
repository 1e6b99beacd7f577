import Testing
import TierPolicy

@Suite struct ParserErrorTests {
    typealias F = ParserFixture

    @Test(arguments: [
        // Operators written the way people write them elsewhere.
        ("a = b", "1:3 syntax: unexpected '='; did you mean '=='?"),
        ("a == = b", "1:6 syntax: unexpected '='; did you mean '=='?"),
        ("a & b", "1:3 syntax: '&' is not an operator; use '&&' or 'and'"),
        ("a | b", "1:3 syntax: '|' is not an operator; use '||' or 'or'"),
        // Brackets.
        ("a + (b * c", "1:11 syntax: expected ')' to close '(' at 1:5"),
        ("(a b)", "1:4 syntax: expected ')' to close '(' at 1:1"),
        ("(a = b)", "1:4 syntax: unexpected '='; did you mean '=='?"),
        ("a)", "1:2 syntax: unexpected ')' without a matching '('"),
        ("a]", "1:2 syntax: unexpected ']' without a matching '['"),
        ("[1, 2", "1:6 syntax: expected ',' or ']' to close '[' at 1:1"),
        ("[1 2]", "1:4 syntax: expected ',' or ']' to close '[' at 1:1"),
        ("[1,", "1:4 syntax: expected ']' to close '[' at 1:1"),
        ("[,]", "1:2 syntax: missing expression after '['"),
        ("f(a b)", "1:5 syntax: expected ',' or ')' to close '(' at 1:2"),
        ("f(", "1:3 syntax: expected ')' to close '(' at 1:2"),
        ("()", "1:2 syntax: missing expression after '('"),
        // Missing operands.
        ("a &&", "1:5 syntax: missing expression after '&&'"),
        ("a && || b", "1:6 syntax: missing expression after '&&'"),
        ("a and", "1:6 syntax: missing expression after 'and'"),
        ("a +", "1:4 syntax: missing expression after '+'"),
        ("a not in", "1:9 syntax: missing expression after 'in'"),
        ("!", "1:2 syntax: missing expression after '!'"),
        ("", "1:1 syntax: empty expression"),
        (" \n\t ", "1:1 syntax: empty expression"),
        ("== b", "1:1 syntax: missing expression before '=='"),
        ("and b", "1:1 syntax: missing expression before 'and'"),
        (")", "1:1 syntax: unexpected ')'"),
        // Operands without an operator between them.
        ("a b", "1:3 syntax: unexpected 'b'; expected an operator or the end of the expression"),
        ("customer.age 40", "1:14 syntax: unexpected '40'; expected an operator or the end of the expression"),
        ("a : b", "1:3 syntax: unexpected ':'; expected an operator or the end of the expression"),
        ("a not b", "1:7 syntax: expected 'in' after 'not'"),
        // Comparisons do not chain.
        ("a < b < c", "1:7 syntax: comparisons cannot be chained; join them with '&&', as in 'a < b && b < c'"),
        ("a in b in c", "1:8 syntax: comparisons cannot be chained; join them with '&&', as in 'a < b && b < c'"),
        ("a == b not in c", "1:8 syntax: comparisons cannot be chained; join them with '&&', as in 'a < b && b < c'"),
        // Ternaries.
        ("a ? b", "1:6 syntax: expected ':' to go with '?' at 1:3"),
        ("a ? b c", "1:7 syntax: expected ':' to go with '?' at 1:3"),
        ("a ? : c", "1:5 syntax: missing expression after '?'"),
        // Names and calls.
        ("customer.", "1:10 syntax: expected a name after '.'"),
        ("customer.1", "1:10 syntax: expected a name after '.'"),
        ("customer.in", "1:10 syntax: 'in' is a reserved word and cannot be used as a name"),
        ("customer.age(1)", "1:13 syntax: 'customer.age' is not a function; only a function name can be called, as in days_since(x)"),
        ("(f)(x)", "1:4 syntax: only a function name can be called, as in days_since(x)"),
        ("\"s\"(x)", "1:4 syntax: only a function name can be called, as in days_since(x)"),
        // Characters that start nothing.
        ("a @ b", "1:3 syntax: unexpected character '@'"),
        ("a # comment", "1:3 syntax: unexpected character '#'"),
        ("客户.年龄 > 3", "1:1 syntax: unexpected '客'; names use only the letters A-Z and a-z, digits and '_' (put text in quotes)"),
        ("f（x）", "1:2 syntax: unexpected full-width '（'; use '(' instead"),
        ("a，b", "1:2 syntax: unexpected full-width '，'; use ',' instead"),
        ("x == “gold”", "1:6 syntax: unexpected full-width '“'; use '\"' instead"),
        ("a\u{3000}&& b", "1:2 syntax: unexpected full-width space; use an ordinary space"),
        ("a\u{A0}&& b", "1:2 syntax: unexpected invisible character U+00A0"),
        ("a\u{0}", "1:2 syntax: unexpected invisible character U+0000"),
        ("a\u{200B}", "1:2 syntax: unexpected invisible character U+200B"),
    ])
    func messagesAndLocations(text: String, expected: String) {
        #expect(F.problem(text) == expected)
    }

    @Test func theFirstSyntaxErrorInTheTextWins() {
        // The parser stops at `b` before the lexer's complaint about `=` matters.
        #expect(F.problem("(a b = c") == "1:4 syntax: expected ')' to close '(' at 1:1")
        // A literal after the first syntax error is not examined further.
        #expect(F.problem("a = 5x") == "1:3 syntax: unexpected '='; did you mean '=='?")
    }

    @Test func errorsOnLaterLinesUseTheStartColumn() {
        let start = PolicyLocation(file: "p.yaml", line: 3, column: 7)
        let found = F.problems("(a &&\n  b\n  = c)", at: start)
        #expect(found == [PolicyDiagnostic(.syntax, "unexpected '='; did you mean '=='?", at: PolicyLocation(file: "p.yaml", line: 5, column: 9))])
        let unclosed = F.problems("(a &&\n  b\n", at: start)
        #expect(unclosed.map(\.message) == ["expected ')' to close '(' at 3:7"])
        #expect(unclosed.map(\.location) == [PolicyLocation(file: "p.yaml", line: 4, column: 10)])
    }

    static let nestedTooDeeply = "syntax: expression nested too deeply (more than 64 levels)"

    @Test func sixtyFourLevelsAreFine() {
        let parens = String(repeating: "(", count: 64) + "a" + String(repeating: ")", count: 64)
        #expect(F.shape(parens) == "a")
        #expect(F.shape(String(repeating: "!", count: 64) + "a").hasPrefix("(! (! "))
        #expect(F.shape(String(repeating: "[", count: 63) + "f(1)" + String(repeating: "]", count: 63)).hasPrefix("[[[["))
        #expect(F.shape(String(repeating: "a ? b : ", count: 64) + "c").hasPrefix("(? a b (? a b"))
        #expect(F.shape(String(repeating: "(!-", count: 21) + "a" + String(repeating: ")", count: 21)).hasPrefix("(! (- (! (-"))
    }

    /// Each unit opens levels; the 65th level opens at `column` (a call's `(`, a ternary's `?`).
    @Test(arguments: [
        ("(", 65), ("!", 65), ("not ", 257), ("- ", 129), ("[", 65), ("f(", 130), ("a ? b : ", 515), ("(!", 65),
    ])
    func deepNestingIsRefusedWithoutCrashing(unit: String, column: Int) {
        for count in [65, 100_000] {
            let text = String(repeating: unit, count: count) + "x"
            #expect(F.problem(text) == "1:\(column) \(Self.nestedTooDeeply)", "\(unit) × \(count)")
        }
    }

    @Test func longOperatorChainsAreRefusedWithoutCrashing() {
        let message = "syntax: expression too complex (more than 256 operators deep); split it up, e.g. into segments"
        #expect(F.shape("1" + String(repeating: " + 1", count: 255)).hasPrefix("(+ (+ "))
        // The 256th `+` is at column 3 + 4 × 255.
        #expect(F.problem("1" + String(repeating: " + 1", count: 256)) == "1:1023 \(message)")
        #expect(F.problem("a" + String(repeating: " || a", count: 100_000)) == "1:\(3 + 5 * 255) \(message)")
        #expect(F.problems(String(repeating: "a && ", count: 100_000) + "a").map(\.code) == [.syntax])
        // Brackets do not reset the count: 60 levels of `(… || a)` then 196 more operators.
        let mixed = String(repeating: "(", count: 60) + "a" + String(repeating: " || a)", count: 60)
        #expect(F.shape(mixed + String(repeating: " || a", count: 195)).hasPrefix("(|| (||"))
        #expect(F.problem(mixed + String(repeating: " || a", count: 196)) == "1:1398 \(message)")
    }
}
