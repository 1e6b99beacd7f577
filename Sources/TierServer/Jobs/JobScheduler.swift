import Foundation
import Logging
import TierStore
import TierSync

/// Runs the periodic jobs on their schedules, as one of possibly several daemons
/// sharing the database, and returns expired task leases to the queue.
///
/// Every `jobs.tick_seconds` it
/// - reaps expired task leases (idempotent, so every daemon may do it);
/// - renews the job leases it holds, so a leader stays leader while it lives and a
///   dead one's lease runs out within `jobs.lease_seconds`;
/// - starts each job whose newest slots (up to `jobs.catch_up_limit`) have no
///   finished run: missed slots after downtime, and slots a dead leader abandoned.
///
/// Each job runs in its own task, one run at a time per job in this daemon;
/// ``JobRunner`` makes sure only the lease holder runs it across daemons.
public final class JobScheduler: Sendable {
    let pool: PGPool
    let policies: PolicyHolder
    let settings: ServerConfiguration.Jobs
    /// The name this daemon holds leases under.
    public let holder: String
    let logger: Logger
    /// Where runs are counted and timed; nil: nowhere.
    let metrics: DaemonMetrics?
    private let state = Locked(State())

    private struct State {
        var running: [String: Task<Void, Never>] = [:]
        var stopped = false
        var loop: Task<Void, Never>?
    }

    /// Makes a scheduler; `start()` begins ticking.
    public init(
        pool: PGPool, policies: PolicyHolder, settings: ServerConfiguration.Jobs, metrics: DaemonMetrics? = nil, logger: Logger
    ) {
        self.metrics = metrics
        self.pool = pool
        self.policies = policies
        self.settings = settings
        let process = ProcessInfo.processInfo
        holder = settings.instance.isEmpty ? "\(process.hostName):\(process.processIdentifier)" : settings.instance
        self.logger = logger
    }

    /// The scheduled jobs this daemon knows, by name.
    var scheduled: [(name: String, job: any PeriodicJob, schedule: JobSchedule)] {
        settings.schedules.keys.sorted().compactMap { name in
            guard let schedule = settings.schedules[name], schedule != .off, let job = JobCatalog.all[name] else { return nil }
            return (name, job, schedule)
        }
    }

    /// Starts the tick loop (when `jobs.enabled`).
    public func start() {
        guard settings.enabled else { return }
        for name in settings.schedules.keys.sorted() where JobCatalog.all[name] == nil {
            logger.warning("no job of this name; its schedule is ignored", metadata: ["job": "\(name)"])
        }
        logger.notice("job scheduler started", metadata: [
            "holder": "\(holder)", "jobs": "\(scheduled.map { "\($0.name) \($0.schedule)" }.joined(separator: ", "))",
        ])
        let loop = Task { [self] in
            while !isStopped {
                await tick(now: Date())
                try? await Task.sleep(for: .milliseconds(Int64(settings.tickSeconds * 1000)))
            }
        }
        state.withLock { $0.loop = loop }
    }

    /// Stops starting runs and waits for the runs in progress, up to `deadline`.
    public func stop(deadline: ContinuousClock.Instant) async {
        let loop = state.withLock { state -> Task<Void, Never>? in
            state.stopped = true
            return state.loop
        }
        loop?.cancel()
        await loop?.value
        while !state.withLock({ $0.running.isEmpty }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let left = state.withLock { $0.running.keys.sorted() }
        if !left.isEmpty {
            logger.warning("stopping with job runs in progress; their slots are run again by the next leader",
                           metadata: ["jobs": "\(left.joined(separator: ", "))"])
        }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    /// Waits until no job of this daemon is running (the runs a tick launched).
    func waitUntilIdle() async {
        while let next = state.withLock({ $0.running.values.first }) {
            await next.value
            // The entry leaves `running` just after its task's last statement.
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// One pass of the loop; see the type's documentation.
    func tick(now: Date) async {
        do {
            try await TaskQueue.reapExpired(pool: pool)
        } catch {
            logger.warning("reaping expired task leases failed", metadata: ["error": "\(error)"])
        }
        for (name, job, schedule) in scheduled where !isRunning(name) {
            do {
                try await renewIfHeld(name)
                let due = try await dueSlots(name, schedule: schedule, now: now)
                if !due.isEmpty { launch(name, job, slots: due) }
            } catch {
                logger.warning("job scheduling failed; retried next tick", metadata: ["job": "\(name)", "error": "\(error)"])
            }
        }
    }

    /// Runs `name` now as this daemon, on demand (no slot): `jobs.run`.
    /// Throws ``JobSchedulerError/alreadyRunning(_:)`` when this daemon is running it.
    public func runNow(_ name: String, job: any PeriodicJob) async throws -> JobRunResult {
        let claimed = state.withLock { state -> Bool in
            guard state.running[name] == nil else { return false }
            // A placeholder entry: the job's slot in `running` is taken until the run ends.
            state.running[name] = Task {}
            return true
        }
        guard claimed else { throw JobSchedulerError.alreadyRunning(name) }
        defer { _ = state.withLock { $0.running.removeValue(forKey: name) } }
        return try await run(name, job, scheduledFor: nil)
    }

    /// Runs `job` through ``JobRunner`` under this daemon's lease and counts the outcome
    /// in the metrics, timing the runs that ran.
    private func run(_ name: String, _ job: any PeriodicJob, scheduledFor: Date?) async throws -> JobRunResult {
        let started = ContinuousClock.now
        do {
            let result = try await JobRunner.run(
                job, holder: holder, ttl: ttl, scheduledFor: scheduledFor, context: JobContext(policy: policies.current), pool: pool)
            switch result {
            case .succeeded: metrics?.jobFinished(name, outcome: "succeeded", duration: .now - started)
            case .skipped: metrics?.jobFinished(name, outcome: "skipped", duration: nil)
            case .alreadyRan: metrics?.jobFinished(name, outcome: "already_ran", duration: nil)
            }
            return result
        } catch {
            metrics?.jobFinished(name, outcome: "failed", duration: .now - started)
            throw error
        }
    }

    private var ttl: Duration { .milliseconds(Int64(settings.leaseSeconds * 1000)) }

    private func isRunning(_ name: String) -> Bool { state.withLock { $0.running[name] != nil } }

    /// Renews the lease on `name` when this daemon holds it and it is live.
    private func renewIfHeld(_ name: String) async throws {
        let holder = self.holder, ttl = self.ttl
        try await pool.withConnection { connection in
            guard let lease = try JobLeases.current(job: name, on: connection), lease.holder == holder,
                  lease.expiresAt > Date() else { return }
            _ = try JobLeases.acquire(job: name, holder: holder, ttl: ttl, on: connection)
        }
    }

    /// The newest slots (up to the catch-up limit) with no finished run.
    private func dueSlots(_ name: String, schedule: JobSchedule, now: Date) async throws -> [Date] {
        let candidates = schedule.slots(after: nil, through: now, limit: max(1, settings.catchUpLimit))
        guard let oldest = candidates.first else { return [] }
        let finished = try await pool.withConnection { connection -> Set<Date> in
            let rows = try connection.executePrepared(
                """
                SELECT scheduled_for FROM job_runs
                WHERE job = $1::text AND scheduled_for >= $2::timestamptz AND status <> 'running'
                """, [name, oldest])
            return Set(try rows.map { try $0.decode(0, as: Date.self) })
        }
        return candidates.filter { !finished.contains($0) }
    }

    /// Runs the slots of `name` one after another in a task of their own.
    private func launch(_ name: String, _ job: any PeriodicJob, slots: [Date]) {
        state.withLock { current in
            guard !current.stopped, current.running[name] == nil else { return }
            current.running[name] = Task { [self] in
                for slot in slots where !isStopped {
                    await runSlot(name, job, slot: slot)
                }
                _ = state.withLock { $0.running.removeValue(forKey: name) }
            }
        }
    }

    private func runSlot(_ name: String, _ job: any PeriodicJob, slot: Date) async {
        let metadata: Logger.Metadata = ["job": "\(name)", "slot": "\(WireTime.format(slot))", "holder": "\(holder)"]
        do {
            let result = try await run(name, job, scheduledFor: slot)
            switch result {
            case .succeeded(let runId, let counts):
                var details = metadata
                details["run_id"] = "\(runId)"
                details["counts"] = "\(counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: " "))"
                logger.info("job run succeeded", metadata: details)
            case .skipped(let heldBy):
                var details = metadata
                details["held_by"] = "\(heldBy)"
                logger.debug("job slot left to the leader", metadata: details)
            case .alreadyRan:
                logger.debug("job slot already run", metadata: metadata)
            }
        } catch {
            var details = metadata
            details["error"] = "\(error)"
            logger.error("job run failed", metadata: details)
        }
    }
}

/// Why the scheduler refused an on-demand run.
public enum JobSchedulerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// This daemon is running the job right now.
    case alreadyRunning(String)

    public var description: String {
        switch self {
        case .alreadyRunning(let job): return "job \(job) is running in this daemon; try again when it has finished"
        }
    }
}
