/// Everything generated for one household, with global ids filled in.
///
/// Plans are cheap value types rebuilt on every table pass (see ``HouseholdPlanner``);
/// only the parts a pass asks for are filled.
struct HouseholdPlan {
    /// The household's place in a family, for naming and staff-family relations.
    enum Role { case head, spouse, child, parent }

    /// Where a customer is in the purchase life cycle.
    enum Archetype { case new, returning, lapsed }

    struct Member {
        var customerId: Int
        var role: Role
        /// Index into ``ChineseNames/surnames``.
        var surname: Int
        var female: Bool
        var nameSeed: UInt64
        var gender: String
        var birthDay: Int
        var birthKnown: Bool
        var phone: Int?
        var hasPhoto: Bool
        /// Shanghai wall-clock seconds.
        var createdAt: Int
        var archetype: Archetype
        /// Latent risk appetite 0...100; surveys measure it, products follow it.
        var riskScore: Int
        /// Days of purchases, ascending.
        var purchaseDays: [Int]

        /// The full name (built on demand: most passes never print it).
        var name: String { ChineseNames.name(surname: surname, female: female, seed: nameSeed) }
    }

    struct Employee {
        var id: Int
        var memberIndex: Int
        var customerId: Int
        var office: Int
        var employeeNo: String
        var hiredOn: Int
        var leftOn: Int?

        /// Employed on `day` (schema: hired_on <= d < left_on).
        func isActive(on day: Int) -> Bool { hiredOn <= day && (leftOn.map { day < $0 } ?? true) }
    }

    struct Registration {
        var id: Int
        var employeeId: Int
        var customerId: Int
        var relation: String
        var registeredOn: Int
    }

    struct Policy {
        var id: Int
        var customerId: Int
        var memberIndex: Int
        var product: Int
        var premiumCents: Int
        var frequency: String
        var status: String
        var issuedOn: Int
        var lapsedOn: Int?
        var channel: String
        var agentId: Int?
        var referrerId: Int?
    }

    struct Complaint {
        var id: Int
        var customerId: Int
        var policyId: Int?
        /// Index into ``HouseholdPlan/policies`` when `policyId` is set.
        var policyIndex: Int?
        var receivedAt: Int
        var category: String
        var misSelling: Bool
        var outcome: String
        var resolvedAt: Int?
        var note: String?
    }

    struct Interaction {
        var id: Int
        var customerId: Int
        var policyId: Int?
        var employeeId: Int?
        var channel: String
        var kind: String
        var occurredAt: Int
        var note: String?
    }

    struct Survey {
        var id: Int
        var customerId: Int
        var takenAt: Int
        var instrument: String
        var score: Int
        var profile: String
        var answers: String
    }

    var id: Int
    var office: Int
    var district: String
    var addressSeed: UInt64
    var loyal: Bool
    var members: [Member] = []
    var employee: Employee?
    var registrations: [Registration] = []
    var policies: [Policy] = []
    var complaints: [Complaint] = []
    var interactions: [Interaction] = []
    var surveys: [Survey] = []

    /// The street address (built on demand).
    var address: String { ShanghaiAddresses.address(in: district, seed: addressSeed) }

    /// The earliest member's creation: when the household became known.
    var createdAt: Int { members.map(\.createdAt).min() ?? 0 }
}
