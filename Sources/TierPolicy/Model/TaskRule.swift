/// A rule that plans a follow-up task when its condition holds.
public struct TaskRule: Sendable {
    /// The task kind, e.g. `revisit`.
    public var kind: String
    /// When a task is planned.
    public var condition: CompiledExpression
    /// The idempotency key: literal text and expression placeholders.
    public var key: KeyTemplate
    /// When the task is due (a date expression).
    public var due: CompiledExpression
    /// 0 to 100, higher is more urgent.
    public var priority: Int
    /// Named payload values.
    public var payload: [(name: String, value: CompiledExpression)]
    /// Where it is defined.
    public var location: PolicyLocation
}

/// A key such as `revisit:{customer.id}:{history.last_purchase_on}`.
public struct KeyTemplate: Sendable {
    /// A literal run or a placeholder.
    public enum Part: Sendable {
        case text(String)
        case value(CompiledExpression)
    }

    /// The parts in order.
    public var parts: [Part]

    /// The key for a frame; a placeholder whose value is missing is written as `-`.
    public func render(_ frame: EvaluationFrame) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .value(let expression):
                switch expression.evaluate(frame) {
                case .string(let text): out += text
                case .missing: out += "-"
                case let other: out += other.description
                }
            }
        }
        return out
    }
}
