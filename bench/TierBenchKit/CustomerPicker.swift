import Foundation

/// Draws customer ids 1...count with a Zipf skew, as counter traffic has: a few
/// customers (VIPs, staff, active households) are asked about far more often than
/// the rest.
///
/// Ranks follow Zipf(exponent) by rejection-inversion (Hörmann and Derflinger,
/// "Rejection-inversion to generate variates from monotone discrete
/// distributions", 1996): O(1) per draw and no table, so a million customers cost
/// nothing to set up. Ranks are then scattered over the ids by a multiplication
/// modulo `count`, so the hot customers are not simply the lowest ids (which the
/// synthetic branch fills household by household). Exponent 0 is uniform.
public struct CustomerPicker: Sendable {
    public let count: Int64
    public let exponent: Double
    private let multiplier: Int64
    private let hIntegralX1: Double
    private let hIntegralCount: Double
    private let s: Double

    public init(count: Int64, exponent: Double) {
        precondition(count >= 1, "at least one customer")
        precondition(exponent >= 0, "a Zipf exponent is not negative")
        self.count = count
        self.exponent = exponent
        multiplier = Self.coprimeMultiplier(for: count)
        let h = { (x: Double) -> Double in Self.hIntegral(x, exponent) }
        hIntegralX1 = h(1.5) - 1
        hIntegralCount = h(Double(count) + 0.5)
        s = 2 - Self.hIntegralInverse(h(2.5) - Self.hValue(2, exponent), exponent)
    }

    /// The next customer id.
    public func next(using random: inout SplitMix64) -> Int64 {
        scatter(rank(using: &random))
    }

    /// A Zipf rank in 1...count: 1 is the most frequent.
    public func rank(using random: inout SplitMix64) -> Int64 {
        if exponent == 0 || count == 1 { return Int64(random.next() % UInt64(count)) + 1 }
        while true {
            let u = hIntegralCount + random.nextUnit() * (hIntegralX1 - hIntegralCount)
            let x = Self.hIntegralInverse(u, exponent)
            var k = Int64(x + 0.5)
            if k < 1 { k = 1 } else if k > count { k = count }
            if Double(k) - x <= s || u >= Self.hIntegral(Double(k) + 0.5, exponent) - Self.hValue(Double(k), exponent) {
                return k
            }
        }
    }

    /// Rank → id, a bijection on 1...count.
    public func scatter(_ rank: Int64) -> Int64 {
        let product = (rank - 1).multipliedFullWidth(by: multiplier)
        let (_, remainder) = count.dividingFullWidth(product)
        return remainder + 1
    }

    private static func coprimeMultiplier(for count: Int64) -> Int64 {
        var candidate: Int64 = 2_654_435_761 % max(count, 2)
        if candidate < 2 { candidate = 1 }
        while gcd(candidate, count) != 1 { candidate += 1 }
        return candidate
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// h(x) = x^-s
    private static func hValue(_ x: Double, _ s: Double) -> Double { exp(-s * log(x)) }

    /// H(x), the integral of h: (x^(1-s) - 1) / (1 - s), or log x at s = 1.
    private static func hIntegral(_ x: Double, _ s: Double) -> Double {
        let logX = log(x)
        return helper2((1 - s) * logX) * logX
    }

    private static func hIntegralInverse(_ x: Double, _ s: Double) -> Double {
        var t = x * (1 - s)
        if t < -1 { t = -1 }
        return exp(helper1(t) * x)
    }

    /// log(1 + x) / x, stable near 0.
    private static func helper1(_ x: Double) -> Double {
        abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x))
    }

    /// (exp(x) - 1) / x, stable near 0.
    private static func helper2(_ x: Double) -> Double {
        abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x))
    }
}
