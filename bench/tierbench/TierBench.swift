import ArgumentParser

/// The benchmark's own tool: load against a running daemon, and the policy engine
/// timed alone. `bench/run` drives both beside their baselines.
@main
struct TierBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tierbench",
        abstract: "Load generator and evaluation benchmark for tierd.",
        subcommands: [LoadCommand.self, InputsCommand.self, EvalCommand.self, SQLCommand.self])
}
