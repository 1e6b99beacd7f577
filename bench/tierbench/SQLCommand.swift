import ArgumentParser
import Foundation
import TierServer

/// `tierbench sql`: what `bench/run` needs from the project to build its baselines:
/// the facts statement as a pgbench script, and the policy's classification settings
/// as psql variables.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the facts statement as a pgbench script, or the classification settings as psql variables.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case facts
        case classificationSettings = "classification-settings"
    }

    @Argument(help: "facts or classification-settings")
    var kind: Kind

    @Option(help: "Customers in the database (facts: the ids drawn are 1...N).")
    var customers: Int64 = 1000

    @Option(help: ArgumentHelp("Policy directory.", valueName: "dir"))
    var policies = "policies/branch"

    func run() throws {
        switch kind {
        case .facts:
            // pgbench names its parameters; the day is today, as for a request without as_of.
            let statement = FactLoader.statement
                .replacingOccurrences(of: "$1::bigint", with: ":id::bigint")
                .replacingOccurrences(of: "$2::date", with: "current_date")
            print("\\set id random(1, \(customers))")
            print(statement.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + ";")
        case .classificationSettings:
            let settings = try PolicyHolder.load(policies).set.settings.classification
            print("-v window_days=\(settings.windowDays) -v cut_a=\(settings.abcCuts[0]) -v cut_b=\(settings.abcCuts[1]) -v loyal_days=\(settings.loyalAfterDays)")
        }
    }
}
