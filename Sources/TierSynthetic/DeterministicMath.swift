/// `exp` and `log` from basic IEEE arithmetic only.
///
/// libm's transcendental functions may round differently between C libraries; these
/// use only operations IEEE 754 rounds exactly, so a seed gives the same premiums on
/// every platform. Accuracy is about 1e-14 relative, far more than money needs.
enum DeterministicMath {
    private static let ln2 = 0.693_147_180_559_945_3
    private static let ln2High = 0.693_147_180_369_123_8
    private static let ln2Low = 1.908_214_929_270_587_7e-10

    /// e raised to `x` (for |x| up to about 700).
    static func exp(_ x: Double) -> Double {
        let k = (x / ln2).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        // Taylor series for |r| <= ln2/2, Horner form.
        var term = 1.0
        for n in stride(from: 18, through: 1, by: -1) { term = 1 + term * r / Double(n) }
        return Double(sign: .plus, exponent: Int(k), significand: term)
    }

    /// The natural logarithm of `x` > 0.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log of \(x)")
        var exponent = Int(x.exponent)
        var mantissa = x.significand  // in [1, 2)
        if mantissa > 1.414_213_562_373_095 {
            mantissa /= 2
            exponent += 1
        }
        // log m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.172.
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var sum = 0.0
        for n in stride(from: 23, through: 1, by: -2) { sum = 1 / Double(n) + s2 * sum }
        return 2 * s * sum + Double(exponent) * ln2
    }
}
