import TierPolicy

/// Fuzzes the policy expression parser with arbitrary text (invalid UTF-8 repaired
/// as Swift does when reading a file). Checked beyond not crashing: a failure carries
/// at least one diagnostic, placed in the text's file at or after its start.
public enum ExpressionFuzzTarget {
    public static func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let start = PolicyLocation(file: "fuzz.yaml", line: 3, column: 7)
        switch ExpressionParser.parse(text, at: start) {
        case .success(let expression):
            precondition(expression.location >= start, "a tree placed before its text")
        case .failure(let list):
            precondition(!list.diagnostics.isEmpty, "a failure without a diagnostic")
            for diagnostic in list.diagnostics {
                precondition(diagnostic.location.file == start.file && diagnostic.location >= start, "a diagnostic placed outside the text")
            }
        }
    }
}
