extension ExpressionCompiler {
    func compileBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, _ at: PolicyLocation, _ c: Collector) -> Node {
        let l = compile(left, c), r = compile(right, c)
        guard let lt = l.type, let rt = r.type else { return Node(type: nil, run: { _ in .missing }) }
        let (a, b) = (l.run, r.run)
        func mismatch(_ what: String) -> Node {
            c.fail(.typeMismatch, "'\(op.rawValue)' \(what), but got \(article(lt)) and \(article(rt))", at: at)
        }
        switch op {
        case .and:
            guard lt == .bool, rt == .bool else { return mismatch("joins two bools") }
            return Node(type: .bool, run: { frame in
                let x = a(frame)
                if x == .bool(false) { return x }
                let y = b(frame)
                if y == .bool(false) { return y }
                return x == .missing || y == .missing ? .missing : .bool(true)
            })
        case .or:
            guard lt == .bool, rt == .bool else { return mismatch("joins two bools") }
            return Node(type: .bool, run: { frame in
                let x = a(frame)
                if x == .bool(true) { return x }
                let y = b(frame)
                if y == .bool(true) { return y }
                return x == .missing || y == .missing ? .missing : .bool(false)
            })
        case .equal, .notEqual:
            guard PolicyType.join(lt, rt) != nil else { return mismatch("compares values of one type") }
            let negate = op == .notEqual
            return Node(type: .bool, run: { frame in
                let result = ValueOperations.equal(a(frame), b(frame))
                if negate, case .bool(let value) = result { return .bool(!value) }
                return result
            })
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let comparable = (lt.isNumeric && rt.isNumeric) || (lt == rt && [.date, .duration, .string].contains(lt))
            guard comparable else { return mismatch("orders two numbers, dates, durations or strings") }
            let accept: @Sendable (Int) -> Bool
            switch op {
            case .less: accept = { $0 < 0 }
            case .lessOrEqual: accept = { $0 <= 0 }
            case .greater: accept = { $0 > 0 }
            default: accept = { $0 >= 0 }
            }
            return Node(type: .bool, run: { frame in
                guard let order = ValueOperations.compare(a(frame), b(frame)) else { return .missing }
                return .bool(accept(order))
            })
        case .in, .notIn:
            guard rt == .emptyList || rt.elementType.map({ PolicyType.join(lt, $0) != nil }) == true else {
                return mismatch("looks for a value in a list of its type")
            }
            let negate = op == .notIn
            return Node(type: .bool, run: { frame in
                let result = ValueOperations.contains(b(frame), a(frame))
                if negate, case .bool(let value) = result { return .bool(!value) }
                return result
            })
        case .add, .subtract, .multiply, .divide, .remainder:
            guard let type = arithmeticType(op, lt, rt) else { return mismatch(arithmeticRule(op)) }
            let operation: @Sendable (PolicyValue, PolicyValue) -> PolicyValue
            switch op {
            case .add: operation = ValueOperations.add
            case .subtract: operation = ValueOperations.subtract
            case .multiply: operation = ValueOperations.multiply
            case .divide: operation = ValueOperations.divide
            default: operation = ValueOperations.remainder
            }
            return Node(type: type, run: { frame in operation(a(frame), b(frame)) })
        }
    }

    /// The result type of arithmetic, or nil when the operands do not go together.
    private func arithmeticType(_ op: BinaryOperator, _ l: PolicyType, _ r: PolicyType) -> PolicyType? {
        let numeric: PolicyType? = l.isNumeric && r.isNumeric ? (l == .int && r == .int ? .int : .decimal) : nil
        switch op {
        case .add:
            if let numeric { return numeric }
            switch (l, r) {
            case (.date, .duration), (.duration, .date): return .date
            case (.duration, .duration): return .duration
            case (.string, .string): return .string
            default: return nil
            }
        case .subtract:
            if let numeric { return numeric }
            switch (l, r) {
            case (.date, .duration): return .date
            case (.date, .date), (.duration, .duration): return .duration
            default: return nil
            }
        case .multiply:
            if let numeric { return numeric }
            return (l == .duration && r == .int) || (l == .int && r == .duration) ? .duration : nil
        case .divide:
            return numeric == nil ? nil : .decimal
        default:
            return l == .int && r == .int ? .int : nil
        }
    }

    private func arithmeticRule(_ op: BinaryOperator) -> String {
        switch op {
        case .add: return "adds numbers, a duration to a date, durations, or strings"
        case .subtract: return "subtracts numbers, a duration from a date, dates, or durations"
        case .multiply: return "multiplies numbers, or a duration by an int"
        case .divide: return "divides numbers"
        default: return "takes the remainder of two ints"
        }
    }
}
