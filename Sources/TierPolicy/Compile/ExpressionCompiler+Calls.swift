import TierCalendar

extension ExpressionCompiler {
    /// The functions policies may call.
    static let functionNames = ["days_since", "age", "year", "size", "contains", "has", "min", "max", "quota_used"]

    func compileCall(_ name: String, _ arguments: [Expression], _ at: PolicyLocation, _ c: Collector) -> Node {
        guard Self.functionNames.contains(name) else {
            let best = Self.functionNames.min { EditDistance.between($0, name) < EditDistance.between($1, name) }
            let hint = best.map { EditDistance.between($0, name) <= 3 ? "; did you mean '\($0)'?" : "" } ?? ""
            return c.fail(.unknownFunction, "no function named '\(name)'\(hint); functions are \(Self.functionNames.joined(separator: ", "))", at: at)
        }
        let arity = ["contains": 2, "min": 2, "max": 2][name] ?? 1
        guard arguments.count == arity else {
            return c.fail(.wrongArgumentCount, "\(name) takes \(arity) argument\(arity == 1 ? "" : "s"), not \(arguments.count)", at: at)
        }
        if name == "has" { return compileHas(arguments[0], at, c) }
        if name == "quota_used" { return compileQuotaUsed(arguments[0], at, c) }
        let nodes = arguments.map { compile($0, c) }
        guard nodes.allSatisfy({ $0.type != nil }) else { return Node(type: nil, run: { _ in .missing }) }
        let types = nodes.map { $0.type! }
        let first = nodes[0].run
        func expect(_ wanted: String, _ index: Int = 0) -> Node {
            c.fail(.typeMismatch, "\(name) needs \(wanted), but got \(article(types[index]))", at: arguments[index].location)
        }
        switch name {
        case "days_since", "age", "year":
            guard types[0] == .date else { return expect("a date") }
            let operation: @Sendable (Int, Int) -> Int64
            switch name {
            case "days_since": operation = { day, asOf in Int64(asOf - day) }
            case "age": operation = { day, asOf in Int64(CivilDate.wholeYears(from: day, to: asOf)) }
            default: operation = { day, _ in Int64(CivilDate.components(day).year) }
            }
            return Node(type: .int, run: { frame in
                guard case .date(let day) = first(frame), Self.inCalendar(day), Self.inCalendar(frame.asOf) else { return .missing }
                return .int(operation(day, frame.asOf))
            })
        case "size":
            guard types[0] == .string || types[0].elementType != nil || types[0] == .emptyList else { return expect("a list or a string") }
            return Node(type: .int, run: { frame in
                switch first(frame) {
                case .list(let values): return .int(Int64(values.count))
                case .string(let text): return .int(Int64(text.count))
                default: return .missing
                }
            })
        case "contains":
            let second = nodes[1].run
            if types[0] == .string {
                guard types[1] == .string else { return expect("a string to look for in a string", 1) }
                return Node(type: .bool, run: { frame in
                    guard case .string(let text) = first(frame), case .string(let part) = second(frame) else { return .missing }
                    return .bool(text.contains(part))
                })
            }
            guard types[0] == .emptyList || types[0].elementType.map({ PolicyType.join($0, types[1]) != nil }) == true else {
                return expect("a list and a value of its element type (or two strings)")
            }
            return Node(type: .bool, run: { frame in ValueOperations.contains(first(frame), second(frame)) })
        default: // min, max
            guard let type = PolicyType.join(types[0], types[1]), type.isNumeric || type == .date || type == .duration else {
                return c.fail(.typeMismatch, "\(name) needs two numbers, dates or durations, but got \(article(types[0])) and \(article(types[1]))", at: at)
            }
            let second = nodes[1].run
            let wantSmaller = name == "min"
            return Node(type: type, run: { frame in
                let x = first(frame), y = second(frame)
                guard let order = ValueOperations.compare(x, y) else { return .missing }
                let pick = (order <= 0) == wantSmaller ? x : y
                if type == .decimal, let widened = pick.asDecimal { return .decimal(widened) }
                return pick
            })
        }
    }

    /// `has(fact)`: whether an optional fact is present.
    private func compileHas(_ argument: Expression, _ at: PolicyLocation, _ c: Collector) -> Node {
        guard case .name(let parts, let nameAt) = argument, parts.first != "segment", parts.first != "tier" else {
            return c.fail(.typeMismatch, "has needs a fact name, such as has(customer.birth_date)", at: argument.location)
        }
        let inner = compileName(parts, nameAt, c)
        guard inner.type != nil else { return inner }
        let run = inner.run
        return Node(type: .bool, run: { frame in .bool(run(frame) != .missing) })
    }

    /// `quota_used("code")`: uses of an entitlement in its current period.
    private func compileQuotaUsed(_ argument: Expression, _ at: PolicyLocation, _ c: Collector) -> Node {
        guard case .literal(.string(let code), let codeAt) = argument else {
            return c.fail(.typeMismatch, "quota_used needs an entitlement code in quotes, such as quota_used(\"health_checkup\")", at: argument.location)
        }
        guard scope.entitlements.contains(code) else {
            return c.fail(.unknownEntitlement, "no entitlement with code '\(code)' in the catalogue", at: codeAt)
        }
        return Node(type: .int, run: { frame in .int(frame.quotaUsed[code] ?? 0) })
    }

    static func inCalendar(_ day: Int) -> Bool {
        Int64(day) >= ValueOperations.minimumDay && Int64(day) <= ValueOperations.maximumDay
    }
}
