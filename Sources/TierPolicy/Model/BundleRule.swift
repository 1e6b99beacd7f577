/// One rule of `settings.bundles`: customers in `segment` (every customer, for the
/// default rule) are recommended `bundle`, made of these product lines.
public struct BundleRule: Hashable, Sendable {
    /// The product lines a bundle may hold (those of `policies.product_line`).
    public static let productLines = ["accident", "health", "life", "investment_linked", "universal_life", "other"]

    /// A product line and its share of the bundle's premium.
    public struct Line: Hashable, Sendable {
        public var productLine: String
        public var share: FixedDecimal

        public init(productLine: String, share: FixedDecimal) {
            self.productLine = productLine
            self.share = share
        }
    }

    /// The segment that selects the customers; nil for the default rule.
    public var segment: String?
    /// The bundle's name.
    public var bundle: String
    /// Its lines, in the order written; the shares add up to 1.
    public var lines: [Line]

    public init(segment: String?, bundle: String, lines: [Line]) {
        self.segment = segment
        self.bundle = bundle
        self.lines = lines
    }
}
