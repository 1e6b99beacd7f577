/// Every method of protocol v1 with the roles that may call it.
public enum MethodCatalog {
    /// One catalogue entry.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var roles: Set<Role>
        public var writes: Bool
    }

    /// All methods, in documentation order.
    public static let all: [Entry] = [
        entry(SessionHello.self), entry(HealthCheck.self),
        entry(EntitlementsGet.self), entry(EntitlementsExplain.self), entry(BundlesRecommend.self),
        entry(GreenChannelOpen.self), entry(GreenChannelClose.self), entry(GreenChannelList.self),
        entry(RevisitsList.self),
        entry(TasksClaim.self), entry(TasksHeartbeat.self), entry(TasksComplete.self), entry(TasksFail.self),
        entry(TasksSubscribe.self),
        entry(FactsCustomerUpsert.self), entry(FactsPolicyUpsert.self), entry(FactsFamilyLink.self),
        entry(FactsSurveyRecord.self), entry(FactsComplaintRecord.self),
        entry(PolicyStatus.self), entry(PolicyReload.self), entry(PolicySimulate.self),
        entry(JobsRun.self), entry(ReferralsAccount.self),
    ]

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The entry for a method name, or nil for an unknown method.
    public static func entry(named name: String) -> Entry? { byName[name] }

    /// The methods a role may call, sorted by name.
    public static func methods(for role: Role) -> [String] {
        all.filter { $0.roles.contains(role) }.map(\.name).sorted()
    }

    private static func entry<M: RPCMethod>(_ method: M.Type) -> Entry {
        Entry(name: M.name, roles: M.roles, writes: M.writes)
    }
}
