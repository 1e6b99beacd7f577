extension PolicySetBuilder {
    /// Orders segments and tier tables so each comes after what it reads; reports
    /// every cycle once, at the segment or table where it was found.
    mutating func order() {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var path: [String] = []
        var ordered: [PolicySet.Step] = []
        var reported = Set<String>()

        func dependencies(of id: String) -> [String] {
            let (kind, name) = (id.hasPrefix("segment:") ? "segment" : "tier", String(id.split(separator: ":")[1]))
            var expressions: [CompiledExpression] = []
            if kind == "segment", let slot = segmentSlots[name], let segment = segments[slot] {
                expressions = [segment.condition]
            } else if kind == "tier", let slot = tierSlots[name]?.slot, let table = tiers[slot] {
                expressions = table.rows.map(\.condition)
            }
            return expressions.flatMap { $0.segmentsRead.map { "segment:\($0)" } + $0.tiersRead.map { "tier:\($0)" } }
        }

        func location(of id: String) -> PolicyLocation? {
            let name = String(id.split(separator: ":")[1])
            if id.hasPrefix("segment:") { return segmentSlots[name].map { segmentDeclarations[$0].keyLocation } }
            return tierSlots[name].map { tierDeclarations[$0.slot].entry.keyLocation }
        }

        func visit(_ id: String) {
            if marks[id] == .done { return }
            if marks[id] == .visiting {
                let cycle = Array(path[(path.firstIndex(of: id) ?? 0)...]) + [id]
                let key = Set(cycle).sorted().joined(separator: ",")
                if !reported.contains(key), let at = location(of: id) {
                    reported.insert(key)
                    let words = cycle.map { $0.replacingOccurrences(of: ":", with: ".") }.joined(separator: " → ")
                    sink.add(.segmentCycle, "these depend on each other in a circle: \(words)", at: at)
                }
                return
            }
            marks[id] = .visiting
            path.append(id)
            for dependency in dependencies(of: id) { visit(dependency) }
            path.removeLast()
            marks[id] = .done
            let name = String(id.split(separator: ":")[1])
            if id.hasPrefix("segment:"), let slot = segmentSlots[name] {
                ordered.append(.segment(slot))
            } else if let slot = tierSlots[name]?.slot {
                ordered.append(.tier(slot))
            }
        }

        for entry in segmentDeclarations { visit("segment:\(entry.key)") }
        for declaration in tierDeclarations { visit("tier:\(declaration.entry.key)") }
        steps = ordered
    }

    /// Reports first-hit rows that can never be chosen: after a row that always
    /// holds, a row identical to an earlier one, or a threshold an earlier row covers
    /// (`x >= 100` after `x >= 50`). In any table, a row whose condition is `false`.
    func findUnreachableRows() {
        for table in tiers.compactMap({ $0 }) {
            for (index, row) in table.rows.enumerated() {
                if case .literal(.bool(false), _) = row.condition.source {
                    sink.add(.unreachableRow, "this row's condition is false, so it never applies", at: row.location)
                    continue
                }
                guard table.hit == .first else { continue }
                for earlier in table.rows[..<index] {
                    if let reason = Self.covers(earlier.condition.source, row.condition.source) {
                        sink.add(.unreachableRow, "row for '\(row.tier)' can never be chosen: \(reason) (row at line \(earlier.location.line))", at: row.location)
                        break
                    }
                }
            }
        }
    }

    /// Why `earlier` holding whenever `later` does makes `later` unreachable, if it does.
    static func covers(_ earlier: Expression, _ later: Expression) -> String? {
        if case .literal(.bool(true), _) = earlier { return "an earlier row always holds" }
        if earlier.shape == later.shape { return "an earlier row has the same condition" }
        guard let a = Threshold(earlier), let b = Threshold(later), a.fact == b.fact else { return nil }
        if a.isLowerBound, b.isLowerBound, b.bound > a.bound || (b.bound == a.bound && (a.inclusive || !b.inclusive)) {
            return "every \(a.fact) that meets it also meets an earlier row's \(a.text)"
        }
        if !a.isLowerBound, !b.isLowerBound, b.bound < a.bound || (b.bound == a.bound && (a.inclusive || !b.inclusive)) {
            return "every \(a.fact) that meets it also meets an earlier row's \(a.text)"
        }
        return nil
    }
}

/// `fact >= 100`, `fact < 5`, ... with a numeric literal bound.
struct Threshold {
    var fact: String
    var isLowerBound: Bool
    var inclusive: Bool
    var bound: FixedDecimal
    var text: String

    init?(_ expression: Expression) {
        guard case .binary(let op, .name(let parts, _), .literal(let literal, _), _) = expression else { return nil }
        switch literal {
        case .integer(let value): guard let v = FixedDecimal(integer: value) else { return nil }; bound = v
        case .decimal(let value): guard let v = FixedDecimal(value) else { return nil }; bound = v
        default: return nil
        }
        switch op {
        case .greaterOrEqual: (isLowerBound, inclusive) = (true, true)
        case .greater: (isLowerBound, inclusive) = (true, false)
        case .lessOrEqual: (isLowerBound, inclusive) = (false, true)
        case .less: (isLowerBound, inclusive) = (false, false)
        default: return nil
        }
        fact = parts.joined(separator: ".")
        text = "\(fact) \(op.rawValue) \(bound)"
    }
}

extension Expression {
    /// The expression without locations, for comparing conditions.
    var shape: String {
        switch self {
        case .literal(let literal, _): return "\(literal)"
        case .list(let items, _): return "[" + items.map(\.shape).joined(separator: ",") + "]"
        case .name(let parts, _): return parts.joined(separator: ".")
        case .unary(let op, let operand, _): return "(\(op.rawValue)\(operand.shape))"
        case .binary(let op, let l, let r, _): return "(\(l.shape) \(op.rawValue) \(r.shape))"
        case .conditional(let c, let t, let e, _): return "(\(c.shape) ? \(t.shape) : \(e.shape))"
        case .call(let name, let args, _): return "\(name)(" + args.map(\.shape).joined(separator: ",") + ")"
        }
    }
}
