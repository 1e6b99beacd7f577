import ArgumentParser
import TierClient
import TierWire

/// `tierctl jobs run NAME`: runs a periodic job in the daemon now (`jobs.run`).
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Run periodic jobs in the daemon.", subcommands: [JobsRunCommand.self])
}

/// `tierctl jobs run NAME`.
struct JobsRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Call jobs.run (admin): run a job now and print what it did.",
        discussion: "Jobs: classify, revisit, loyalty, referral, risk, sla. A job another daemon is leading is skipped.")

    @Argument(help: "The job's name.")
    var job: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, result) = try await session.call(JobsRun.self, .init(job: job))
            if session.json { return Output.json(raw) }
            var pairs = [("job", result.job), ("status", result.status)]
            if let runId = result.runId { pairs.append(("run", String(runId))) }
            if let heldBy = result.heldBy { pairs.append(("held by", heldBy)) }
            for (name, count) in (result.counts ?? [:]).sorted(by: { $0.key < $1.key }) {
                pairs.append((name, String(count)))
            }
            Output.print(TableRenderer.keyValues(pairs))
        }
    }
}
