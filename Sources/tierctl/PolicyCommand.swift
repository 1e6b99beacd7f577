import ArgumentParser
import TierClient
import TierWire

/// `tierctl policy`: the policy revision the daemon serves.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Show or reload the serving policy revision.",
        subcommands: [PolicyStatusCommand.self, PolicyReloadCommand.self])

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
