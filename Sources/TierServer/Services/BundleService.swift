import Foundation
import TierPolicy
import TierStore
import TierWire

/// `bundles.recommend`: evaluates the customer's decision and picks the first
/// `settings.bundles` rule whose segment holds (or the default rule).
public enum BundleService {
    public static func recommend(
        _ params: BundlesRecommend.Params, policy: LoadedPolicy, now: Date = Date(), pool: PGPool
    ) async throws -> BundlesRecommend.Result {
        let context = try RequestContext.resolve(asOf: params.asOf, channel: params.channel, now: now)
        let customer = try await pool.withConnection { connection in
            try FactLoader.load(
                customerId: params.customerId, asOf: context.asOf, channel: context.channel, policy: policy, on: connection)
        }
        let decision = policy.evaluator.evaluate(customer.facts, quotaUsed: customer.quotaUsed)
        let segments = Set(decision.segments)
        let rule = policy.set.settings.bundles.first { rule in rule.segment.map(segments.contains) ?? true }
        return BundlesRecommend.Result(
            customerId: params.customerId, revision: policy.revision, asOf: WireTime.formatDay(context.asOf),
            bundle: rule?.bundle, segment: rule?.segment,
            lines: rule?.lines.map { BundleLine(productLine: $0.productLine, share: $0.share.description) } ?? [])
    }
}
