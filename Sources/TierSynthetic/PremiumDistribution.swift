/// How a customer's total annual premium (over all their policies) is drawn.
public enum PremiumDistribution: Sendable, Equatable {
    /// Lognormal: `median` cents, shape `sigma`. With sigma 1.68 the top 20 % of
    /// customers hold 80 % of the premium, and, the variance being finite, the share
    /// holds steady from a few thousand customers up.
    case lognormal(medianCents: Int, sigma: Double)
    /// Pareto: at least `minimumCents`, tail index `alpha` (1.16 is the textbook
    /// 80/20), cut at `capCents`. Infinite variance: small branches scatter widely
    /// around the 80 %, and samples land nearer 75 % than 80.
    case pareto(minimumCents: Int, alpha: Double, capCents: Int)

    /// One customer's total, in cents.
    func sample(_ random: inout SyntheticRandom) -> Int {
        let value: Double
        switch self {
        case let .lognormal(median, sigma):
            value = Double(median) * DeterministicMath.exp(sigma * random.normal())
        case let .pareto(minimum, alpha, cap):
            // Inverse CDF; 1 - u is in (0, 1], so the log is defined.
            let u = 1 - random.unit()
            value = min(Double(cap), Double(minimum) * DeterministicMath.exp(-DeterministicMath.log(u) / alpha))
        }
        // Whole yuan: the value is a weight for the split below, not a printed amount.
        let cents = Int(value / 100) * 100
        return cents
    }
}
