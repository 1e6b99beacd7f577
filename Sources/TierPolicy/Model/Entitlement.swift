/// An entry of the entitlement catalogue: what can be granted, what it is called,
/// what it costs, how often it may be used and where it applies.
public struct Entitlement: Hashable, Sendable {
    /// The unique code, e.g. `claims_green_channel`.
    public var code: String
    /// The Chinese name, e.g. 理赔绿色通道.
    public var nameZh: String
    /// The English name.
    public var nameEn: String
    /// A grouping word such as `service`, `discount` or `vip_basic`.
    public var category: String
    /// Cost per grant per period, in yuan.
    public var unitCost: FixedDecimal
    /// Uses per period, if limited.
    public var quota: Quota?
    /// Channels where it applies; nil means everywhere.
    public var channels: [String]?
    /// Where it is defined.
    public var location: PolicyLocation
}
