/// One product of the synthetic branch's catalogue.
public struct SyntheticProduct: Sendable {
    /// `policies.product_code`.
    public var code: String
    /// `policies.product_line`: accident, health, life, investment_linked, universal_life or other.
    public var line: String
    /// `policies.term`: long or short (short = one year, then matured).
    public var term: String
    /// Relative frequency among purchases.
    public var weight: Int
    /// Relative size of its premium: a customer's total premium is split over their
    /// policies in proportion to these (times a random 70–130 %).
    public var premiumWeight: Int
    /// `policies.premium_frequency` values with relative weights.
    public var frequencies: [(frequency: String, weight: Int)]

    /// Makes a product.
    public init(code: String, line: String, term: String, weight: Int, premiumWeight: Int,
                frequencies: [(frequency: String, weight: Int)]) {
        self.code = code
        self.line = line
        self.term = term
        self.weight = weight
        self.premiumWeight = premiumWeight
        self.frequencies = frequencies
    }

    /// True for `term == "long"`.
    public var isLongTerm: Bool { term == "long" }

    private static let regular: [(frequency: String, weight: Int)] =
        [("annual", 62), ("monthly", 18), ("semiannual", 10), ("quarterly", 10)]
    private static let lumpSum: [(frequency: String, weight: Int)] =
        [("single", 45), ("annual", 45), ("monthly", 10)]

    /// The default catalogue: eleven products over all six lines, about 40 % of
    /// purchases long-term.
    public static let defaultCatalogue: [SyntheticProduct] = [
        SyntheticProduct(code: "ACC-Y1", line: "accident", term: "short", weight: 20, premiumWeight: 2, frequencies: [("annual", 1)]),
        SyntheticProduct(code: "ACC-L20", line: "accident", term: "long", weight: 3, premiumWeight: 4, frequencies: regular),
        SyntheticProduct(code: "MED-Y1", line: "health", term: "short", weight: 22, premiumWeight: 4, frequencies: [("annual", 1)]),
        SyntheticProduct(code: "CI-L30", line: "health", term: "long", weight: 9, premiumWeight: 10, frequencies: regular),
        SyntheticProduct(code: "TERM-L20", line: "life", term: "long", weight: 4, premiumWeight: 6, frequencies: regular),
        SyntheticProduct(code: "WHOLE-L", line: "life", term: "long", weight: 4, premiumWeight: 14, frequencies: regular),
        SyntheticProduct(code: "ENDOW-L10", line: "life", term: "long", weight: 3, premiumWeight: 14, frequencies: regular),
        SyntheticProduct(code: "ILP-L", line: "investment_linked", term: "long", weight: 3, premiumWeight: 20, frequencies: lumpSum),
        SyntheticProduct(code: "UL-L", line: "universal_life", term: "long", weight: 4, premiumWeight: 16, frequencies: lumpSum),
        SyntheticProduct(code: "ANNUITY-L", line: "other", term: "long", weight: 3, premiumWeight: 16, frequencies: lumpSum),
        SyntheticProduct(code: "TRAVEL-S", line: "other", term: "short", weight: 12, premiumWeight: 1, frequencies: [("single", 1)]),
    ]
}
