import ArgumentParser
import Foundation

/// `tierctl`: the protocol v1 client for people and scripts.
@main
struct TierCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tierctl",
        abstract: "Talk to a running tierd: entitlements, green channels, revisits, tasks, facts, policy.",
        discussion: """
            Every command connects, says session.hello with the token, makes its call and \
            prints the result as a table or key/value list (--json prints the raw result).

            Connection settings come from the flags, then TIERCTL_ADDRESS, TIERCTL_TOKEN, \
            TIERCTL_TLS_CA, then the config file (--config, TIERCTL_CONFIG, or \
            ~/.config/tierctl/config.yaml with lines like `address: 10.0.0.5:7411`, \
            `token: ...`, `tls_ca: ca.pem`), then 127.0.0.1:7411.

            Exit status: 0 success; 1 the daemon reports itself degraded (health); \
            2 usage, config or input-file error; 3 the daemon answered with an error; \
            4 connection failure (refused, closed, timed out, TLS).
            """,
        subcommands: [
            HelloCommand.self, HealthCommand.self, EntitlementsCommand.self, ExplainCommand.self,
            GreenCommand.self, RevisitsCommand.self, TasksCommand.self, FactsCommand.self, PolicyCommand.self,
            JobsCommand.self, ReferralsCommand.self, BundlesCommand.self,
            CallCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let failure as CtlFailure {
            failure.report()
            Foundation.exit(failure.status)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            Output.error(fullMessage(for: error))
            if code == .validationFailure {
                Output.error("see 'tierctl help' or 'tierctl COMMAND --help'")
                Foundation.exit(CtlFailure.usageStatus)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
