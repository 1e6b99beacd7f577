import ArgumentParser
import Foundation
import TierServer
import TierWire

/// `tierd clients add|list|revoke`: the API clients that may connect.
struct ClientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients",
        abstract: "Manage API clients and their tokens.",
        subcommands: [Add.self, List.self, Revoke.self])

    /// Who the audit log records for these commands.
    static var principal: String { "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")" }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a client and print its token (shown only this once).")

        @Argument(help: "The client's name (unique; recorded as the principal of its writes).")
        var name: String

        @Option(name: .long, help: "policy_admin, counter, scheduler or admin.")
        var role: String

        @Flag(name: .customLong("token-only"), help: "Print only the token, for scripts.")
        var tokenOnly = false

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let issued = try ClientRegistry.add(name: name, role: role, principal: ClientsCommand.principal, on: database.connect())
            if tokenOnly {
                print(issued.token)
            } else {
                print("client \(issued.name) (role \(issued.role.rawValue)) added; its token, shown only now:\n\(issued.token)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List clients (never their tokens).")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            for client in try ClientRegistry.list(on: database.connect()) {
                let state = client.revokedAt.map { "revoked \(WireTime.format($0))" } ?? "active"
                print("\(client.name)\t\(client.role.rawValue)\t\(state)")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a client's token.")

        @Argument(help: "The client's name.")
        var name: String

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try ClientRegistry.revoke(name: name, principal: ClientsCommand.principal, on: database.connect())
            print("client \(name) revoked")
        }
    }
}
