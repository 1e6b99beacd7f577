/// Typed, named constants of a policy set, from the `settings:` sections of its files.
/// Every setting has a default, so a set with no `settings:` has these values.
public struct PolicySettings: Hashable, Sendable {
    /// `revisits.lapse_after` when no file sets it: 730 days.
    public static let defaultRevisitLapseDays = 730
    /// The longest `revisits.lapse_after`: 100 years, in days.
    public static let longestRevisitLapseDays = 36_500
    /// `revisits.churn_reasons` when no file sets it: why a lapsed customer stopped
    /// buying, as a revisit records it (seed 004 §2.2.3 (3), "寻找流失原因").
    public static let defaultChurnReasons = ["price", "service", "competitor", "no_longer_needed", "moved", "bad_experience", "other"]
    /// The green-channel kinds a `green_channel` section may configure.
    public static let greenChannelKinds = ["counter", "claims", "underwriting"]
    /// The request channels (`context.channel`) a green-channel rule may be evaluated on.
    public static let requestChannels = ["counter", "website", "wechat", "phone", "agent", "bancassurance", "other"]
    /// The settings expressions may read, as written after `settings.`.
    public static let constantPaths = ["revisits.lapse_after", "loyalty.min_long_term_policies"]

    /// A returning customer whose last purchase is more than this many days old is
    /// lapsed (`revisits.lapse_after`).
    public var revisitLapseDays: Int
    /// The churn reasons a completed revisit task may record (`revisits.churn_reasons`):
    /// lower_snake_case words, unique, in the order written.
    public var churnReasons: [String]
    /// Green-channel rules by kind (`green_channel`); a kind with no rule cannot be opened.
    public var greenChannel: [String: GreenChannelRule]
    /// The yearly loyalty grant to households (`loyalty`).
    public var loyalty = LoyaltySettings()
    /// Referral commissions (`referrals`).
    public var referrals = ReferralSettings()
    /// Risk-disclosure letters (`risk`).
    public var risk = RiskSettings()
    /// Bundles recommended by risk profile (`bundles`), first matching rule wins.
    public var bundles: [BundleRule] = []
    /// How the classify job computes RFM, ABC and quadrants (`classification`).
    public var classification = ClassificationSettings()

    /// Makes settings; the defaults are those of a set with no `settings:`.
    public init(
        revisitLapseDays: Int = defaultRevisitLapseDays, churnReasons: [String] = defaultChurnReasons,
        greenChannel: [String: GreenChannelRule] = [:]
    ) {
        self.revisitLapseDays = revisitLapseDays
        self.churnReasons = churnReasons
        self.greenChannel = greenChannel
    }

    /// The rule of a green-channel kind (`counter`, `claims`, `underwriting`), or nil
    /// when the set does not configure it.
    public func greenChannel(_ kind: String) -> GreenChannelRule? { greenChannel[kind] }

    /// The type and value of a setting expressions may read, by its path after
    /// `settings.` (`revisits.lapse_after`); nil for any other path.
    public func constant(_ path: String) -> (type: PolicyType, value: PolicyValue)? {
        switch path {
        case "revisits.lapse_after": return (.duration, .duration(Int64(revisitLapseDays)))
        case "loyalty.min_long_term_policies": return (.int, .int(Int64(loyalty.minLongTermPolicies)))
        default: return nil
        }
    }
}
