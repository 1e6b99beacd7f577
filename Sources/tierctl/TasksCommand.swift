import ArgumentParser
import TierClient
import TierWire

/// `tierctl tasks`: the follow-up task queue, for workers and people standing in for one.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "Claim, extend, complete and fail follow-up tasks.",
        subcommands: [TasksClaimCommand.self, TasksHeartbeatCommand.self, TasksCompleteCommand.self, TasksFailCommand.self])

    /// Calls a method that answers with a task's state, and prints it.
    static func change<M: RPCMethod>(_ method: M.Type, _ params: M.Params, _ global: GlobalOptions) async throws
    where M.Result == TaskState {
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, state) = try await session.call(method, params)
            if session.json { return Output.json(raw) }
            Output.print(render(state))
        }
    }

    /// A task's state as key/value lines.
    static func render(_ state: TaskState) -> String {
        TableRenderer.keyValues([
            ("task", String(state.taskId)),
            ("status", state.status),
            ("attempts", String(state.attempts)),
            ("lease expires", Output.orDash(state.leaseExpiresAt)),
            ("due", Output.orDash(state.dueAt)),
        ])
    }
}

/// `tierctl tasks claim`: leases due tasks to a worker.
struct TasksClaimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claim", abstract: "Call tasks.claim.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The worker's name (the lease owner).")
    var worker: String

    @Option(name: .customLong("kind"), help: "Only this kind; repeat for several.")
    var kinds: [String] = []

    @Option(help: "Only tasks of this branch's customers.")
    var branch: String?

    @Option(help: "Tasks to claim, 1 to 100 (default 10).")
    var limit: Int?

    @Option(name: .customLong("lease"), help: "Lease length in seconds, 5 to 3600 (default 300).")
    var leaseSeconds: Int?

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let params = TasksClaim.Params(
                worker: worker, kinds: kinds.isEmpty ? nil : kinds, branch: branch, limit: limit, leaseSeconds: leaseSeconds)
            let (raw, result) = try await session.call(TasksClaim.self, params)
            if session.json { return Output.json(raw) }
            var table = TableRenderer(["TASK", "KIND", "CUSTOMER", "PRI", "DUE", "TRY", "LEASE TOKEN", "LEASE EXPIRES"], rightAligned: [0, 2, 3, 5])
            for task in result.tasks {
                table.append([
                    String(task.taskId), task.kind, task.customerId.map(String.init) ?? "-", String(task.priority), task.dueAt,
                    String(task.attempts), task.leaseToken, task.leaseExpiresAt,
                ])
            }
            Output.print(result.tasks.isEmpty ? "no tasks due\n" : table.render())
        }
    }
}

/// `tierctl tasks heartbeat TASK`: extends a lease.
struct TasksHeartbeatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "heartbeat", abstract: "Call tasks.heartbeat.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var lease: TaskLeaseOptions

    @Option(name: .customLong("lease"), help: "New lease length in seconds from now (default 300).")
    var leaseSeconds: Int?

    func run() async throws {
        let params = TasksHeartbeat.Params(taskId: lease.task, leaseToken: lease.leaseToken, leaseSeconds: leaseSeconds)
        try await TasksCommand.change(TasksHeartbeat.self, params, global)
    }
}

/// `tierctl tasks complete TASK`: records the outcome.
struct TasksCompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Call tasks.complete.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var lease: TaskLeaseOptions

    @Option(help: "What came of it, a word such as reached, no_answer or declined.")
    var outcome: String

    @Option(name: .customLong("churn-reason"), help: "For revisits: one of the policy's churn reasons.")
    var churnReason: String?

    @Option(help: "A note.")
    var note: String?

    func run() async throws {
        let params = TasksComplete.Params(
            taskId: lease.task, leaseToken: lease.leaseToken, outcome: outcome, churnReason: churnReason, note: note)
        try await TasksCommand.change(TasksComplete.self, params, global)
    }
}

/// `tierctl tasks fail TASK`: gives a task back after a failed attempt.
struct TasksFailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fail", abstract: "Call tasks.fail.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var lease: TaskLeaseOptions

    @Option(help: "What went wrong.")
    var error: String

    @Option(name: .customLong("retry-at"), help: "When to retry, RFC 3339 (default: a back-off).")
    var retryAt: String?

    func run() async throws {
        let params = TasksFail.Params(taskId: lease.task, leaseToken: lease.leaseToken, error: error, retryAt: retryAt)
        try await TasksCommand.change(TasksFail.self, params, global)
    }
}

/// The task and lease a heartbeat, completion or failure is about.
struct TaskLeaseOptions: ParsableArguments {
    @Argument(help: "The task id.")
    var task: Int64

    @Option(name: .customLong("lease-token"), help: "The lease token from the claim.")
    var leaseToken: String
}
