/// Every number that shapes a synthetic branch, with defaults that give realistic
/// skew. Change any of them; ``validate()`` says what does not make sense.
///
/// Shares are fractions (0.02 = 2 %); weights are relative integers.
public struct SyntheticBranchProfile: Sendable {
    // MARK: Size and organisation

    /// Customers to generate (every one is a policyholder). Default 10,000.
    public var customers = 10_000
    /// Branch offices; households are spread over them by weight. Default: three in Shanghai.
    public var offices = SyntheticBranchOffice.defaultOffices
    /// Sales agents, spread round-robin over the offices. Default 36.
    public var salesAgents = 36
    /// Agents no longer active (their policies keep them). Default 0.1.
    public var inactiveAgentShare = 0.1
    /// Years of purchase history before the as-of date. Default 20.
    public var historyYears = 20

    // MARK: Households and people

    /// Weights of household sizes 1, 2, 3, ... (index 0 = one person). The default
    /// [28, 30, 20, 12, 6, 4] averages 2.50 people per household.
    public var householdSizeWeights = [28, 30, 20, 12, 6, 4]
    /// Share of customers who are (or were) staff. Default 0.02.
    public var staffShare = 0.02
    /// Share of staff who have left (left_on set). Default 0.15.
    public var formerStaffShare = 0.15
    /// Chance that a staff member's spouse, child or parent in the household is a
    /// registered family member. Default 0.85.
    public var familyRegistrationShare = 0.85
    /// The same for other relatives (siblings, in-laws, grandchildren). Default 0.3.
    public var otherRelativeRegistrationShare = 0.3
    /// Customers with unknown gender (as imports have). Default 0.003.
    public var unknownGenderShare = 0.003
    /// Customers with unknown birth date. Default 0.003.
    public var unknownBirthDateShare = 0.003
    /// Customers with a phone number. Default 0.96.
    public var phoneShare = 0.96
    /// Customers with a photo reference. Default 0.35.
    public var photoShare = 0.35

    // MARK: Purchase history

    /// Customers whose first and only purchase is within the last year. Default 0.12.
    public var newCustomerShare = 0.12
    /// Customers whose last purchase is more than two years old (the revisit list). Default 0.22.
    public var lapsedCustomerShare = 0.22
    /// Mean purchases beyond the second for returning customers. Default 0.6.
    public var returningExtraPurchases = 0.6
    /// Mean purchases beyond the first for lapsed customers. Default 0.8.
    public var lapsedExtraPurchases = 0.8
    /// Chance that a lapsed customer's long-term policy has lapsed. Default 0.7.
    public var lapsedCustomerPolicyLapseShare = 0.7
    /// Chance that any other long-term policy has lapsed. Default 0.04.
    public var policyLapseShare = 0.04
    /// Chance that a long-term policy lapsed once and was reinstated (active, lapsed_on set). Default 0.01.
    public var reinstatedShare = 0.01
    /// Chance that a long-term policy was surrendered. Default 0.02.
    public var surrenderShare = 0.02
    /// Chance that a policy ended in a claim. Default 0.02.
    public var claimedShare = 0.02
    /// Share of households (of two or more) topped up to at least
    /// ``loyalLongTermPolicies`` active long-term policies (large households also get
    /// there by themselves: about 5 % of households in all). Default 0.02.
    public var loyalHouseholdShare = 0.02
    /// The loyalty threshold those households reach. Default 6.
    public var loyalLongTermPolicies = 6

    // MARK: Products, premiums, channels

    /// The product catalogue. Default ``SyntheticProduct/defaultCatalogue``.
    public var products = SyntheticProduct.defaultCatalogue
    /// Per-customer total annual premium. Default lognormal, median 2,800 yuan,
    /// sigma 1.68: the top 20 % of customers hold about 80 % of the premium.
    public var premium = PremiumDistribution.lognormal(medianCents: 280_000, sigma: 1.68)
    /// Above this total (cents) a customer holds at least one long-term policy, so
    /// large premiums do not sit on one-year covers. Default 500,000 (5,000 yuan).
    public var shortTermOnlyMaximumCents = 500_000
    /// Smallest premium of one policy, in cents. Default 5,000 (50 yuan).
    public var minimumPolicyPremiumCents = 5_000
    /// Weight multiplier for products matching a customer's risk preference
    /// (accident for the averse, investment-linked and universal life for seekers). Default 3.
    public var riskProductBias = 3
    /// Sales channels: weight, and chance that a sale there has a selling agent.
    public var salesChannels: [(channel: String, weight: Int, agentShare: Double)] = [
        ("agent", 38, 1.0), ("counter", 22, 0.3), ("bancassurance", 12, 0.5), ("wechat", 10, 0.1),
        ("phone", 8, 0.2), ("website", 7, 0.0), ("other", 3, 0.0),
    ]

    // MARK: Referrals and complaints

    /// Chance that a policy was referred by an employee. Default 0.04.
    public var referralShare = 0.04
    /// Chance that a staff family member's policy was referred by their employee. Default 0.4.
    public var staffFamilyReferralShare = 0.4
    /// Referral commission accrued per referred policy, in basis points of its
    /// premium; 0 = no accruals. Default 500 (5 %).
    public var referralCommissionBasisPoints = 500
    /// Whether an upheld mis-selling complaint on a referred policy already has its
    /// clawback. Default true.
    public var clawBackUpheldMisSelling = true
    /// Chance that a referred policy drew an upheld mis-selling complaint. Default 0.08.
    public var misSellingOnReferredShare = 0.08
    /// Chance that a customer has complained (other complaints). Default 0.04.
    public var complaintShare = 0.04
    /// Outcomes of resolved ordinary complaints with weights (recent ones are mostly
    /// still pending).
    public var complaintOutcomes: [(outcome: String, weight: Int)] = [("upheld", 30), ("rejected", 50), ("withdrawn", 20)]
    /// Complaint categories with weights.
    public var complaintCategories: [(category: String, weight: Int)] = [
        ("service", 30), ("claims", 25), ("sales", 15), ("billing", 10), ("product", 8),
        ("staff", 5), ("underwriting", 4), ("other", 3),
    ]

    // MARK: Service and surveys

    /// Mean service interactions per customer. Default 4.
    public var serviceInteractionsPerCustomer = 4.0
    /// Service interaction kinds with weights.
    public var serviceKinds: [(kind: String, weight: Int)] = [
        ("inquiry", 30), ("visit", 20), ("call", 20), ("service_activity", 10), ("claim", 8), ("event", 7), ("other", 5),
    ]
    /// Service interaction channels with weights.
    public var serviceChannels: [(channel: String, weight: Int)] = [
        ("counter", 25), ("phone", 25), ("wechat", 20), ("website", 10), ("agent", 10), ("sms", 4), ("email", 3), ("letter", 3),
    ]
    /// Customers who took a risk survey. Default 0.45.
    public var riskSurveyShare = 0.45
    /// Of those, customers who took a second one later. Default 0.2.
    public var repeatSurveyShare = 0.2
    /// Highest score profiled risk-averse. Default 35.
    public var riskAverseMaxScore = 35
    /// Lowest score profiled risk-seeking. Default 65.
    public var riskSeekingMinScore = 65

    /// The defaults.
    public init() {}

    /// The defaults with another customer count.
    public init(customers: Int) {
        self.customers = customers
    }
}
