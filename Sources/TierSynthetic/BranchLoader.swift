import TierStore

/// Writes a branch table by table with COPY, rebuilding households on each pass.
///
/// One COPY per table, in foreign-key order. Each pass replays the households from
/// the first, asking the planner only for the parts that table needs, so memory
/// stays at one household plus the roster however large the branch.
struct BranchLoader {
    let planner: HouseholdPlanner
    let layout: BranchLayout
    let connection: PGConnection
    let progress: ((String, Int) -> Void)?
    /// Tables written so far, with row counts.
    private(set) var loaded: [SyntheticBranchSummary.Table] = []

    /// The tables this loader fills, in load order.
    static let tables = [
        "branches", "households", "customers", "sales_agents", "employees", "employee_family_members",
        "policies", "complaints", "referral_commissions", "service_interactions", "risk_surveys",
    ]

    init(planner: HouseholdPlanner, layout: BranchLayout, connection: PGConnection,
         progress: ((String, Int) -> Void)?) {
        self.planner = planner
        self.layout = layout
        self.connection = connection
        self.progress = progress
    }

    var profile: SyntheticBranchProfile { planner.profile }
    var asOf: Int { planner.asOf }

    /// Throws ``SyntheticBranchError/databaseNotEmpty(table:rows:)`` if any table the
    /// loader fills (or would collide with) has rows. Locks them first, so two
    /// concurrent seeds cannot both see an empty database.
    func refuseIfNotEmpty() throws {
        try connection.execute("LOCK TABLE " + Self.tables.joined(separator: ", ") + " IN EXCLUSIVE MODE")
        for table in Self.tables {
            let result = try connection.execute("SELECT count(*) FROM (SELECT 1 FROM \(table) LIMIT 1000000) AS x")
            let rows = try result.scalar(Int.self)
            if rows > 0 { throw SyntheticBranchError.databaseNotEmpty(table: table, rows: rows) }
        }
    }

    /// Every table, in foreign-key order.
    mutating func loadAll() throws {
        record("branches", try loadBranches())
        record("households", try loadHouseholds())
        record("customers", try loadCustomers())
        record("sales_agents", try loadSalesAgents())
        record("employees", try loadEmployees())
        record("employee_family_members", try loadFamilyMembers())
        record("policies", try loadPolicies())
        record("complaints", try loadComplaints())
        record("referral_commissions", try loadReferralCommissions())
        record("service_interactions", try loadInteractions())
        record("risk_surveys", try loadSurveys())
    }

    /// Calls `body` with every household, numbered consistently, with `parts` generated.
    func forEachHousehold(_ parts: PlanParts, _ body: (HouseholdPlan) throws -> Void) rethrows {
        var ids = IdCursor()
        for index in layout.householdSizes.indices {
            let plan = planner.plan(index, ids: ids, parts: parts)
            try body(plan)
            ids.advance(past: plan)
        }
    }

    /// Runs one `COPY table (columns) FROM STDIN`; returns the rows stored.
    func copy(_ table: String, _ columns: [String], rows: (inout PGCopyWriter) throws -> Void) throws -> Int {
        try connection.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN", rows)
    }

    /// Adds a loaded table to the summary and reports it.
    private mutating func record(_ table: String, _ count: Int) {
        loaded.append(SyntheticBranchSummary.Table(name: table, rows: count))
        progress?(table, count)
    }
}
