/// Which entitlements open one kind of green channel (`settings.green_channel.KIND`),
/// and the SLA and priority a ticket gets when the granted entitlement does not say.
public struct GreenChannelRule: Hashable, Sendable {
    /// `channel` when not written.
    public static let defaultChannel = "counter"
    /// `sla_hours` when not written.
    public static let defaultSLAHours = 24
    /// `priority` when not written.
    public static let defaultPriority = 0

    /// The green-channel kind: `counter`, `claims` or `underwriting`.
    public var kind: String
    /// Catalogue codes that open it; the customer must hold one (the first held wins).
    public var entitlements: [String]
    /// The request channel the entitlements are evaluated on.
    public var channel: String
    /// The SLA in hours when the granted entitlement has no `sla_hours` param.
    public var slaHours: Int
    /// The ticket priority (0 or more) when the granted entitlement has no `priority` param.
    public var priority: Int
    /// Where the kind is configured.
    public var location: PolicyLocation

    /// Makes a rule.
    public init(kind: String, entitlements: [String], channel: String = defaultChannel, slaHours: Int = defaultSLAHours,
                priority: Int = defaultPriority, location: PolicyLocation) {
        self.kind = kind
        self.entitlements = entitlements
        self.channel = channel
        self.slaHours = slaHours
        self.priority = priority
        self.location = location
    }
}
