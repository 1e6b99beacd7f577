import TierWire

/// What the branch report shows, gathered from the database by
/// ``BranchReportQuery`` and drawn by ``BranchReportHTML``. Also written as JSON.
public struct BranchReport: Codable, Sendable, Equatable {
    /// The day the report is for (`YYYY-MM-DD`).
    public var asOf: String
    /// The policy revision the costs were decided by.
    public var revision: String
    /// Customers in the database.
    public var customers: Int
    /// The classification run the Pareto curve and RFM counts come from, if any.
    public var latestRun: Int64?
    /// Cumulative customer share against cumulative premium share (the classification's
    /// monetary value, customers by it from the highest), at most about 200 points.
    public var pareto: [ParetoPoint]
    /// Where the ABC classes end on the customer axis (the last A, the last B).
    public var abcCuts: [AbcCut]
    /// Value-tier counts, upgrades and downgrades of the latest runs, oldest first.
    public var runs: [RunTiers]
    /// The value table's tiers, best first.
    public var tierOrder: [String]
    /// Customers of each RFM type 1 to 8 in the latest run.
    public var rfm: [Int]
    /// Yearly entitlement cost per value tier against its budget, today.
    public var costs: [PolicySimulationReport.TierCost]
    /// Revisit calls: queued, attempted, finished, reached.
    public var funnel: [Count]
    /// Finished revisit calls by outcome, and by churn reason.
    public var outcomes: [Count]
    public var churnReasons: [Count]
    /// A candidate policy set simulated beside the active one, when asked for.
    public var simulation: PolicySimulationReport?

    public init(
        asOf: String, revision: String, customers: Int, latestRun: Int64?, pareto: [ParetoPoint], abcCuts: [AbcCut],
        runs: [RunTiers], tierOrder: [String], rfm: [Int], costs: [PolicySimulationReport.TierCost], funnel: [Count],
        outcomes: [Count], churnReasons: [Count], simulation: PolicySimulationReport? = nil
    ) {
        self.asOf = asOf
        self.revision = revision
        self.customers = customers
        self.latestRun = latestRun
        self.pareto = pareto
        self.abcCuts = abcCuts
        self.runs = runs
        self.tierOrder = tierOrder
        self.rfm = rfm
        self.costs = costs
        self.funnel = funnel
        self.outcomes = outcomes
        self.churnReasons = churnReasons
        self.simulation = simulation
    }

    /// One point of the Pareto curve.
    public struct ParetoPoint: Codable, Sendable, Equatable {
        public var customerShare: Double
        public var premiumShare: Double

        public init(customerShare: Double, premiumShare: Double) {
            self.customerShare = customerShare
            self.premiumShare = premiumShare
        }
    }

    /// The end of an ABC class on the Pareto curve.
    public struct AbcCut: Codable, Sendable, Equatable {
        public var abcClass: String
        public var customerShare: Double
        public var premiumShare: Double

        public init(abcClass: String, customerShare: Double, premiumShare: Double) {
            self.abcClass = abcClass
            self.customerShare = customerShare
            self.premiumShare = premiumShare
        }
    }

    /// One classification run's value tiers and movements.
    public struct RunTiers: Codable, Sendable, Equatable {
        public var runId: Int64
        public var asOf: String
        public var tiers: [String: Int]
        public var upgrades: Int
        public var downgrades: Int

        public init(runId: Int64, asOf: String, tiers: [String: Int], upgrades: Int, downgrades: Int) {
            self.runId = runId
            self.asOf = asOf
            self.tiers = tiers
            self.upgrades = upgrades
            self.downgrades = downgrades
        }
    }

    /// A labelled count.
    public struct Count: Codable, Sendable, Equatable {
        public var label: String
        public var count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }
}
