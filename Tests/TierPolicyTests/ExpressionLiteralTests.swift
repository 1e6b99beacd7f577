import Testing
import TierPolicy

@Suite struct ExpressionLiteralTests {
    typealias F = ParserFixture

    @Test func integers() {
        #expect(F.literal("0") == .integer(0))
        #expect(F.literal("42") == .integer(42))
        #expect(F.literal("200_000") == .integer(200_000))
        #expect(F.literal("1_2_3") == .integer(123))
        #expect(F.literal("007") == .integer(7))
        #expect(F.literal("9223372036854775807") == .integer(Int64.max))
        #expect(F.literal("9_223_372_036_854_775_807") == .integer(Int64.max))
    }

    @Test func integerOverflowIsAnInvalidLiteral() {
        #expect(F.problem("9223372036854775808")
            == "1:1 invalid_literal: the number '9223372036854775808' is too large; the largest is 9223372036854775807")
        #expect(F.problem("x > 1" + String(repeating: "9", count: 500))
            == "1:5 invalid_literal: the number '19999999999999999999…' is too large; the largest is 9223372036854775807")
        // A negative literal is `-` applied to a positive one, so Int64.min cannot be written.
        #expect(F.problems("-9223372036854775808").map(\.code) == [.invalidLiteral])
        #expect(F.shape("-9223372036854775807") == "(- 9223372036854775807)")
    }

    @Test func misplacedUnderscores() {
        for text in ["200_", "1__000", "1_.5", "1.5_", "1_000_", "2_d"] {
            #expect(F.problems(text).map(\.code) == [.invalidLiteral], "\(text)")
        }
        #expect(F.problem("200_") == "1:1 invalid_literal: misplaced '_' in '200_'; '_' may only separate digits, as in 200_000")
    }

    @Test func decimalsKeepTheirText() {
        #expect(F.literal("0.05") == .decimal("0.05"))
        #expect(F.literal("1200.50") == .decimal("1200.50"))
        #expect(F.literal("1_200.50") == .decimal("1200.50"))
        #expect(F.literal("200000.000_1") == .decimal("200000.0001"))
        #expect(F.literal("99999999999999999999999.5") == .decimal("99999999999999999999999.5"))
        #expect(F.problem("1.") == "1:2 syntax: unexpected '.'; expected an operator or the end of the expression")
        #expect(F.problem(".5") == "1:1 syntax: unexpected '.'")
    }

    @Test func strings() {
        #expect(F.literal("\"gold\"") == .string("gold"))
        #expect(F.literal("'金卡'") == .string("金卡"))
        #expect(F.literal("\"理赔绿色通道\"") == .string("理赔绿色通道"))
        #expect(F.literal("''") == .string(""))
        #expect(F.literal("\"it's\"") == .string("it's"))
        #expect(F.literal("'say \"hi\"'") == .string("say \"hi\""))
        #expect(F.literal(#""a\"b""#) == .string("a\"b"))
        #expect(F.literal(#"'it\'s'"#) == .string("it's"))
        #expect(F.literal(#""back\\slash""#) == .string("back\\slash"))
        #expect(F.literal(#""line\nnext\ttab""#) == .string("line\nnext\ttab"))
        #expect(F.literal(#""\u{4E2D}\u{6587}""#) == .string("中文"))
        #expect(F.literal(#""\u{1F600}\u{41}""#) == .string("😀A"))
        #expect(F.literal("\"e\u{301} 👨‍👩‍👧\"") == .string("e\u{301} 👨‍👩‍👧"))
    }

    @Test func badEscapesAreInvalidLiteralsAtTheBackslash() {
        #expect(F.problem(#"x == "a\qb""#)
            == #"1:8 invalid_literal: unknown escape '\q' in a string; use \", \', \\, \n, \t or \u{4E2D}"#)
        #expect(F.problem(#""\u{D800}""#) == #"1:2 invalid_literal: \u{D800} is not a Unicode character"#)
        #expect(F.problem(#""\u{110000}""#) == #"1:2 invalid_literal: \u{110000} is not a Unicode character"#)
        let malformed = #"1:2 invalid_literal: a Unicode escape is written \u{…} with 1 to 8 hex digits, e.g. \u{4E2D}"#
        #expect(F.problem(#""\u4E2D""#) == malformed)
        #expect(F.problem(#""\u{}""#) == malformed)
        #expect(F.problem(#""\u{4E2D""#) == malformed)
        #expect(F.problem(#""\u{123456789}""#) == malformed)
        // Every bad escape is collected, in order.
        let both = F.problems(#"["\q", '\u{D800}']"#)
        #expect(both.map(\.code) == [.invalidLiteral, .invalidLiteral])
        #expect(both.map(\.location) == [F.at(1, 3), F.at(1, 9)])
    }

    @Test func unterminatedStringsAreSyntaxErrorsAtTheirStart() {
        #expect(F.problem("\"abc") == "1:1 syntax: unterminated string: missing closing \"")
        #expect(F.problem("x == 'abc") == "1:6 syntax: unterminated string: missing closing '")
        #expect(F.problem("'abc\" + 1") == "1:1 syntax: unterminated string: missing closing '")
        #expect(F.problem("\"abc\ndef\"") == "1:1 syntax: unterminated string: missing closing \"")
        #expect(F.problem(#""abc\"#) == "1:1 syntax: unterminated string: missing closing \"")
        #expect(F.problem(#""abc\""#) == "1:1 syntax: unterminated string: missing closing \"")
    }

    @Test func dates() {
        #expect(F.literal("1970-01-01") == .date(0))
        #expect(F.literal("1969-12-31") == .date(-1))
        #expect(F.literal("2000-01-01") == .date(10_957))
        #expect(F.literal("2024-02-29") == .date(19_782))
        #expect(F.literal("2026-01-01") == .date(20_454))
        #expect(F.shape("2026-01-01 + 7d") == "(+ date(20454) 7d)")
        #expect(F.shape("today >= 2026-01-01") == "(>= today date(20454))")
        // Not four digits, '-', digits, '-', digits: ordinary arithmetic.
        #expect(F.shape("2026 - 01 - 01") == "(- (- 2026 1) 1)")
        #expect(F.shape("2026-01") == "(- 2026 1)")
        #expect(F.shape("20260-01-01") == "(- (- 20260 1) 1)")
    }

    @Test func impossibleOrMalformedDatesAreInvalidLiterals() {
        for text in ["2023-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31", "1900-02-29"] {
            #expect(F.problem(text) == "1:1 invalid_literal: '\(text)' is not a day in the calendar")
        }
        #expect(F.literal("2000-02-29") == .date(11_016))
        for text in ["2026-1-1", "2026-001-01", "2026-01-01x", "2026-01-011"] {
            #expect(F.problem(text) == "1:1 invalid_literal: '\(text)' is not a date; write dates as YYYY-MM-DD, e.g. 2026-01-01")
        }
    }

    @Test func durations() {
        #expect(F.literal("730d") == .duration(days: 730))
        #expect(F.literal("2w") == .duration(days: 14))
        #expect(F.literal("1y") == .duration(days: 365))
        #expect(F.literal("0d") == .duration(days: 0))
        #expect(F.literal("1_000d") == .duration(days: 1000))
        #expect(F.literal("9223372036854775807d") == .duration(days: Int64.max))
        #expect(F.shape("now + 7d") == "(+ now 7d)")
    }

    @Test func badDurationUnitsListTheUnits() {
        #expect(F.problem("5x") == "1:1 invalid_literal: unknown duration unit 'x' in '5x'; use d (days), w (weeks) or y (years), e.g. 730d")
        #expect(F.problem("today + 3m") == "1:9 invalid_literal: unknown duration unit 'm' in '3m'; use d (days), w (weeks) or y (years), e.g. 730d")
        #expect(F.problems("7D").map(\.code) == [.invalidLiteral])
        #expect(F.problems("7dd").map(\.code) == [.invalidLiteral])
        #expect(F.problems("7_d").map(\.code) == [.invalidLiteral])
        #expect(F.problem("1.5d") == "1:1 invalid_literal: '1.5d' is not a number; a duration is a whole number followed by d (days), w (weeks) or y (years)")
        #expect(F.problem("9223372036854775807w") == "1:1 invalid_literal: the duration '9223372036854775807w' is too large")
        #expect(F.problems("99999999999999999999d").map(\.code) == [.invalidLiteral])
    }

    @Test func booleansAndReservedWords() {
        #expect(F.literal("true") == .bool(true))
        #expect(F.literal("false") == .bool(false))
        #expect(F.shape("True") == "True")
        #expect(F.shape("trueish") == "trueish")
        #expect(F.shape("android || order || notice || input") == "(|| (|| (|| android order) notice) input)")
    }

    @Test func literalErrorsAreCollectedUpToTheFirstSyntaxError() {
        let two = F.problems("5x + 2023-02-29 > 3m")
        #expect(two.map(\.code) == [.invalidLiteral, .invalidLiteral, .invalidLiteral])
        #expect(two.map(\.location) == [F.at(1, 1), F.at(1, 6), F.at(1, 19)])
        let withSyntax = F.problems("f(5x, (")
        #expect(withSyntax.map(\.code) == [.invalidLiteral, .syntax])
        #expect(withSyntax.map(\.location) == [F.at(1, 3), F.at(1, 8)])
        let syntaxFirst = F.problems("(* 5x")
        #expect(syntaxFirst.map(\.code) == [.syntax])
    }
}
