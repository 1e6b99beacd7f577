import TierStore
import TierWire

/// `jobs.run`: an on-demand run through the daemon's scheduler, audited.
struct JobService: Sendable {
    let scheduler: JobScheduler
    let pool: PGPool

    func run(_ params: JobsRun.Params, principal: Principal) async throws -> JobsRun.Result {
        guard let job = JobCatalog.all[params.job] else {
            throw RPCError.invalidParams(path: "params.job", "no job '\(params.job)'; jobs are \(JobCatalog.names.joined(separator: ", "))")
        }
        let result: JobRunResult
        do {
            result = try await scheduler.runNow(params.job, job: job)
        } catch let error as JobSchedulerError {
            throw RPCError.conflict(error.description)
        }
        let answer: JobsRun.Result
        switch result {
        case .succeeded(let runId, let counts):
            answer = JobsRun.Result(job: params.job, status: "succeeded", runId: runId, counts: counts)
        case .skipped(let heldBy):
            answer = JobsRun.Result(job: params.job, status: "skipped", heldBy: heldBy)
        case .alreadyRan:
            // On-demand runs have no slot, so they are never "already run".
            answer = JobsRun.Result(job: params.job, status: "skipped")
        }
        let detail: [String: JSONValue] = [
            "status": .string(answer.status), "holder": .string(scheduler.holder),
            "counts": .object((answer.counts ?? [:]).mapValues { .int(Int64($0)) }),
        ]
        try await pool.withConnection { connection in
            try AuditLog.record(
                "job.run", by: principal.name, target: "job", params.job, detail: detail, on: connection)
        }
        return answer
    }
}
