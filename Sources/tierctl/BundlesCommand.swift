import ArgumentParser
import TierClient
import TierWire

/// `tierctl bundles CUSTOMER_ID`: the bundle recommended for a customer's risk profile.
struct BundlesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundles", abstract: "Call bundles.recommend: the insurance bundle for a customer's risk profile.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var decision: DecisionOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, result) = try await session.call(
                BundlesRecommend.self, .init(customerId: decision.customerId, channel: decision.channel, asOf: decision.asOf))
            if session.json { return Output.json(raw) }
            Output.print(TableRenderer.keyValues([
                ("customer", String(result.customerId)), ("as of", result.asOf), ("bundle", Output.orDash(result.bundle)),
                ("chosen by", result.segment.map { "segment \($0)" } ?? "the default rule"),
                ("lines", result.lines.map { "\($0.productLine) \($0.share)" }.joined(separator: ", ")),
            ]))
        }
    }
}
