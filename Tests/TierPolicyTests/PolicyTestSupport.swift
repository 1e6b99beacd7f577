import TierPolicy

/// Facts for tests: every required fact with a plain default, overridable by path.
func facts(_ overrides: [String: PolicyValue] = [:], asOf: String = "2026-06-15", channel: String = "counter") throws -> FactSet {
    var values: [String: PolicyValue] = [
        "context.as_of": .date(CivilDate.parse(asOf)!),
        "context.channel": .string(channel),
        "customer.id": .int(1),
        "customer.gender": .string("female"),
        "customer.branch": .string("SH01"),
        "customer.since": .date(CivilDate.parse("2015-03-01")!),
        "staff.is_employee": .bool(false),
        "staff.is_family": .bool(false),
        "household.size": .int(2),
        "household.long_term_policies": .int(0),
        "household.annual_premium": .decimal(FixedDecimal("0")!),
        "history.active_policies": .int(1),
        "history.long_term_policies": .int(0),
        "history.lapsed_policies": .int(0),
        "history.annual_premium": .decimal(FixedDecimal("3000")!),
        "history.purchases": .int(1),
        "history.product_lines": .list([.string("accident")]),
        "history.referred_policies": .int(0),
        "complaints.open": .int(0),
        "complaints.upheld_mis_selling": .int(0),
    ]
    for (path, value) in overrides { values[path] = value }
    return try FactSet(values)
}

func date(_ text: String) -> PolicyValue { .date(CivilDate.parse(text)!) }
func money(_ text: String) -> PolicyValue { .decimal(FixedDecimal(text)!) }

/// Compiles one expression against the standard schema (and optional extra scope).
func compile(_ text: String, expecting type: PolicyType? = nil, scope: ExpressionScope = ExpressionScope())
    -> Result<CompiledExpression, PolicyDiagnosticList>
{
    let start = PolicyLocation(file: "test.yaml", line: 1, column: 1)
    switch ExpressionParser.parse(text, at: start) {
    case .failure(let list): return .failure(list)
    case .success(let expression): return ExpressionCompiler(scope: scope).compile(expression, expecting: type)
    }
}

/// Evaluates one expression on facts.
func evaluate(_ text: String, _ facts: FactSet) throws -> PolicyValue {
    let compiled = try compile(text).get()
    return compiled.evaluate(EvaluationFrame(facts: facts.values, asOf: facts.asOf))
}

/// Loads a set from named YAML texts.
func load(_ files: [String: String]) -> Result<PolicySet, PolicyDiagnosticList> {
    PolicyLoader.load(files.map { PolicySourceFile(name: $0.key, text: $0.value) })
}
