import Foundation
import TierWire

/// Every protocol v1 method bound to its implementation. Handlers stay thin:
/// decode (done by the router), call the service, return its result.
/// `session.hello` and `tasks.subscribe` act on the connection itself, so
/// `ConnectionHandler` runs them.
enum MethodTable {
    static func router(_ services: DaemonServices) -> MethodRouter {
        let pool = services.pool
        let policies = services.policies
        let cache = services.factsCache
        // A method that writes facts empties the facts cache when it returns (or
        // fails, since its write may have committed): this daemon's clients read their
        // own writes at once, other daemons' once the trigger's notification arrives.
        @Sendable func writingFacts<T>(_ body: () async throws -> T) async throws -> T {
            defer { cache?.invalidateAll() }
            return try await body()
        }
        var router = MethodRouter()
        router.register(HealthCheck.self) { _, _ in await services.admin.health() }
        router.register(PolicyStatus.self) { _, _ in services.admin.status() }
        router.register(PolicyReload.self) { _, principal in try await services.admin.reload(by: principal.name) }
        router.register(PolicySimulate.self) { params, principal in try await services.admin.simulate(params, by: principal.name) }
        router.register(JobsRun.self) { params, principal in
            try await writingFacts { try await services.jobs.run(params, principal: principal) }
        }
        router.registerEncoded(EntitlementsGet.self) { params, principal in
            try await services.entitlements.getEncoded(params, principal: principal).json
        }
        router.register(BundlesRecommend.self) { params, _ in
            try await BundleService.recommend(params, policy: policies.current, pool: pool)
        }
        router.register(EntitlementsExplain.self) { params, _ in try await services.entitlements.explain(params) }
        router.register(GreenChannelOpen.self) { params, principal in
            try await writingFacts {
                try await GreenChannelService.open(params, principal: principal, policy: policies.current, now: Date(), pool: pool)
            }
        }
        router.register(GreenChannelClose.self) { params, principal in
            try await GreenChannelService.close(params, principal: principal, pool: pool)
        }
        router.register(GreenChannelList.self) { params, _ in try await GreenChannelService.list(params, pool: pool) }
        router.register(RevisitsList.self) { params, _ in
            try await RevisitService.list(params, policy: policies.current, today: WireTime.today(), pool: pool)
        }
        router.register(ReferralsAccount.self) { params, _ in try await ReferralService.account(params, pool: pool) }
        router.register(TasksClaim.self) { params, principal in try await TaskQueue.claim(params, principal: principal, pool: pool) }
        router.register(TasksHeartbeat.self) { params, principal in
            try await TaskQueue.heartbeat(params, principal: principal, pool: pool)
        }
        router.register(TasksComplete.self) { params, principal in
            try await TaskQueue.complete(params, principal: principal, policy: policies.current, pool: pool)
        }
        router.register(TasksFail.self) { params, principal in try await TaskQueue.fail(params, principal: principal, pool: pool) }
        router.register(FactsCustomerUpsert.self) { params, principal in
            try await writingFacts { try await FactsService.upsertCustomer(params, principal: principal, pool: pool) }
        }
        router.register(FactsPolicyUpsert.self) { params, principal in
            try await writingFacts { try await FactsService.upsertPolicy(params, principal: principal, pool: pool) }
        }
        router.register(FactsFamilyLink.self) { params, principal in
            try await writingFacts { try await FactsService.linkFamily(params, principal: principal, pool: pool) }
        }
        router.register(FactsSurveyRecord.self) { params, principal in
            try await writingFacts { try await FactsService.recordSurvey(params, principal: principal, pool: pool) }
        }
        router.register(FactsComplaintRecord.self) { params, principal in
            try await writingFacts { try await FactsService.recordComplaint(params, principal: principal, pool: pool) }
        }
        return router
    }
}
