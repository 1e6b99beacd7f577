import ArgumentParser
import Foundation
import Logging
import TierCluster
import TierServer
import TierStore
import TierSynthetic

/// `tierd demo`: the embedded default. A private PostgreSQL cluster in a data
/// directory, migrated, with a synthetic branch loaded, served by the daemon
/// until Ctrl-C.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run tierd on a private PostgreSQL cluster with a synthetic branch.",
        discussion: """
            The first run creates the cluster in --data-dir (initdb, as an unprivileged \
            user when run as root), later runs reuse it. The schema is migrated, and an \
            empty database gets a synthetic branch. Then tierd serves it on --listen and \
            on the Unix socket <data-dir>/tierd.sock; an admin token is kept in \
            <data-dir>/token for tierctl. The cluster stops when the demo exits, unless \
            it was already running before.
            """)

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the cluster lives.", valueName: "dir"))
    var dataDirectory = ".tierd/demo"

    @Flag(name: .long, help: "Delete the cluster in --data-dir and start over.")
    var reset = false

    @Option(name: .long, help: "Customers in the synthetic branch loaded into an empty database.")
    var customers = 10_000

    @Option(name: .long, help: "Seed of the synthetic branch.")
    var seed: UInt64 = 2026

    @Option(name: .long, help: "TCP port on 127.0.0.1 (and socket number). Default: a free one, remembered.")
    var port: Int?

    @Option(name: .long, help: ArgumentHelp("Where tierd listens (TCP).", valueName: "host:port"))
    var listen = "127.0.0.1:7411"

    @Option(name: .long, help: ArgumentHelp("Policy directory.", valueName: "dir"))
    var policies = "policies/branch"

    @Option(name: .long, help: ArgumentHelp(
        "Daemon settings (YAML, as for tierd serve; default $TIERD_CONFIG). The demo sets the listeners, policies and database.",
        valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Directory of the SQL migrations. Default: found automatically.", valueName: "dir"))
    var migrations: String?

    @Flag(name: .customLong("exit-after-setup"), help: "Set everything up, print how to connect, stop and exit (for scripts).")
    var exitAfterSetup = false

    func validate() throws {
        guard customers >= 1 else { throw ValidationError("--customers must be at least 1") }
    }

    func run() async throws {
        let migrationList = try loadMigrations(from: migrations)
        let cluster = EmbeddedCluster(ClusterConfiguration(dataDirectory: dataDirectory, port: port))
        if reset {
            print("deleting the cluster in \(dataDirectory)")
            try cluster.reset()
        }
        let running = try cluster.start()
        print(running.startedByUs ? "started PostgreSQL on port \(running.port)" : "PostgreSQL was already running on port \(running.port)")
        do {
            try prepare(running, migrationList)
        } catch {
            if running.startedByUs { try? cluster.stop() }
            throw error
        }
        printHowToConnect(running)
        if !exitAfterSetup {
            do {
                try await serve(running)
            } catch {
                if running.startedByUs { try? cluster.stop() }
                throw error
            }
        }
        if running.startedByUs {
            print("stopping PostgreSQL")
            try cluster.stop()
        }
    }

    private func prepare(_ running: RunningCluster, _ migrationList: [Migration]) throws {
        let connection = try PGConnection(conninfo: running.conninfo)
        let applied = try Migrator(migrations: migrationList).migrate(connection)
        print(applied.isEmpty ? "schema is up to date" : "applied \(applied.count) migrations")
        let existing = try connection.execute("SELECT count(*) FROM customers").scalar(Int.self)
        guard existing == 0 else {
            print("the database already holds \(existing) customers; keeping them (--reset starts over)")
            return
        }
        let day = SyntheticBranch.todayUTC()
        print("loading a synthetic branch: \(customers) customers, seed \(seed), as of \(day)")
        let started = ContinuousClock.now
        let summary = try SyntheticBranch(profile: SyntheticBranchProfile(customers: customers), seed: seed, asOf: day)
            .load(into: connection)
        print("loaded \(summary.totalRows) rows in \((ContinuousClock.now - started).displaySeconds)")
    }

    private func printHowToConnect(_ running: RunningCluster) {
        let conninfo = running.conninfo
        print("""

            database:   \(conninfo)
            tcp:        postgresql://\(running.superuser)@127.0.0.1:\(running.port)/\(running.database)
            psql:       \(running.binDirectory)/psql "\(conninfo)"
            migrations: tierd migrate --status --database "\(conninfo)"
            """)
    }

    /// Serves the demo database until SIGINT or SIGTERM.
    private func serve(_ running: RunningCluster) async throws {
        let token = try DemoToken(dataDirectory: dataDirectory).ensure(conninfo: running.conninfo)
        let socket = (dataDirectory as NSString).appendingPathComponent("tierd.sock")
        let configuration: ServerConfiguration
        do {
            configuration = try ConfigurationLoader().load(
                file: config ?? ProcessInfo.processInfo.environment["TIERD_CONFIG"],
                overrides: ["listen": listen, "socket": socket, "policies": policies, "database": running.conninfo, "log.format": "text"])
        } catch {
            throw ValidationError(error.message)
        }
        print("""

            tierd:      \(listen) and unix:\(configuration.socket)
            token:      \(token.path) (role admin)
            try:        TIERCTL_ADDRESS=\(listen) TIERCTL_TOKEN=$(cat \(token.path)) tierctl entitlements 1
            """)
        JSONLogHandler.bootstrap(format: "text", level: "notice")
        try await ServeCommand.serve(configuration, logger: Logger(label: "tierd")) { _ in
            print("\nthe demo is up; press Ctrl-C to stop it")
            fflush(nil)  // stdout may be a pipe or file: say "up" now, not at exit
        }
    }
}
