import TierCalendar
import TierPolicy
import TierStore
import TierWire

extension FactQuery {
    /// One result row of ``FactQuery/sql``, decoded.
    struct Row {
        var gender: String
        var birthDate: PGDate?
        var since: PGDate
        var branch: String
        var householdId: Int64
        var hiredOn: PGDate?
        var isFamily: Bool
        var householdSize: Int64
        var householdLongTerm: Int64
        var householdPremium: FixedDecimal
        var active: Int64
        var longTerm: Int64
        var lapsed: Int64
        var premium: FixedDecimal
        var purchases: Int64
        var firstPurchase: PGDate?
        var lastPurchase: PGDate?
        var productLines: [String]
        var referred: Int64
        var complaintsOpen: Int64
        var complaintsUpheld: Int64
        var rfmType: Int64?
        var abcClass: String?
        var quadrant: String?
        var classificationRun: Int64?
        var tierChange: String?
        var previousTier: String?
        var riskScore: Int64?
        var riskProfile: String?
        var quotaUsed: [String: Int64]

        init(_ row: PGRow) throws {
            gender = try row.decode("gender")
            birthDate = try row.decode("birth_date")
            since = try row.decode("since")
            branch = try row.decode("branch")
            householdId = try row.decode("household_id")
            hiredOn = try row.decode("hired_on")
            isFamily = try row.decode("is_family")
            householdSize = try row.decode("size")
            householdLongTerm = try row.decode("household_long_term")
            householdPremium = try Self.money(row, "household_premium")
            active = try row.decode("active")
            longTerm = try row.decode("long_term")
            lapsed = try row.decode("lapsed")
            premium = try Self.money(row, "premium")
            purchases = try row.decode("purchases")
            firstPurchase = try row.decode("first_on")
            lastPurchase = try row.decode("last_on")
            productLines = try row.decode("lines")
            referred = try row.decode("referred")
            complaintsOpen = try row.decode("complaints_open")
            complaintsUpheld = try row.decode("complaints_upheld")
            rfmType = try row.decode("rfm_type")
            abcClass = try row.decode("abc_class")
            quadrant = try row.decode("quadrant")
            classificationRun = try row.decode("run_id")
            tierChange = try row.decode("tier_change")
            previousTier = try row.decode("previous_tier")
            riskScore = try row.decode("score")
            riskProfile = try row.decode("profile")
            quotaUsed = try row.decode("used", as: PGJSON.self).decode([String: Int64].self)
        }

        /// A `numeric` sent as text, exactly.
        private static func money(_ row: PGRow, _ column: String) throws -> FixedDecimal {
            let text: String = try row.decode(column)
            guard let value = FixedDecimal(text) else {
                throw RPCError.internalError("\(column) \(text) is not a decimal the policy engine can hold")
            }
            return value
        }

        /// The facts by path (all but `customer.id` and `context.*`).
        func facts(asOf: Int) -> [String: PolicyValue] {
            var values: [String: PolicyValue] = [
                "customer.gender": .string(gender),
                "customer.birth_date": Self.date(birthDate),
                "customer.age": .missing,
                "customer.branch": .string(branch),
                "customer.since": .date(since.daysSinceEpoch),
                "staff.is_employee": .bool(hiredOn != nil),
                "staff.is_family": .bool(isFamily),
                "staff.years_of_service": hiredOn.map { .int(Int64(CivilDate.wholeYears(from: $0.daysSinceEpoch, to: asOf))) } ?? .missing,
                "household.size": .int(householdSize),
                "household.long_term_policies": .int(householdLongTerm),
                "household.annual_premium": .decimal(householdPremium),
                "history.active_policies": .int(active),
                "history.long_term_policies": .int(longTerm),
                "history.lapsed_policies": .int(lapsed),
                "history.annual_premium": .decimal(premium),
                "history.purchases": .int(purchases),
                "history.first_purchase_on": Self.date(firstPurchase),
                "history.last_purchase_on": Self.date(lastPurchase),
                "history.product_lines": .list(productLines.map(PolicyValue.string)),
                "history.referred_policies": .int(referred),
                "complaints.open": .int(complaintsOpen),
                "complaints.upheld_mis_selling": .int(complaintsUpheld),
                "classification.rfm_type": rfmType.map(PolicyValue.int) ?? .missing,
                "classification.abc_class": abcClass.map(PolicyValue.string) ?? .missing,
                "classification.quadrant": quadrant.map(PolicyValue.string) ?? .missing,
                "classification.run_id": classificationRun.map(PolicyValue.int) ?? .missing,
                "classification.tier_change": tierChange.map(PolicyValue.string) ?? .missing,
                "classification.previous_tier": previousTier.map(PolicyValue.string) ?? .missing,
                "risk.score": riskScore.map(PolicyValue.int) ?? .missing,
                "risk.profile": riskProfile.map(PolicyValue.string) ?? .missing,
            ]
            // No age before birth: an as-of day earlier than the birth date leaves it absent.
            if let birthDate, birthDate.daysSinceEpoch <= asOf {
                values["customer.age"] = .int(Int64(CivilDate.wholeYears(from: birthDate.daysSinceEpoch, to: asOf)))
            }
            return values
        }

        private static func date(_ date: PGDate?) -> PolicyValue {
            date.map { .date($0.daysSinceEpoch) } ?? .missing
        }
    }
}
