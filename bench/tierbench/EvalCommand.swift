import ArgumentParser
import Foundation
import TierPolicy
import TierServer
import TierWire

/// `tierbench eval`: the compiled policy alone, on one thread, over an inputs file:
/// decisions per second, and optionally each decision's entitlement codes so the
/// result can be compared with another engine's.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Time the policy engine on the inputs of `tierbench inputs`.")

    @Option(help: ArgumentHelp("Policy directory.", valueName: "dir"))
    var policies = "policies/branch"

    @Option(help: ArgumentHelp("Inputs file (JSON lines).", valueName: "file"))
    var inputs: String

    @Option(help: "Passes over the inputs.")
    var `repeat` = 1

    @Option(name: .customLong("codes-out"), help: ArgumentHelp("Write each input's entitlement codes here.", valueName: "file"))
    var codesOut: String?

    func run() throws {
        let policy = try PolicyHolder.load(policies)
        let schema = policy.set.schema
        let decoder = JSONDecoder()
        var cases: [(FactSet, [String: Int64])] = []
        let text = try String(contentsOfFile: inputs, encoding: .utf8)
        for (number, line) in text.split(separator: "\n").enumerated() {
            let input = try decoder.decode(BenchInput.self, from: Data(line.utf8))
            guard let facts = DecisionFacts.factSet(input.facts, schema: schema) else {
                throw ValidationError("\(inputs):\(number + 1): the facts do not fit the policy's schema")
            }
            cases.append((facts, input.quotaUsed))
        }
        guard !cases.isEmpty else { throw ValidationError("\(inputs) holds no inputs") }
        let evaluator = policy.evaluator
        var granted = 0
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<max(`repeat`, 1) {
            for (facts, used) in cases {
                granted &+= evaluator.evaluate(facts, quotaUsed: used).entitlements.count
            }
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let decisions = cases.count * max(`repeat`, 1)
        if let codesOut {
            let lines = cases.map { facts, used in
                evaluator.evaluate(facts, quotaUsed: used).entitlements.map(\.code).sorted().joined(separator: " ")
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: codesOut, atomically: true, encoding: .utf8)
        }
        print("{\"engine\": \"tierd\", \"decisions\": \(decisions), \"seconds\": \(seconds), \"per_second\": \(Double(decisions) / seconds), \"granted\": \(granted)}")
    }
}
