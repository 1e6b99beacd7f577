import ArgumentParser
import Foundation
import TierImport
import TierServer
import TierStore

/// `tierd job run NAME`: runs a periodic job now, as the daemons' scheduler would,
/// under the job's leader lease (so it does not run beside a daemon's run).
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Run periodic jobs on demand.",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a job now and print its counts.",
            discussion: """
                Known jobs: \(JobCatalog.names.joined(separator: ", ")). The run is on demand \
                (no schedule slot) and takes the job's lease as cli:<host>:<pid>, releasing it \
                when done; if a daemon's lease is live the job is skipped. The jobs follow the policy set in \
                --policies, and the run records its revision.
                """)

        @Argument(help: "The job's name.")
        var name: String

        @Option(name: .long, help: "How long the lease lasts, in seconds.")
        var leaseSeconds = 300

        @Option(name: .long, help: "The policy directory the job follows.")
        var policies = "policies/branch"

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard JobCatalog.all[name] != nil else {
                throw ValidationError("unknown job '\(name)'; known jobs: \(JobCatalog.names.joined(separator: ", "))")
            }
            guard leaseSeconds >= 1 else { throw ValidationError("--lease-seconds must be at least 1") }
        }

        func run() async throws {
            guard let job = JobCatalog.all[name] else { throw ValidationError("unknown job '\(name)'") }
            let process = ProcessInfo.processInfo
            let holder = "cli:\(process.hostName):\(process.processIdentifier)"
            let policy = try PolicyHolder.load(policies)
            let pool = PGPool(PGPoolConfiguration(conninfo: database.database, maxConnections: 1))
            let activity = TerminalActivity.standardError(label: name)
            activity?.update("running under the lease of \(holder)")
            defer { activity?.finish() }
            let result: JobRunResult
            do {
                result = try await JobRunner.run(
                    job, holder: holder, ttl: .seconds(leaseSeconds), scheduledFor: nil,
                    context: JobContext(policy: policy), pool: pool)
            } catch {
                await Self.release(name, holder: holder, pool: pool)
                await pool.close()
                throw error
            }
            await Self.release(name, holder: holder, pool: pool)
            await pool.close()
            activity?.finish()
            switch result {
            case .succeeded(let runId, let counts):
                let text = counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: " ")
                print("job \(name) run \(runId) succeeded: \(text)")
            case .skipped(let heldBy):
                print("job \(name) skipped: the lease is held by \(heldBy)")
                throw ExitCode(3)
            case .alreadyRan:
                print("job \(name) already ran")
            }
        }

        /// Gives the lease back after an on-demand run, so the next run need not wait for it to expire.
        static func release(_ job: String, holder: String, pool: PGPool) async {
            _ = try? await pool.withConnection { connection in
                if let lease = try JobLeases.current(job: job, on: connection), lease.holder == holder {
                    try JobLeases.release(lease, on: connection)
                }
            }
        }
    }
}
