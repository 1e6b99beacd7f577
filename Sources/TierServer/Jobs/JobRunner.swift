import Foundation
import TierStore

/// Runs a ``PeriodicJob`` as the leader: takes the job's lease, records the run in
/// `job_runs`, and does the job's work in one transaction that first checks the lease
/// is still current (so a deposed leader's writes are refused).
public enum JobRunner {
    /// Runs `job` as `holder`, whose lease lasts `ttl` (it is not released: it runs
    /// out, or the holder's next run renews it under the same token).
    ///
    /// - `scheduledFor`: the schedule slot; a slot that already has a run gives
    ///   ``JobRunResult/alreadyRan(scheduledFor:)``. Nil for an on-demand run.
    /// - Returns ``JobRunResult/skipped(heldBy:)`` when another holder's lease is live.
    /// - Throws the job's error (or ``JobError/deposed(job:holder:token:)``) after
    ///   recording the run as failed with it; the job's writes are rolled back.
    public static func run<Job: PeriodicJob>(
        _ job: Job, holder: String, ttl: Duration, scheduledFor: Date?, context: JobContext, pool: PGPool
    ) async throws -> JobRunResult {
        let name = Job.name
        let start = try await pool.withConnection { connection -> Start in
            guard let lease = try JobLeases.acquire(job: name, holder: holder, ttl: ttl, on: connection) else {
                // Lost the race: name the live holder (gone again by now is unlikely; say so).
                let current = try JobLeases.current(job: name, on: connection)
                return .skipped(heldBy: current?.holder ?? "unknown")
            }
            guard let runId = try recordStart(lease, scheduledFor: scheduledFor, context: context, on: connection) else {
                return .alreadyRan
            }
            return .started(lease, runId)
        }
        let lease: JobLease, runId: Int64
        switch start {
        case .skipped(let heldBy): return .skipped(heldBy: heldBy)
        case .alreadyRan: return .alreadyRan(scheduledFor: scheduledFor ?? context.now)
        case .started(let started, let id): (lease, runId) = (started, id)
        }
        do {
            // The counts commit with the job's writes, or neither does.
            let counts = try await pool.transaction { connection -> [String: Int] in
                try JobLeases.guardCurrent(lease, on: connection)
                let counts = try job.run(lease: lease, context: context, on: connection)
                try connection.executePrepared(
                    """
                    UPDATE job_runs SET status = 'succeeded', finished_at = now(), counts = $2::jsonb
                    WHERE id = $1::bigint
                    """, [runId, try PGJSON(encoding: counts)])
                return counts
            }
            return .succeeded(runId: runId, counts: counts)
        } catch {
            let message = String(describing: error)
            // Best effort: the job's error matters more than a failure to record it.
            // Only while the row is still ours: a new leader may have taken the slot over.
            _ = try? await pool.withConnection { connection in
                try connection.executePrepared(
                    """
                    UPDATE job_runs SET status = 'failed', finished_at = now(), error = $2::text
                    WHERE id = $1::bigint AND holder = $3::text AND fencing_token = $4::bigint AND status = 'running'
                    """,
                    [runId, message, lease.holder, lease.token])
            }
            throw error
        }
    }

    /// The outcome of taking the lease and recording the run.
    private enum Start: Sendable {
        case skipped(heldBy: String)
        case alreadyRan
        case started(JobLease, Int64)
    }

    /// Inserts the `running` row; nil when the scheduled slot already has one.
    ///
    /// A slot whose run was abandoned (still `running` under an older fencing token,
    /// or under this same holder, which runs one job at a time: a daemon that died
    /// mid-run and came back under its name) is taken over and run again. Its writes
    /// were rolled back with its transaction, and the lease the new run holds was
    /// only granted once that transaction had ended (see ``JobLeases/guardCurrent(_:on:)``).
    /// Finished slots, succeeded or failed, are never run twice.
    private static func recordStart(
        _ lease: JobLease, scheduledFor: Date?, context: JobContext, on connection: PGConnection
    ) throws -> Int64? {
        let rows = try connection.executePrepared(
            """
            INSERT INTO job_runs (job, holder, fencing_token, scheduled_for, policy_revision)
            VALUES ($1::text, $2::text, $3::bigint, $4::timestamptz, $5::text)
            ON CONFLICT ON CONSTRAINT job_runs_job_scheduled_for_key DO UPDATE
            SET holder = EXCLUDED.holder, fencing_token = EXCLUDED.fencing_token, started_at = now(),
                counts = '{}', policy_revision = EXCLUDED.policy_revision
            WHERE job_runs.status = 'running'
              AND (job_runs.fencing_token < EXCLUDED.fencing_token OR job_runs.holder = EXCLUDED.holder)
            RETURNING id
            """, [lease.job, lease.holder, lease.token, scheduledFor, context.policyRevision])
        return try rows.first?.decode(0, as: Int64.self)
    }
}
