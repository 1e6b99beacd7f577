import ArgumentParser
import TierImport
import TierStore
import TierSynthetic

/// `tierd seed`: loads a deterministic synthetic branch into an empty, migrated database.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a deterministic synthetic branch into an empty, migrated database.",
        discussion: """
            The same --seed and --as-of give byte-identical data; the as-of date anchors \
            every date (ages, purchases, lapses), so leaving it to default to today gives \
            different data tomorrow. Refuses a database that already has customers or policies. \
            Everything is loaded with COPY in one transaction: all of it or nothing.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Number of customers to generate.")
    var customers: Int

    @Option(name: .long, help: "Seed of the generator (any unsigned 64-bit number).")
    var seed: UInt64

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The day the data is as of. Default: today (UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard customers >= 1 else { throw ValidationError("--customers must be at least 1") }
        if let asOf, PGDate(iso: asOf) == nil {
            throw ValidationError("--as-of must be a date as YYYY-MM-DD, got \(asOf)")
        }
    }

    func run() throws {
        let day = asOf.flatMap { PGDate(iso: $0) } ?? SyntheticBranch.todayUTC()
        let branch = SyntheticBranch(profile: SyntheticBranchProfile(customers: customers), seed: seed, asOf: day)
        let connection = try database.connect()
        if !quiet { print("seeding \(customers) customers, seed \(seed), as of \(day)") }
        let started = ContinuousClock.now
        let activity = quiet ? nil : TerminalActivity.standardError(label: "seed")
        defer { activity?.finish() }
        do {
            let summary = try branch.load(into: connection) { table, rows in
                activity?.update("\(table) loaded")
                guard !quiet else { return }
                let padding = String(repeating: " ", count: max(1, 25 - table.count))
                let line = "  \(table)\(padding)\(rows) rows  at \((ContinuousClock.now - started).displaySeconds)"
                if let activity { activity.print(line) } else { print(line) }
            }
            activity?.finish()
            if !quiet {
                print("seeded \(summary.totalRows) rows in \((ContinuousClock.now - started).displaySeconds) (ANALYZE included)")
            }
        } catch let error as SyntheticBranchError {
            throw ValidationError(error.description)
        }
    }
}
