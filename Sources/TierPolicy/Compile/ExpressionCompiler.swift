/// Type-checks an expression against an ``ExpressionScope`` and compiles it into
/// closures in one pass. Every problem is reported with its location; a subtree
/// that failed reports once and does not cascade into its parents.
public struct ExpressionCompiler: Sendable {
    /// The names expressions may use.
    public let scope: ExpressionScope

    /// Makes a compiler for a scope.
    public init(scope: ExpressionScope) { self.scope = scope }

    typealias Run = @Sendable (EvaluationFrame) -> PolicyValue

    /// A compiled subtree; `type` is nil when it already reported an error.
    struct Node {
        var type: PolicyType?
        var run: Run
    }

    /// What a compilation collected besides the closure.
    final class Collector {
        var diagnostics: [PolicyDiagnostic] = []
        var facts: [String] = []
        var segments: [String] = []
        var tiers: [String] = []

        func note(_ list: inout [String], _ name: String) { if !list.contains(name) { list.append(name) } }
        func fail(_ code: PolicyDiagnostic.Code, _ message: String, at location: PolicyLocation) -> Node {
            diagnostics.append(PolicyDiagnostic(code, message, at: location))
            return Node(type: nil, run: { _ in .missing })
        }
    }

    /// Compiles `expression`; when `expected` is given, its type must fit it.
    public func compile(_ expression: Expression, expecting expected: PolicyType? = nil) -> Result<CompiledExpression, PolicyDiagnosticList> {
        let collector = Collector()
        var node = compile(expression, collector)
        if let expected, let type = node.type, !type.fits(expected) {
            node = collector.fail(.typeMismatch, "expected \(article(expected)) here, but this is \(article(type))", at: expression.location)
        }
        guard collector.diagnostics.isEmpty, var type = node.type else { return .failure(PolicyDiagnosticList(collector.diagnostics)) }
        var run = node.run
        if expected == .decimal, type == .int {
            // Widen where a decimal is expected, so consumers see one kind of value.
            let narrow = run
            run = { frame in
                let value = narrow(frame)
                return value.asDecimal.map(PolicyValue.decimal) ?? .missing
            }
            type = .decimal
        }
        return .success(CompiledExpression(
            type: type, source: expression, factsRead: collector.facts, segmentsRead: collector.segments,
            tiersRead: collector.tiers, run: run))
    }

    func compile(_ expression: Expression, _ c: Collector) -> Node {
        switch expression {
        case .literal(let literal, let at):
            return compileLiteral(literal, at, c)
        case .list(let elements, let at):
            return compileList(elements, at, c)
        case .name(let parts, let at):
            return compileName(parts, at, c)
        case .unary(let op, let operand, let at):
            return compileUnary(op, operand, at, c)
        case .binary(let op, let left, let right, let at):
            return compileBinary(op, left, right, at, c)
        case .conditional(let condition, let then, let otherwise, let at):
            return compileConditional(condition, then, otherwise, at, c)
        case .call(let name, let arguments, let at):
            return compileCall(name, arguments, at, c)
        }
    }

    private func compileLiteral(_ literal: Literal, _ at: PolicyLocation, _ c: Collector) -> Node {
        let value: PolicyValue
        let type: PolicyType
        switch literal {
        case .bool(let b): (value, type) = (.bool(b), .bool)
        case .integer(let i): (value, type) = (.int(i), .int)
        case .decimal(let text):
            guard let decimal = FixedDecimal(text) else {
                return c.fail(.invalidLiteral, "\(text) is not a decimal tierd can hold exactly (at most 4 decimal places, about 900 trillion)", at: at)
            }
            (value, type) = (.decimal(decimal), .decimal)
        case .string(let s): (value, type) = (.string(s), .string)
        case .date(let days): (value, type) = (.date(days), .date)
        case .duration(let days): (value, type) = (.duration(days), .duration)
        }
        return Node(type: type, run: { _ in value })
    }

    private func compileList(_ elements: [Expression], _ at: PolicyLocation, _ c: Collector) -> Node {
        let nodes = elements.map { compile($0, c) }
        guard nodes.allSatisfy({ $0.type != nil }) else { return Node(type: nil, run: { _ in .missing }) }
        var elementType: PolicyType?
        for (node, element) in zip(nodes, elements) {
            guard let current = elementType else { elementType = node.type; continue }
            guard let joined = PolicyType.join(current, node.type!) else {
                return c.fail(.typeMismatch, "a list holds one type: \(article(node.type!)) cannot join a list of \(current)", at: element.location)
            }
            elementType = joined
        }
        guard let elementType else { return Node(type: .emptyList, run: { _ in .list([]) }) }
        let runs = nodes.map(\.run)
        if elements.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
            // A list of literals is built once, not on every evaluation.
            let constant = PolicyValue.list(runs.map { $0(EvaluationFrame(facts: [], asOf: 0)) })
            return Node(type: .list(elementType), run: { _ in constant })
        }
        return Node(type: .list(elementType), run: { frame in .list(runs.map { $0(frame) }) })
    }

    private func compileUnary(_ op: UnaryOperator, _ operand: Expression, _ at: PolicyLocation, _ c: Collector) -> Node {
        let inner = compile(operand, c)
        guard let type = inner.type else { return inner }
        let run = inner.run
        switch op {
        case .not:
            guard type == .bool else { return c.fail(.typeMismatch, "'!' needs a bool, but this is \(article(type))", at: operand.location) }
            return Node(type: .bool, run: { frame in
                if case .bool(let b) = run(frame) { return .bool(!b) }
                return .missing
            })
        case .negate:
            guard type.isNumeric || type == .duration else {
                return c.fail(.typeMismatch, "'-' needs a number or a duration, but this is \(article(type))", at: operand.location)
            }
            return Node(type: type, run: { frame in ValueOperations.negate(run(frame)) })
        }
    }

    private func compileConditional(_ condition: Expression, _ then: Expression, _ otherwise: Expression, _ at: PolicyLocation, _ c: Collector) -> Node {
        let test = compile(condition, c), yes = compile(then, c), no = compile(otherwise, c)
        guard let testType = test.type, let yesType = yes.type, let noType = no.type else { return Node(type: nil, run: { _ in .missing }) }
        guard testType == .bool else {
            return c.fail(.typeMismatch, "the condition before '?' must be a bool, but it is \(article(testType))", at: condition.location)
        }
        guard let type = PolicyType.join(yesType, noType) else {
            return c.fail(.typeMismatch, "both sides of ':' must have one type: \(yesType) and \(noType)", at: otherwise.location)
        }
        let (runTest, runYes, runNo) = (test.run, yes.run, no.run)
        return Node(type: type, run: { frame in
            switch runTest(frame) {
            case .bool(true): return runYes(frame)
            case .bool(false): return runNo(frame)
            default: return .missing
            }
        })
    }
}

/// "a bool", "an int", ...
func article(_ type: PolicyType) -> String {
    let text = type.description
    return (text.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + text
}
