import TierCalendar
import TierPolicy
import TierStore
import TierWire

/// Evaluates a candidate policy set against every customer beside the active one:
/// customer ids stream through a cursor, each customer's facts are loaded once and
/// decided by both sets, and only the sums (``SimulationTally``) are kept, so memory
/// does not grow with the branch. Read-only; blocking (run it on a pool worker).
public struct PolicySimulator: Sendable {
    /// The revision serving now.
    public var active: LoadedPolicy
    /// The revision that might replace it.
    public var candidate: LoadedPolicy
    /// Customer ids kept per movement as examples.
    public var samples: Int
    /// Customers fetched per round trip of the cursor.
    public var batchSize: Int

    /// Makes a simulator. `samples` ids are kept per movement.
    public init(active: LoadedPolicy, candidate: LoadedPolicy, samples: Int = 5, batchSize: Int = 1000) {
        self.active = active
        self.candidate = candidate
        self.samples = samples
        self.batchSize = max(1, batchSize)
    }

    /// Simulates on day `asOf` (days since 1970-01-01, requests on channel `other`,
    /// as the jobs evaluate). `progress` is called after each batch with the
    /// customers done and the total counted at the start.
    public func run(
        asOf: Int, on connection: PGConnection, progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> PolicySimulationReport {
        guard active.set.schema.declarations.map(\.path) == candidate.set.schema.declarations.map(\.path) else {
            throw RPCError.invalidParams(path: "directory", "the candidate policy set reads a different fact schema than the active one")
        }
        var tally = SimulationTally(
            active: active.set, candidate: candidate.set,
            costTable: candidate.set.settings.classification.valueTable, samples: samples)
        let total = Int(try connection.execute("SELECT count(*) FROM customers").scalar(Int64.self))
        try connection.forEachBatch("SELECT id FROM customers ORDER BY id", batchSize: batchSize) { batch in
            for row in batch {
                let customerId: Int64 = try row.decode(0)
                let customer = try FactLoader.load(customerId: customerId, asOf: asOf, channel: "other", policy: active, on: connection)
                let before = active.evaluator.evaluate(customer.facts, quotaUsed: customer.quotaUsed)
                // The same revision on both sides (the report's costs) is decided once.
                let after = candidate === active ? before : candidate.evaluator.evaluate(customer.facts, quotaUsed: customer.quotaUsed)
                tally.add(customerId, active: before, candidate: after)
            }
            progress?(tally.customers, max(total, tally.customers))
        }
        return tally.report(asOf: CivilDate.format(asOf))
    }
}
