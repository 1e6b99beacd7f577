import Testing
import TierStore
@testable import TierImport

@Suite struct FieldSyntaxTests {
    @Test func moneyIsCheckedAsText() {
        #expect(FieldSyntax.money("1234.50") == .valid("1234.50"))
        #expect(FieldSyntax.money("0.1") == .valid("0.1"))
        #expect(FieldSyntax.money("007") == .valid("7"))
        #expect(FieldSyntax.money("0") == .valid("0"))
        #expect(FieldSyntax.money("999999999999.99") == .valid("999999999999.99"))
        #expect(FieldSyntax.money("1000000000000") == .tooLarge)
        #expect(FieldSyntax.money("1.234") == .tooManyDecimals)
        #expect(FieldSyntax.money("-5") == .negative)
        #expect(FieldSyntax.money("1e3") == .notANumber)
        #expect(FieldSyntax.money("1,000") == .notANumber)
        #expect(FieldSyntax.money(".5") == .notANumber)
        #expect(FieldSyntax.money("5.") == .notANumber)
        #expect(FieldSyntax.money("NaN") == .notANumber)
    }

    @Test func datesAreStrictYYYYMMDD() {
        #expect(FieldSyntax.date("2024-02-29") == PGDate(year: 2024, month: 2, day: 29))
        #expect(FieldSyntax.date("2023-02-29") == nil)
        #expect(FieldSyntax.date("2024-13-01") == nil)
        #expect(FieldSyntax.date("2024-1-01") == nil)
        #expect(FieldSyntax.date("24-01-01") == nil)
        #expect(FieldSyntax.date("2024/01/01") == nil)
        #expect(FieldSyntax.date("+024-01-01") == nil)
        #expect(FieldSyntax.date("0000-01-01") == nil)
    }

    @Test func urisMirrorThePhotoRefCheck() {
        #expect(FieldSyntax.isURI("https://example.com/p/1.jpg"))
        #expect(FieldSyntax.isURI("s3:bucket/key"))
        #expect(!FieldSyntax.isURI("photo.jpg"))
        #expect(!FieldSyntax.isURI("1http://x"))
        #expect(!FieldSyntax.isURI("http:"))
        #expect(!FieldSyntax.isURI("http://a b"))
    }

    @Test func trimmingHandlesUnicodeSpaces() {
        #expect(FieldSyntax.trimmed("  张伟\u{3000}") == "张伟")
        #expect(FieldSyntax.trimmed("plain") == "plain")
        #expect(FieldSyntax.trimmed(" \t ") == "")
    }

    @Test func progressBarRendersAnEstimate() {
        let half = ImportProgress(phase: .reading, rowsRead: 1000, bytesRead: 50, totalBytes: 100)
        #expect(half.estimatedTotalRows == 2000)
        #expect(TerminalProgressBar.render(half, width: 10) == "reading   [#####.....]  50%  1,000 / ~2,000 rows")
        let done = ImportProgress(phase: .inserting, rowsRead: 1_234_567, bytesRead: 100, totalBytes: 100)
        #expect(TerminalProgressBar.render(done, width: 4) == "inserting [####] 100%  1,234,567 rows")
    }

    @Test func progressBarRendersAnyJobWithOrWithoutATotal() {
        #expect(TerminalProgressBar.render(label: "simulate", done: 2500, total: 10000, unit: "customers", width: 8)
            == "simulate  [##......]  25%  2,500 / 10,000 customers")
        #expect(TerminalProgressBar.render(label: "seed", done: 7, total: nil, unit: "households", width: 4)
            == "seed      [....]    ?  7 households")
        #expect(TerminalProgressBar.render(label: "job", done: 0, total: 0, unit: "rows", width: 4) == "job       [####] 100%  0 / 0 rows")
    }
}
