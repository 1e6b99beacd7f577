/// One rule of `settings.bundles`: customers in `segment` are recommended `bundle`.
public struct BundleRule: Hashable, Sendable {
    /// The segment that selects the customers.
    public var segment: String
    /// The bundle's name.
    public var bundle: String

    public init(segment: String, bundle: String) {
        self.segment = segment
        self.bundle = bundle
    }
}
