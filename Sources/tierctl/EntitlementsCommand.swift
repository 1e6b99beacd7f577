import ArgumentParser
import TierClient
import TierWire

/// `tierctl entitlements CUSTOMER_ID`: what a customer is entitled to.
struct EntitlementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entitlements", abstract: "Call entitlements.get: a customer's entitlements now (recorded in the decision log).")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var decision: DecisionOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let params = EntitlementsGet.Params(customerId: decision.customerId, channel: decision.channel, asOf: decision.asOf)
            let (raw, result) = try await session.call(EntitlementsGet.self, params)
            if session.json { return Output.json(raw) }
            Output.print(Self.render(result))
        }
    }

    static func render(_ result: EntitlementsGet.Result) -> String {
        let tiers = result.tiers.keys.sorted().map { "\($0)=\(Output.cell(result.tiers[$0]))" }
        var text = TableRenderer.keyValues([
            ("decision", result.decisionId),
            ("revision", result.revision),
            ("customer", String(result.customerId)),
            ("as of", result.asOf),
            ("channel", result.channel),
            ("new/returning", result.newOrReturning),
            ("tiers", Output.list(tiers)),
            ("segments", Output.list(result.segments)),
            ("total cost", result.totalCost),
        ])
        text += "\n"
        guard !result.entitlements.isEmpty else { return text + "no entitlements\n" }
        var table = TableRenderer(["CODE", "NAME", "PARAMS", "QUOTA LEFT", "VALID UNTIL", "REASON"])
        for item in result.entitlements {
            let quota = item.quota.map { "\($0.remaining)/\($0.count) per \($0.per)" } ?? "-"
            table.append([
                item.code, "\(item.name.zh) / \(item.name.en)", Output.pairs(item.params), quota, item.validUntil, item.reason,
            ])
        }
        return text + table.render()
    }
}

/// `tierctl explain CUSTOMER_ID`: why a customer gets what they get.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Call entitlements.explain: the rules evaluated and what would change the result.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var decision: DecisionOptions

    @Option(help: "Only the steps and hints about this entitlement code.")
    var code: String?

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let params = EntitlementsExplain.Params(
                customerId: decision.customerId, code: code, channel: decision.channel, asOf: decision.asOf)
            let (raw, result) = try await session.call(EntitlementsExplain.self, params)
            if session.json { return Output.json(raw) }
            Output.print(Self.render(result))
        }
    }

    static func render(_ result: EntitlementsExplain.Result) -> String {
        var text = TableRenderer.keyValues([
            ("revision", result.revision),
            ("customer", String(result.customerId)),
            ("as of", result.asOf),
            ("channel", result.channel),
            ("granted", Output.list(result.entitlements)),
        ])
        text += "\n"
        var steps = TableRenderer(["KIND", "NAME", "OUTCOME", "FACTS", "LOCATION"])
        for step in result.steps {
            let facts = step.facts.map { "\($0.path)=\(Output.cell($0.value))" }
            steps.append([step.kind, step.name, step.outcome, Output.list(facts), step.location])
        }
        text += result.steps.isEmpty ? "no steps\n" : steps.render()
        guard !result.hints.isEmpty else { return text }
        text += "\nwhat would change the result:\n"
        for hint in result.hints {
            text += "  \(hint.code) (\(hint.name)):\n"
            text += hint.reasons.map { "    - \($0)\n" }.joined()
        }
        return text
    }
}
