/// `policy.simulate`: evaluates a candidate policy set, read from a directory on the
/// daemon's host, against every customer beside the revision serving now, and
/// reports who would gain or lose which tier and entitlement and what the yearly
/// cost per tier would become against its budget. Nothing is written.
public enum PolicySimulate: RPCMethod {
    public static let name = "policy.simulate"
    public static let roles: Set<Role> = [.admin]
    public typealias Params = PolicySimulateParams
    public typealias Result = PolicySimulationReport
}

/// Params of `policy.simulate`.
public struct PolicySimulateParams: Codable, Sendable, Hashable {
    /// The candidate set's directory, on the daemon's host.
    public var directory: String
    /// Customer ids kept per movement as examples (default 5, at most 100).
    public var samples: Int?

    public init(directory: String, samples: Int? = nil) {
        self.directory = directory
        self.samples = samples
    }
}

/// What a candidate policy set would change, customer by customer, summed.
public struct PolicySimulationReport: Codable, Sendable, Hashable {
    /// The revision serving now.
    public var activeRevision: String
    /// The candidate's revision.
    public var candidateRevision: String
    /// The day both were evaluated for (`YYYY-MM-DD`).
    public var asOf: String
    /// Customers evaluated.
    public var customers: Int
    /// Customers whose tiers, entitlements or cost differ.
    public var changedCustomers: Int
    /// The tier table the costs are grouped by (the classification's value table).
    public var costTable: String?
    /// Customers that moved between two tiers of a table, one entry per (table, from, to).
    public var movements: [TierMovement]
    /// Per table and tier: customers under each revision, and who came and went.
    public var tiers: [TierCount]
    /// Per entitlement: holders under each revision, and who gained or lost it.
    public var entitlements: [EntitlementChange]
    /// Per tier of `costTable`: the yearly cost under each revision against its budget.
    public var costs: [TierCost]
    /// The yearly cost of every entitlement granted, under each revision.
    public var activeCost: DecimalText
    public var candidateCost: DecimalText
    /// `candidateCost - activeCost`.
    public var costDelta: DecimalText

    enum CodingKeys: String, CodingKey {
        case customers, movements, tiers, entitlements, costs
        case activeRevision = "active_revision", candidateRevision = "candidate_revision", asOf = "as_of"
        case changedCustomers = "changed_customers", costTable = "cost_table"
        case activeCost = "active_cost", candidateCost = "candidate_cost", costDelta = "cost_delta"
    }

    public init(
        activeRevision: String, candidateRevision: String, asOf: String, customers: Int, changedCustomers: Int,
        costTable: String?, movements: [TierMovement], tiers: [TierCount], entitlements: [EntitlementChange],
        costs: [TierCost], activeCost: DecimalText, candidateCost: DecimalText, costDelta: DecimalText
    ) {
        self.activeRevision = activeRevision
        self.candidateRevision = candidateRevision
        self.asOf = asOf
        self.customers = customers
        self.changedCustomers = changedCustomers
        self.costTable = costTable
        self.movements = movements
        self.tiers = tiers
        self.entitlements = entitlements
        self.costs = costs
        self.activeCost = activeCost
        self.candidateCost = candidateCost
        self.costDelta = costDelta
    }

    /// Customers moving from one tier to another of a table (`-` for no tier).
    public struct TierMovement: Codable, Sendable, Hashable {
        public var table: String
        public var from: String
        public var to: String
        public var customers: Int
        /// The first customer ids seen, as examples.
        public var sample: [Int64]

        public init(table: String, from: String, to: String, customers: Int, sample: [Int64]) {
            self.table = table
            self.from = from
            self.to = to
            self.customers = customers
            self.sample = sample
        }
    }

    /// One tier of one table under both revisions.
    public struct TierCount: Codable, Sendable, Hashable {
        public var table: String
        public var tier: String
        public var active: Int
        public var candidate: Int
        /// Customers in the tier under the candidate only.
        public var gained: Int
        /// Customers in the tier under the active revision only.
        public var lost: Int

        public init(table: String, tier: String, active: Int, candidate: Int, gained: Int, lost: Int) {
            self.table = table
            self.tier = tier
            self.active = active
            self.candidate = candidate
            self.gained = gained
            self.lost = lost
        }
    }

    /// One entitlement under both revisions.
    public struct EntitlementChange: Codable, Sendable, Hashable {
        public var code: String
        public var active: Int
        public var candidate: Int
        public var gained: Int
        public var lost: Int
        public var gainedSample: [Int64]
        public var lostSample: [Int64]

        enum CodingKeys: String, CodingKey {
            case code, active, candidate, gained, lost
            case gainedSample = "gained_sample", lostSample = "lost_sample"
        }

        public init(code: String, active: Int, candidate: Int, gained: Int, lost: Int, gainedSample: [Int64], lostSample: [Int64]) {
            self.code = code
            self.active = active
            self.candidate = candidate
            self.gained = gained
            self.lost = lost
            self.gainedSample = gainedSample
            self.lostSample = lostSample
        }
    }

    /// One tier's yearly cost under both revisions. Each customer's cost counts
    /// under the tier that revision gives them; `budget` is the tier's yearly
    /// personalised-service budget times its customers, `budget_spend` what those
    /// services cost.
    public struct TierCost: Codable, Sendable, Hashable {
        public var tier: String
        public var activeCustomers: Int
        public var candidateCustomers: Int
        public var activeCost: DecimalText
        public var candidateCost: DecimalText
        public var costDelta: DecimalText
        public var activeBudget: DecimalText
        public var candidateBudget: DecimalText
        public var activeBudgetSpend: DecimalText
        public var candidateBudgetSpend: DecimalText

        enum CodingKeys: String, CodingKey {
            case tier
            case activeCustomers = "active_customers", candidateCustomers = "candidate_customers"
            case activeCost = "active_cost", candidateCost = "candidate_cost", costDelta = "cost_delta"
            case activeBudget = "active_budget", candidateBudget = "candidate_budget"
            case activeBudgetSpend = "active_budget_spend", candidateBudgetSpend = "candidate_budget_spend"
        }

        public init(
            tier: String, activeCustomers: Int, candidateCustomers: Int, activeCost: DecimalText, candidateCost: DecimalText,
            costDelta: DecimalText, activeBudget: DecimalText, candidateBudget: DecimalText,
            activeBudgetSpend: DecimalText, candidateBudgetSpend: DecimalText
        ) {
            self.tier = tier
            self.activeCustomers = activeCustomers
            self.candidateCustomers = candidateCustomers
            self.activeCost = activeCost
            self.candidateCost = candidateCost
            self.costDelta = costDelta
            self.activeBudget = activeBudget
            self.candidateBudget = candidateBudget
            self.activeBudgetSpend = activeBudgetSpend
            self.candidateBudgetSpend = candidateBudgetSpend
        }
    }
}
