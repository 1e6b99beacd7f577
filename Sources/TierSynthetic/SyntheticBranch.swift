import Foundation
import TierStore

/// A deterministic synthetic insurance branch: households, customers, staff and their
/// families, agents, policies, complaints, referral commissions, service records and
/// risk surveys, with realistic skew (see ``SyntheticBranchProfile``).
///
/// Determinism is per (profile, seed, as-of date): the same three give byte-identical
/// rows, ids and timestamps included. The as-of date anchors every date (ages,
/// purchase history, lapses), so a different day gives a different branch.
public struct SyntheticBranch: Sendable {
    /// The knobs.
    public let profile: SyntheticBranchProfile
    /// The seed of every random stream.
    public let seed: UInt64
    /// The day the data is "as of": nothing happens after it.
    public let asOf: PGDate

    /// Describes a branch; nothing is generated until ``load(into:progress:)``.
    public init(profile: SyntheticBranchProfile = SyntheticBranchProfile(), seed: UInt64, asOf: PGDate) {
        self.profile = profile
        self.seed = seed
        self.asOf = asOf
    }

    /// Today's date in UTC, the default as-of date.
    public static func todayUTC() -> PGDate {
        PGDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Loads the branch into an empty, migrated database with COPY, one table after
    /// another in foreign-key order, all in one transaction: it commits whole or not
    /// at all. `progress` is called after each table with its name and row count.
    ///
    /// Throws ``SyntheticBranchError/databaseNotEmpty(table:rows:)`` if the database
    /// already holds people or policies, ``SyntheticBranchError/invalidProfile(_:)``
    /// for a bad profile, or the ``PGError`` of a failed statement.
    public func load(into connection: PGConnection, progress: ((String, Int) -> Void)? = nil) throws
        -> SyntheticBranchSummary {
        try profile.validate()
        let started = ContinuousClock.now
        let layout = BranchLayout(profile: profile, seed: seed, asOf: asOf.daysSinceEpoch)
        let planner = HouseholdPlanner(
            profile: profile, seed: seed, asOf: asOf.daysSinceEpoch, householdSizes: layout.householdSizes,
            roster: layout.roster)
        var loader = BranchLoader(planner: planner, layout: layout, connection: connection, progress: progress)
        try connection.transaction { _ in
            try loader.refuseIfNotEmpty()
            try loader.loadAll()
            try connection.execute("SELECT sync_identity_sequences()")
        }
        // Fresh statistics, so the first queries on the new data plan well.
        try connection.execute("ANALYZE " + BranchLoader.tables.joined(separator: ", "))
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return SyntheticBranchSummary(tables: loader.loaded, seed: seed, asOf: asOf.description, seconds: seconds)
    }
}
