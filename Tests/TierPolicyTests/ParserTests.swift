import Testing
import TierPolicy

@Suite struct ParserTests {
    typealias F = ParserFixture

    @Test(arguments: [
        ("a || b && c", "(|| a (&& b c))"),
        ("a && b || c", "(|| (&& a b) c)"),
        ("a or b and c", "(|| a (&& b c))"),
        ("!a && b", "(&& (! a) b)"),
        ("not a and b", "(&& (! a) b)"),
        ("!a == b", "(! (== a b))"),
        ("not a in b", "(! (in a b))"),
        ("!!a", "(! (! a))"),
        ("a == !b", "(== a (! b))"),
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b * c % d", "(% (* (/ a b) c) d)"),
        ("a || b || c", "(|| (|| a b) c)"),
        ("a && b && c", "(&& (&& a b) c)"),
        ("-x * y", "(* (- x) y)"),
        ("- -x", "(- (- x))"),
        ("a--b", "(- a (- b))"),
        ("-5", "(- 5)"),
        ("a + b < c * d", "(< (+ a b) (* c d))"),
        ("a in [1, 2] && b", "(&& (in a [1, 2]) b)"),
        ("a not in [\"x\"]", "(not in a [\"x\"])"),
        ("a not in [\"x\"] or b", "(|| (not in a [\"x\"]) b)"),
        ("a ? b : c ? d : e", "(? a b (? c d e))"),
        ("a ? b ? c : d : e", "(? a (? b c d) e)"),
        ("a || b ? c + 1 : d", "(? (|| a b) (+ c 1) d)"),
        ("(a ? b : c) ? d : e", "(? (? a b c) d e)"),
        ("x == 1 != true", "error: p.yaml:1:8: syntax: comparisons cannot be chained; join them with '&&', as in 'a < b && b < c'"),
    ])
    func precedenceAndAssociativity(text: String, expected: String) {
        #expect(F.shape(text) == expected)
    }

    @Test func everyComparisonOperator() {
        for op in ["==", "!=", "<", "<=", ">", ">=", "in"] {
            #expect(F.shape("a \(op) b") == "(\(op) a b)")
            #expect(F.shape("a\(op == "in" ? " in " : op)b") == "(\(op) a b)")
        }
        #expect(F.shape("a not in b") == "(not in a b)")
    }

    @Test func wordOperatorsMatchSymbols() throws {
        #expect(try F.tree("a and not b or c").relocated() == F.tree("a && !b || c").relocated())
    }

    @Test func dottedNames() {
        #expect(F.shape("customer.age") == "customer.age")
        #expect(F.shape("segment.vip") == "segment.vip")
        #expect(F.shape("today") == "today")
        #expect(F.shape("_x.y_1.Z") == "_x.y_1.Z")
        #expect(F.shape("customer . age") == "customer.age")
        if case .success(.name(let parts, _)) = ExpressionParser.parse("tier.value", at: F.start) {
            #expect(parts == ["tier", "value"])
        } else {
            Issue.record("tier.value is not a name")
        }
    }

    @Test func calls() {
        #expect(F.shape("today()") == "today()")
        #expect(F.shape("days_since(history.last_purchase_on)") == "days_since(history.last_purchase_on)")
        #expect(F.shape("min(a, b + 1)") == "min(a, (+ b 1))")
        #expect(F.shape("max(a, b,)") == "max(a, b)")
        #expect(F.shape("f(g(x), [1])") == "f(g(x), [1])")
        #expect(F.shape("days_since(x) > 730") == "(> days_since(x) 730)")
        #expect(F.shape("-size(x)") == "(- size(x))")
    }

    @Test func lists() {
        #expect(F.shape("[]") == "[]")
        #expect(F.shape("[ ]") == "[]")
        #expect(F.shape("[1]") == "[1]")
        #expect(F.shape("[1, 2, 3]") == "[1, 2, 3]")
        #expect(F.shape("[\"silver\", \"gold\",]") == "[\"silver\", \"gold\"]")
        #expect(F.shape("[[1], [], [a, b]]") == "[[1], [], [a, b]]")
        #expect(F.shape("[a ? b : c, -d]") == "[(? a b c), (- d)]")
    }

    @Test func whitespaceAndNewlinesAreInsignificant() {
        #expect(F.shape(" \t a\n&&\r\n b \n") == "(&& a b)")
        #expect(F.shape("a&&b||!c") == "(|| (&& a b) (! c))")
    }

    @Test func nodesKnowWhereTheyAre() throws {
        // a || b && c    binary nodes sit at their operator
        // 123456789012
        let tree = try F.tree("a || b && -c")
        guard case .binary(.or, let a, let and, let orAt) = tree,
              case .binary(.and, let b, let negate, let andAt) = and,
              case .unary(.negate, let c, let negateAt) = negate else {
            Issue.record("unexpected tree \(F.render(tree))")
            return
        }
        #expect(orAt == F.at(1, 3))
        #expect(a.location == F.at(1, 1))
        #expect(andAt == F.at(1, 8))
        #expect(b.location == F.at(1, 6))
        #expect(negateAt == F.at(1, 11))
        #expect(c.location == F.at(1, 12))

        let call = try F.tree("  f(x.y, [1])")
        #expect(call.location == F.at(1, 3))
        guard case .call(_, let arguments, _) = call else { return }
        #expect(arguments.map(\.location) == [F.at(1, 5), F.at(1, 10)])

        let conditional = try F.tree("(a) ? 'x' : not b")
        #expect(conditional.location == F.at(1, 5))
        guard case .conditional(let condition, let then, let otherwise, _) = conditional else { return }
        #expect([condition.location, then.location, otherwise.location] == [F.at(1, 2), F.at(1, 7), F.at(1, 13)])
        #expect(try F.tree("a not in b").location == F.at(1, 3))
    }

    @Test func locationsOffsetFromStartAndCountScalars() throws {
        let start = PolicyLocation(file: "rules/vip.yaml", line: 12, column: 11)
        let tree = try ExpressionParser.parse("\"理赔绿色通道\" == x", at: start).get()
        guard case .binary(_, let left, let right, let at) = tree else { return }
        #expect(left.location == PolicyLocation(file: "rules/vip.yaml", line: 12, column: 11))
        #expect(at == PolicyLocation(file: "rules/vip.yaml", line: 12, column: 20))
        #expect(right.location == PolicyLocation(file: "rules/vip.yaml", line: 12, column: 23))
    }

    @Test func multiLineTextRestartsColumnsAtTheStartColumn() throws {
        let start = PolicyLocation(file: "p.yaml", line: 5, column: 9)
        let text = "segment.vip &&\n  customer.age >= 40\r\n||\rx\n"
        let tree = try ExpressionParser.parse(text, at: start).get()
        guard case .binary(.or, let and, let x, let orAt) = tree,
              case .binary(.and, let vip, let age, let andAt) = and,
              case .binary(.greaterOrEqual, let field, let forty, let geAt) = age else {
            Issue.record("unexpected tree")
            return
        }
        let at = { (line: Int, column: Int) in PolicyLocation(file: "p.yaml", line: line, column: column) }
        #expect(vip.location == at(5, 9))
        #expect(andAt == at(5, 21))
        #expect(field.location == at(6, 11))
        #expect(geAt == at(6, 24))
        #expect(forty.location == at(6, 27))
        #expect(orAt == at(7, 9))
        #expect(x.location == at(8, 9))
        // The end of the text is right after the last token, not on the next line.
        let missing = F.problems("a &&\n", at: start)
        #expect(missing.map(\.location) == [at(5, 13)])
    }
}

extension Expression {
    /// The same tree with every location at 1:1, to compare shapes written differently.
    func relocated() -> Expression {
        let here = ParserFixture.start
        switch self {
        case .literal(let literal, _): return .literal(literal, here)
        case .list(let elements, _): return .list(elements.map { $0.relocated() }, here)
        case .name(let parts, _): return .name(parts, here)
        case .unary(let op, let operand, _): return .unary(op, operand.relocated(), here)
        case .binary(let op, let left, let right, _): return .binary(op, left.relocated(), right.relocated(), here)
        case .conditional(let c, let t, let e, _): return .conditional(c.relocated(), t.relocated(), e.relocated(), here)
        case .call(let name, let arguments, _): return .call(name, arguments.map { $0.relocated() }, here)
        }
    }
}
