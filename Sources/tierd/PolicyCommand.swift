import ArgumentParser
import Foundation
import TierClient
import TierImport
import TierPolicy
import TierServer
import TierStore
import TierWire

/// `tierd policy check|test|explain|simulate`: work with policy sets; only simulate
/// reads the database.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, test, explain and simulate policy sets.",
        subcommands: [Check.self, Test.self, Explain.self, Simulate.self])

    /// Loads a set or prints its diagnostics and exits 1.
    static func load(_ directory: String) throws -> PolicySet {
        switch PolicyLoader.load(try PolicyDirectory(path: directory).sources()) {
        case .success(let set): return set
        case .failure(let list):
            for diagnostic in list.diagnostics { print("\(directory)/\(diagnostic)") }
            print("\(list.diagnostics.count) problem\(list.diagnostics.count == 1 ? "" : "s") in \(directory)")
            throw ExitCode(1)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load a policy set and print every problem as file:line:col: code: message.")
        @Argument(help: "The policy set's directory.") var directory: String

        func run() throws {
            let set = try PolicyCommand.load(directory)
            print("\(directory): ok, revision \(set.revision)")
            print("  \(set.catalogue.count) entitlements, \(set.segments.count) segments, \(set.tiers.count) tier tables, "
                  + "\(set.grants.count) grant rules, \(set.tasks.count) task rules, \(set.budgets.count) budgets")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a policy set's test cases and broken-file corpus.")
        @Argument(help: "The policy set's directory.") var directory: String

        func run() throws {
            let folder = PolicyDirectory(path: directory)
            let set = try PolicyCommand.load(directory)
            var report = PolicyTestRunner.run(set, testFiles: try folder.testFiles())
            report.results += PolicyTestRunner.checkBroken(try folder.brokenFiles())
            for problem in report.problems { print("\(directory)/\(problem)") }
            for result in report.results where !result.passed {
                print("FAIL \(directory)/\(result.location): \(result.name)")
                for failure in result.failures { print("  - \(failure)") }
            }
            print("\(directory): \(report.passed) passed, \(report.failed) failed")
            if report.failed > 0 { throw ExitCode(1) }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate facts from a JSON file and print the decision, the trace and the hints.")
        @Argument(help: "The policy set's directory.") var directory: String
        @Option(name: .long, help: ArgumentHelp("JSON object of facts by path.", valueName: "file")) var facts: String
        @Option(name: .long, help: "Explain only this entitlement's absence.") var code: String?

        func run() throws {
            let set = try PolicyCommand.load(directory)
            let factSet = try FactsFile(path: facts).read(schema: set.schema)
            let explanation = PolicyEvaluator(set).explain(factSet, code: code)
            print(ExplanationText(explanation).render())
        }
    }

    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a candidate policy set against every customer beside the active one.",
            discussion: """
                Reads every customer's facts once and decides them under both sets, keeping only \
                the sums: who moves between which tiers, who gains or loses which entitlement, and \
                the yearly cost per tier of the classification's value table against that tier's \
                budget. Nothing is written. Progress shows on standard error when it is a terminal.
                """)
        @Argument(help: "The candidate policy set's directory.") var candidate: String
        @Option(name: .long, help: "The active policy set's directory.") var policies = "policies/branch"
        @Option(name: .long, help: ArgumentHelp("The day to evaluate for. Default: today.", valueName: "YYYY-MM-DD"))
        var asOf: String?
        @Option(name: .long, help: "Customer ids kept per movement as examples.") var samples = 5
        @Flag(name: .long, help: "Print the report as JSON (the policy.simulate result).") var json = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard samples >= 0 else { throw ValidationError("--samples must not be negative") }
            if let asOf, CivilDate.parse(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
        }

        func run() throws {
            let active = try PolicyCommand.loaded(policies)
            let proposed = try PolicyCommand.loaded(candidate)
            let day = asOf.flatMap(CivilDate.parse) ?? WireTime.today()
            let connection = try database.connect()
            let bar = TerminalProgressBar.standardError()
            let report: PolicySimulationReport
            do {
                report = try PolicySimulator(active: active, candidate: proposed, samples: samples)
                    .run(asOf: day, on: connection) { done, total in
                        bar?.update(label: "simulate", done: done, total: total, unit: "customers")
                    }
                bar?.finish()
            } catch {
                bar?.finish()
                throw error
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(SimulationReportText.render(report), terminator: "")
            }
        }
    }

    /// Loads a set as the daemon would serve it, or prints its diagnostics and exits 1.
    static func loaded(_ directory: String) throws -> LoadedPolicy {
        let set = try load(directory)
        return LoadedPolicy(set: set, directory: directory, files: [])
    }
}
