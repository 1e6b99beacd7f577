/// One customer's facts, checked against the schema and laid out by slot.
public struct FactSet: Sendable {
    /// Values by schema slot; absent optional facts are `missing`.
    public let values: [PolicyValue]
    /// The as-of day (`context.as_of`).
    public let asOf: Int
    /// The request channel (`context.channel`).
    public let channel: String

    /// Checks values by fact path: every required fact present, every value of its
    /// declared type (an int may stand for a decimal), no undeclared path.
    public init(_ values: [String: PolicyValue], schema: FactSchema = .standard) throws(FactError) {
        var slots = [PolicyValue](repeating: .missing, count: schema.declarations.count)
        for (path, value) in values {
            guard let slot = schema.slot(of: path) else { throw FactError("no fact named '\(path)' in the schema") }
            let declaration = schema[slot]
            if value == .missing {
                guard declaration.optional else { throw FactError("fact '\(path)' is required") }
                continue
            }
            guard let checked = Self.conform(value, to: declaration.type) else {
                throw FactError("fact '\(path)' must be \(article(declaration.type)), not \(value)")
            }
            slots[slot] = checked
        }
        for (slot, declaration) in schema.declarations.enumerated() where !declaration.optional && slots[slot] == .missing {
            throw FactError("fact '\(declaration.path)' is required")
        }
        guard case .date(let day) = slots[schema.slot(of: "context.as_of")!],
              case .string(let channel) = slots[schema.slot(of: "context.channel")!] else {
            throw FactError("context.as_of and context.channel are required")
        }
        self.values = slots
        self.asOf = day
        self.channel = channel
    }

    /// The value as the declared type, or nil when it does not fit.
    static func conform(_ value: PolicyValue, to type: PolicyType) -> PolicyValue? {
        switch (value, type) {
        case (.bool, .bool), (.int, .int), (.decimal, .decimal), (.string, .string), (.duration, .duration):
            return value
        case (.date(let day), .date):
            return ExpressionCompiler.inCalendar(day) ? value : nil
        case (.int(let v), .decimal):
            return FixedDecimal(integer: v).map(PolicyValue.decimal)
        case (.list(let items), .list(let element)):
            var out: [PolicyValue] = []
            for item in items {
                guard let conformed = conform(item, to: element) else { return nil }
                out.append(conformed)
            }
            return .list(out)
        default:
            return nil
        }
    }
}

/// Facts that do not fit the schema.
public struct FactError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
