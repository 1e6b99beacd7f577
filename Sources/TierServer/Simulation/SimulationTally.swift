import TierPolicy
import TierWire

/// Sums what a candidate policy set changes, one customer's pair of decisions at a
/// time. It keeps counts and a few example ids, never the customers, so a branch of
/// any size streams through it. Pure: no I/O.
///
/// A granted entitlement costs its catalogue `unit_cost` a year, as the evaluator's
/// budgets count it.
struct SimulationTally {
    private let active: PolicySet
    private let candidate: PolicySet
    /// The table costs are grouped by, when both sets have it.
    let costTable: String?
    private let samples: Int
    private let activeServices: Set<PolicyLocation>
    private let candidateServices: Set<PolicyLocation>

    private(set) var customers = 0
    private(set) var changedCustomers = 0
    private var movements: [Movement: Sampled] = [:]
    private var tiers: [TierKey: TierCounts] = [:]
    private var entitlements: [String: EntitlementCounts] = [:]
    private var costs: [String: CostCounts] = [:]
    private var activeCost: Int64 = 0
    private var candidateCost: Int64 = 0

    /// A tally of `candidate` against `active`, costs grouped by `costTable` (nil: not
    /// grouped), keeping up to `samples` customer ids per movement.
    init(active: PolicySet, candidate: PolicySet, costTable: String?, samples: Int) {
        self.active = active
        self.candidate = candidate
        let hasTable = { (set: PolicySet, name: String) in set.tiers.contains { $0.name == name } }
        self.costTable = costTable.flatMap { hasTable(active, $0) && hasTable(candidate, $0) ? $0 : nil }
        self.samples = max(0, samples)
        activeServices = Set(active.budgets.flatMap { $0.services.map(\.location) })
        candidateServices = Set(candidate.budgets.flatMap { $0.services.map(\.location) })
    }

    /// Adds one customer's decisions under both sets.
    mutating func add(_ customerId: Int64, active before: Decision, candidate after: Decision) {
        customers += 1
        var changed = false
        let beforeTiers = Dictionary(before.tiers.map { ($0.table, Self.label($0.value)) }, uniquingKeysWith: { first, _ in first })
        let afterTiers = Dictionary(after.tiers.map { ($0.table, Self.label($0.value)) }, uniquingKeysWith: { first, _ in first })
        for table in Set(beforeTiers.keys).union(afterTiers.keys) {
            let from = beforeTiers[table] ?? Self.none
            let to = afterTiers[table] ?? Self.none
            tiers[TierKey(table: table, tier: from), default: TierCounts()].active += 1
            tiers[TierKey(table: table, tier: to), default: TierCounts()].candidate += 1
            guard from != to else { continue }
            changed = true
            tiers[TierKey(table: table, tier: from), default: TierCounts()].lost += 1
            tiers[TierKey(table: table, tier: to), default: TierCounts()].gained += 1
            movements[Movement(table: table, from: from, to: to), default: Sampled()].add(customerId, keeping: samples)
        }

        let beforeCodes = Set(before.entitlements.map(\.code))
        let afterCodes = Set(after.entitlements.map(\.code))
        for code in beforeCodes { entitlements[code, default: EntitlementCounts()].active += 1 }
        for code in afterCodes { entitlements[code, default: EntitlementCounts()].candidate += 1 }
        for code in afterCodes.subtracting(beforeCodes) {
            entitlements[code, default: EntitlementCounts()].gained.add(customerId, keeping: samples)
            changed = true
        }
        for code in beforeCodes.subtracting(afterCodes) {
            entitlements[code, default: EntitlementCounts()].lost.add(customerId, keeping: samples)
            changed = true
        }

        activeCost &+= before.totalCost.scaled
        candidateCost &+= after.totalCost.scaled
        if before.totalCost != after.totalCost { changed = true }
        if let costTable {
            let fromTier = before.tier(costTable) ?? Self.none
            let toTier = after.tier(costTable) ?? Self.none
            costs[fromTier, default: CostCounts()].active.add(before, services: activeServices)
            costs[toTier, default: CostCounts()].candidate.add(after, services: candidateServices)
        }
        if changed { changedCustomers += 1 }
    }

    /// The report, for a run on day `asOf` (`YYYY-MM-DD`).
    func report(asOf: String) -> PolicySimulationReport {
        PolicySimulationReport(
            activeRevision: active.revision, candidateRevision: candidate.revision, asOf: asOf,
            customers: customers, changedCustomers: changedCustomers, costTable: costTable,
            movements: movements.sorted { lhs, rhs in
                (lhs.key.table, -lhs.value.count, lhs.key.from, lhs.key.to) < (rhs.key.table, -rhs.value.count, rhs.key.from, rhs.key.to)
            }.map {
                .init(table: $0.key.table, from: $0.key.from, to: $0.key.to, customers: $0.value.count, sample: $0.value.ids)
            },
            tiers: tiers.keys.sorted { tierOrder($0) < tierOrder($1) }.map { key in
                let counts = tiers[key]!
                return .init(table: key.table, tier: key.tier, active: counts.active, candidate: counts.candidate,
                             gained: counts.gained, lost: counts.lost)
            },
            entitlements: entitlements.keys.sorted { codeOrder($0) < codeOrder($1) }.map { code in
                let counts = entitlements[code]!
                return .init(code: code, active: counts.active, candidate: counts.candidate,
                             gained: counts.gained.count, lost: counts.lost.count,
                             gainedSample: counts.gained.ids, lostSample: counts.lost.ids)
            },
            costs: costs.keys.sorted { tierOrder(TierKey(table: costTable ?? "", tier: $0)) < tierOrder(TierKey(table: costTable ?? "", tier: $1)) }
                .map { tier in
                    let counts = costs[tier]!
                    let activeBudget = budget(active, tier: tier).multipliedSaturating(counts.active.customers)
                    let candidateBudget = budget(candidate, tier: tier).multipliedSaturating(counts.candidate.customers)
                    return .init(
                        tier: tier, activeCustomers: counts.active.customers, candidateCustomers: counts.candidate.customers,
                        activeCost: Self.money(counts.active.cost), candidateCost: Self.money(counts.candidate.cost),
                        costDelta: Self.money(counts.candidate.cost &- counts.active.cost),
                        activeBudget: Self.money(activeBudget), candidateBudget: Self.money(candidateBudget),
                        activeBudgetSpend: Self.money(counts.active.spend), candidateBudgetSpend: Self.money(counts.candidate.spend))
                },
            activeCost: Self.money(activeCost), candidateCost: Self.money(candidateCost),
            costDelta: Self.money(candidateCost &- activeCost))
    }

    // MARK: - Labels and order

    /// The label for a customer without a tier in a table.
    static let none = "-"

    /// A tier result as text: its name, a collected list joined by `+`, or `-`.
    static func label(_ value: PolicyValue) -> String {
        switch value {
        case .string(let name): return name
        case .list(let items):
            let names = items.compactMap { item -> String? in
                if case .string(let name) = item { return name }
                return nil
            }
            return names.isEmpty ? none : names.joined(separator: "+")
        default: return none
        }
    }

    /// Tables in the active set's order; tiers in their table's order, unknown ones
    /// by name, no tier last.
    private func tierOrder(_ key: TierKey) -> (Int, String, Int, String) {
        let tables = active.tiers.map(\.name) + candidate.tiers.map(\.name)
        let tableIndex = tables.firstIndex(of: key.table) ?? tables.count
        let names = (active.tiers.first { $0.name == key.table }?.tierNames ?? [])
            + (candidate.tiers.first { $0.name == key.table }?.tierNames ?? [])
        let tierIndex = key.tier == Self.none ? Int.max : (names.firstIndex(of: key.tier) ?? names.count)
        return (tableIndex, key.table, tierIndex, key.tier)
    }

    /// Codes in catalogue order (the active set's first).
    private func codeOrder(_ code: String) -> (Int, String) {
        let order = active.catalogueOrder + candidate.catalogueOrder
        return (order.firstIndex(of: code) ?? order.count, code)
    }

    /// A tier's yearly budget per customer in `set`, scaled; 0 without one.
    private func budget(_ set: PolicySet, tier: String) -> Int64 {
        set.budgets.first { $0.table == costTable && $0.tier == tier }?.yearly.scaled ?? 0
    }

    private static func money(_ scaled: Int64) -> DecimalText {
        DecimalText(FixedDecimal(scaled: scaled).description)
    }

    // MARK: - Accumulators

    private struct Movement: Hashable {
        var table: String
        var from: String
        var to: String
    }

    private struct TierKey: Hashable {
        var table: String
        var tier: String
    }

    /// A count with the first ids counted.
    private struct Sampled {
        var count = 0
        var ids: [Int64] = []

        mutating func add(_ id: Int64, keeping limit: Int) {
            count += 1
            if ids.count < limit { ids.append(id) }
        }
    }

    private struct TierCounts {
        var active = 0
        var candidate = 0
        var gained = 0
        var lost = 0
    }

    private struct EntitlementCounts {
        var active = 0
        var candidate = 0
        var gained = Sampled()
        var lost = Sampled()
    }

    /// One revision's customers and costs in a tier (money scaled by `FixedDecimal.scale`).
    private struct Spend {
        var customers = 0
        var cost: Int64 = 0
        var spend: Int64 = 0

        mutating func add(_ decision: Decision, services: Set<PolicyLocation>) {
            customers += 1
            cost &+= decision.totalCost.scaled
            for entitlement in decision.entitlements where services.contains(entitlement.grantedBy) {
                spend &+= entitlement.unitCost.scaled
            }
        }
    }

    private struct CostCounts {
        var active = Spend()
        var candidate = Spend()
    }
}

extension Int64 {
    /// `self * count`, clamped at the bounds instead of trapping.
    fileprivate func multipliedSaturating(_ count: Int) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: Int64(count))
        return overflow ? (self < 0 ? .min : .max) : product
    }
}
