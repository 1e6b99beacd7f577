import TierCalendar

/// Finds the failing parts of a condition and says them in words a counter clerk
/// understands: "Active long-term policies held by the whole household: 5; 6 or more needed".
struct HintDescriber {
    let set: PolicySet
    let frame: EvaluationFrame
    private static let depthLimit = 8

    /// The reasons `expression` does not hold; empty when it holds.
    func failures(_ expression: Expression, depth: Int = 0) -> [String] {
        let value = evaluate(expression)
        if value.isTrue || depth > Self.depthLimit { return [] }
        switch expression {
        case .binary(.and, let left, let right, _):
            return failures(left, depth: depth + 1) + failures(right, depth: depth + 1)
        case .binary(.or, let left, let right, _):
            let a = failures(left, depth: depth + 1), b = failures(right, depth: depth + 1)
            return a.count <= b.count ? a : b
        case .name(let parts, _) where parts.first == "segment" && parts.count == 2:
            guard let segment = set.segments.first(where: { $0.name == parts[1] }) else { return ["not in segment \(parts[1])"] }
            let inner = failures(segment.condition.source, depth: depth + 1)
            return inner.isEmpty ? ["not in segment \(parts[1])"] : inner
        case .name(_, _) where value == .bool(false):
            return ["\(label(expression)): no"]
        case .call("has", let arguments, _):
            return ["\(label(arguments.first)) is not recorded"]
        case .binary(let op, let left, let right, _):
            let l = evaluate(left), r = evaluate(right)
            if l == .missing { return ["\(label(left)) is not recorded"] }
            if r == .missing { return ["\(label(right)) is not recorded"] }
            switch op {
            case .greaterOrEqual: return ["\(label(left)): \(l); \(r) or more needed"]
            case .greater: return ["\(label(left)): \(l); more than \(r) needed"]
            case .lessOrEqual: return ["\(label(left)): \(l); \(r) or less needed"]
            case .less: return ["\(label(left)): \(l); less than \(r) needed"]
            case .equal: return ["\(label(left)): \(l); \(r) needed"]
            case .notEqual: return ["\(label(left)) must not be \(r)"]
            case .in: return ["\(label(left)): \(l); one of \(r) needed"]
            case .notIn: return ["\(label(left)): \(l); must not be one of \(r)"]
            default: return ["needs \(expression.rendered)"]
            }
        case .unary(.not, let inner, _):
            return ["must not hold: \(inner.rendered)"]
        default:
            return value == .missing ? ["a fact it needs is not recorded: \(expression.rendered)"] : ["needs \(expression.rendered)"]
        }
    }

    private func evaluate(_ expression: Expression) -> PolicyValue {
        guard case .success(let compiled) = ExpressionCompiler(scope: set.scope).compile(expression) else { return .missing }
        return compiled.evaluate(frame)
    }

    /// A fact's documentation (without its final period), else the expression as written.
    private func label(_ expression: Expression?) -> String {
        guard let expression else { return "a fact" }
        if case .name(let parts, _) = expression, let slot = set.schema.slot(of: parts.joined(separator: ".")) {
            var text = set.schema[slot].documentation
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        return expression.rendered
    }
}

extension Expression {
    /// The expression written out again, for messages.
    var rendered: String {
        switch self {
        case .literal(let literal, _):
            switch literal {
            case .bool(let b): return b ? "true" : "false"
            case .integer(let i): return String(i)
            case .decimal(let text): return text
            case .string(let s): return "\"\(s)\""
            case .date(let days): return CivilDate.format(days)
            case .duration(let days): return "\(days)d"
            }
        case .list(let items, _): return "[" + items.map(\.rendered).joined(separator: ", ") + "]"
        case .name(let parts, _): return parts.joined(separator: ".")
        case .unary(let op, let operand, _): return op.rawValue + operand.rendered
        case .binary(let op, let l, let r, _): return "\(l.rendered) \(op.rawValue) \(r.rendered)"
        case .conditional(let c, let t, let e, _): return "\(c.rendered) ? \(t.rendered) : \(e.rendered)"
        case .call(let name, let args, _): return "\(name)(" + args.map(\.rendered).joined(separator: ", ") + ")"
        }
    }
}
