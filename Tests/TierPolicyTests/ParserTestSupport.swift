import Testing
import TierPolicy

/// Helpers for the lexer and parser tests: a compact rendering of trees, and shortcuts.
enum ParserFixture {
    static let start = PolicyLocation(file: "p.yaml", line: 1, column: 1)

    /// `line:column` in the test file.
    static func at(_ line: Int, _ column: Int) -> PolicyLocation {
        PolicyLocation(file: "p.yaml", line: line, column: column)
    }

    /// Parses `text`, which must parse.
    static func tree(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Expression {
        let result = ExpressionParser.parse(text, at: start)
        if case .failure(let list) = result {
            Issue.record("\(text) did not parse: \(list)", sourceLocation: sourceLocation)
        }
        return try result.get()
    }

    /// The tree of `text` in prefix notation, e.g. `(|| a (&& b c))`; or its diagnostics.
    static func shape(_ text: String) -> String {
        switch ExpressionParser.parse(text, at: start) {
        case .success(let expression): return render(expression)
        case .failure(let list): return "error: \(list)"
        }
    }

    /// The diagnostics of `text`, which must fail.
    static func problems(_ text: String, at start: PolicyLocation = start) -> [PolicyDiagnostic] {
        if case .failure(let list) = ExpressionParser.parse(text, at: start) { return list.diagnostics }
        return []
    }

    /// The only diagnostic of `text`, as `line:column code: message`.
    static func problem(_ text: String) -> String {
        let all = problems(text)
        guard all.count == 1, let only = all.first else { return "\(all.count) diagnostics: \(all)" }
        return "\(only.location.line):\(only.location.column) \(only.code.rawValue): \(only.message)"
    }

    /// Prefix notation: names as written, literals as `42`, `0.05`, `"s"`, `date(n)`, `7d`.
    static func render(_ expression: Expression) -> String {
        switch expression {
        case .literal(let literal, _):
            switch literal {
            case .bool(let value): return String(value)
            case .integer(let value): return String(value)
            case .decimal(let text): return text
            case .string(let text): return "\"\(text)\""
            case .date(let days): return "date(\(days))"
            case .duration(let days): return "\(days)d"
            }
        case .list(let elements, _):
            return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .name(let parts, _):
            return parts.joined(separator: ".")
        case .unary(let op, let operand, _):
            return "(\(op.rawValue) \(render(operand)))"
        case .binary(let op, let left, let right, _):
            return "(\(op.rawValue) \(render(left)) \(render(right)))"
        case .conditional(let condition, let then, let otherwise, _):
            return "(? \(render(condition)) \(render(then)) \(render(otherwise)))"
        case .call(let name, let arguments, _):
            return name + "(" + arguments.map(render).joined(separator: ", ") + ")"
        }
    }

    /// The literal `text` parses to, which must be a single literal.
    static func literal(_ text: String) -> Literal? {
        if case .success(.literal(let literal, _)) = ExpressionParser.parse(text, at: start) { return literal }
        return nil
    }
}
