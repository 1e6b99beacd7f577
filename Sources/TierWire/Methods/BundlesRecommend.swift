/// `bundles.recommend {customer_id}`: the insurance bundle the policy recommends for
/// the customer's risk profile (`settings.bundles`: the first rule whose segment
/// holds for the customer, else the default rule).
public enum BundlesRecommend: RPCMethod {
    public static let name = "bundles.recommend"
    public static let roles: Set<Role> = [.policyAdmin, .counter, .admin]

    /// `customer_id`, and `channel` and `as_of` as for `entitlements.get`.
    public typealias Params = EntitlementsGet.Params

    public struct Result: Codable, Sendable, Hashable {
        public var customerId: Int64
        /// The policy revision that decided.
        public var revision: String
        public var asOf: String
        /// The bundle's name; null when no rule holds and the set has no default.
        public var bundle: String?
        /// The segment whose rule chose it; null for the default rule.
        public var segment: String?
        /// The bundle's product lines and their shares of its premium (decimal text).
        public var lines: [BundleLine]

        enum CodingKeys: String, CodingKey {
            case revision, bundle, segment, lines
            case customerId = "customer_id"
            case asOf = "as_of"
        }

        public init(customerId: Int64, revision: String, asOf: String, bundle: String?, segment: String?, lines: [BundleLine]) {
            self.customerId = customerId
            self.revision = revision
            self.asOf = asOf
            self.bundle = bundle
            self.segment = segment
            self.lines = lines
        }
    }
}

/// A product line of a bundle and its share of the bundle's premium.
public struct BundleLine: Codable, Sendable, Hashable {
    public var productLine: String
    /// Decimal text, e.g. `0.40`.
    public var share: String

    enum CodingKeys: String, CodingKey {
        case share
        case productLine = "product_line"
    }

    public init(productLine: String, share: String) {
        self.productLine = productLine
        self.share = share
    }
}
