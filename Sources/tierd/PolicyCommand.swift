import ArgumentParser
import Foundation
import TierPolicy
import TierServer

/// `tierd policy check|test|explain`: work with policy sets without a database.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, test and explain policy sets.",
        subcommands: [Check.self, Test.self, Explain.self])

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
}
