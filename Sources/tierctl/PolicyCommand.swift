import ArgumentParser
import TierClient
import TierWire

/// `tierctl policy`: the policy revision the daemon serves, and candidates simulated beside it.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Show, reload or simulate against the serving policy revision.",
        subcommands: [PolicyStatusCommand.self, PolicyReloadCommand.self, PolicySimulateCommand.self])

    static func render(_ info: PolicyRevisionInfo) -> String {
        var pairs = [("revision", info.revision)]
        if let previous = info.previousRevision { pairs.append(("previous", previous)) }
        pairs += [
            ("loaded at", info.loadedAt),
            ("directory", info.directory),
            ("entitlements", String(info.entitlements)),
            ("files", Output.list(info.files)),
        ]
        return TableRenderer.keyValues(pairs)
    }
}

/// `tierctl policy status`.
struct PolicyStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Call policy.status.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, info) = try await session.call(PolicyStatus.self, NoParams())
            if session.json { return Output.json(raw) }
            Output.print(PolicyCommand.render(info))
        }
    }
}

/// `tierctl policy reload`.
struct PolicyReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload", abstract: "Call policy.reload (admin); prints each diagnostic when the new files do not compile.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, info) = try await session.call(PolicyReload.self, NoParams())
            if session.json { return Output.json(raw) }
            Output.print(PolicyCommand.render(info))
        }
    }
}

/// `tierctl policy simulate DIR`.
struct PolicySimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Call policy.simulate (admin): a candidate set in a directory on the daemon's host, against every customer.")

    @Argument(help: "The candidate policy set's directory, as the daemon sees it.") var directory: String
    @Option(name: .long, help: "Customer ids kept per movement as examples (0 to 100).") var samples = 5
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, report) = try await session.call(PolicySimulate.self, PolicySimulateParams(directory: directory, samples: samples))
            if session.json { return Output.json(raw) }
            Output.print(SimulationReportText.render(report))
        }
    }
}
