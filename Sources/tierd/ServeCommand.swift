import ArgumentParser
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import TierServer
import UnixSignals

/// `tierd serve`: the daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve protocol v1 on TCP and/or a Unix socket.",
        discussion: """
            Settings come from the config file, then TIERD_* environment variables, then \
            these flags (see docs/CONFIGURATION.md). SIGTERM or SIGINT shuts down \
            gracefully; SIGHUP reloads the policy directory (a directory that does not \
            compile is refused and the running revision keeps serving).
            """)

    @Option(name: .long, help: ArgumentHelp("TCP address HOST:PORT (empty: no TCP).", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("Unix socket path.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("Policy directory.", valueName: "dir"))
    var policies: String?

    @Option(name: .long, help: ArgumentHelp("Config file (YAML). Default: $TIERD_CONFIG.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("libpq conninfo or postgresql:// URI.", valueName: "conninfo"))
    var database: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "json or text.")
    var logFormat: String?

    func run() async throws {
        let configuration = try loadConfiguration()
        JSONLogHandler.bootstrap(format: configuration.log.format, level: configuration.log.level)
        try await Self.serve(configuration, logger: Logger(label: "tierd"))
    }

    func loadConfiguration() throws -> ServerConfiguration {
        var overrides: [String: String] = [:]
        overrides["listen"] = listen
        overrides["socket"] = socket
        overrides["policies"] = policies
        overrides["database"] = database
        overrides["log.level"] = logLevel
        overrides["log.format"] = logFormat
        let file = config ?? ProcessInfo.processInfo.environment["TIERD_CONFIG"]
        do {
            return try ConfigurationLoader().load(file: file, overrides: overrides)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Runs the daemon until SIGTERM/SIGINT, reloading policies on SIGHUP.
    static func serve(
        _ configuration: ServerConfiguration, logger: Logger, onServing: (@Sendable ([SocketAddress]) -> Void)? = nil
    ) async throws {
        let daemon: TierDaemon
        do {
            daemon = try TierDaemon(configuration: configuration, logger: logger, onServing: onServing)
        } catch let error as PolicyReloadError {
            logger.critical("the policy directory does not compile", metadata: ["diagnostics": "\(error.description)"])
            throw ExitCode(2)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: daemon)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withThrowingDiscardingTaskGroup { tasks in
            tasks.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sighup) {
                    daemon.reloadPolicies()
                }
            }
            try await group.run()
            tasks.cancelAll()
        }
    }
}
