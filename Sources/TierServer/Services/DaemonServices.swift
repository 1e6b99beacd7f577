import Logging
import TierStore

/// The method implementations, built once per daemon.
struct DaemonServices: Sendable {
    let pool: PGPool
    let policies: PolicyHolder
    let entitlements: EntitlementService
    let admin: PolicyService
    let jobs: JobService
    /// Facts kept for `entitlements.get`; writes through this daemon empty it.
    let factsCache: FactsCache?
    let logger: Logger

    init(
        pool: PGPool, readPool: PGPool? = nil, policies: PolicyHolder, decisionLog: DecisionLogWriter, scheduler: JobScheduler,
        factsCache: FactsCache? = nil, logger: Logger
    ) {
        self.pool = pool
        self.policies = policies
        self.factsCache = factsCache
        entitlements = EntitlementService(
            pool: pool, readPool: readPool, policies: policies, decisionLog: decisionLog, factsCache: factsCache)
        admin = PolicyService(pool: pool, policies: policies, logger: logger)
        jobs = JobService(scheduler: scheduler, pool: pool)
        self.logger = logger
    }
}
