extension HouseholdPlanner {
    /// Days in `years` years, near enough for ages and spans.
    static func days(years: Int) -> Int { years * 36_525 / 100 }

    /// The household, its people, its staff member (if any) and their registered family.
    func makeMembers(_ index: Int, ids: IdCursor) -> HouseholdPlan {
        var random = SyntheticRandom(seed: seed, stream: .members, index: index)
        let size = Int(householdSizes[index])
        let office = officeChoice.pick(&random)
        let district = random.pick(profile.offices[office].districts)
        let addressSeed = random.next()
        let isStaffHousehold = random.chance(staffHouseholdShare)
        let loyal = size >= 2 && random.chance(profile.loyalHouseholdShare)
        var plan = HouseholdPlan(id: index + 1, office: office, district: district, addressSeed: addressSeed, loyal: loyal)

        // Who lives here: a head, a spouse from two people on, then adult children or parents.
        var roles: [HouseholdPlan.Role] = [.head]
        if size >= 2 { roles.append(.spouse) }
        var parents = 0
        for _ in 2..<max(2, size) {
            if parents < 2, random.chance(0.3) {
                roles.append(.parent)
                parents += 1
            } else {
                roles.append(.child)
            }
        }
        let hasChildren = roles.contains(.child)
        // Ages are 18...85; a head with adult children is 40+, one with living parents at most 60.
        var lowest = size >= 2 ? 23 : 18
        var highest = 85
        if hasChildren { lowest = max(lowest, 40) }
        if parents > 0 { highest = min(highest, 60) }
        if isStaffHousehold { lowest = max(lowest, 25); highest = min(highest, 58) }
        let headAge = random.int(in: lowest...highest)
        let spouseAge = min(85, max(hasChildren ? 40 : 20, headAge + random.int(in: -5...5)))
        let headFemale = random.chance(0.5)
        let headSurname = ChineseNames.surname(&random)
        let spouseSurname = ChineseNames.surname(&random)
        let fatherSurname = headFemale ? spouseSurname : headSurname
        var parentMale = random.chance(0.5)

        for (position, role) in roles.enumerated() {
            let age: Int
            let female: Bool
            let surname: Int
            switch role {
            case .head:
                age = headAge; female = headFemale; surname = headSurname
            case .spouse:
                age = spouseAge; female = !headFemale; surname = spouseSurname
            case .child:
                age = random.int(in: 18...max(18, min(headAge, spouseAge) - 20))
                female = random.chance(0.5)
                surname = fatherSurname
            case .parent:
                age = random.int(in: min(85, headAge + 22)...min(85, headAge + 35))
                female = !parentMale
                parentMale.toggle()
                surname = female ? ChineseNames.surname(&random) : headSurname
            }
            plan.members.append(makeMember(
                customerId: ids.customer + position, role: role, age: age, female: female, surname: surname,
                loyal: loyal, &random))
        }

        if isStaffHousehold { addEmployee(to: &plan, ids: ids, &random) }
        return plan
    }

    private func makeMember(customerId: Int, role: HouseholdPlan.Role, age: Int, female: Bool, surname: Int,
                            loyal: Bool, _ random: inout SyntheticRandom) -> HouseholdPlan.Member {
        let nameSeed = random.next()
        let gender = random.chance(profile.unknownGenderShare) ? "unknown" : (female ? "female" : "male")
        let birthDay = asOf - Self.days(years: age) - random.int(in: 1...364)
        let birthKnown = !random.chance(profile.unknownBirthDateShare)
        let phone = random.chance(profile.phoneShare) ? ShanghaiAddresses.mobile(&random) : nil
        let hasPhoto = random.chance(profile.photoShare)
        // Triangular around 50: most people are neutral, a quarter lean each way.
        let riskScore = (random.int(in: 0...100) + random.int(in: 0...100)) / 2
        let (archetype, purchaseDays) = purchaseHistory(
            adultFrom: birthDay + Self.days(years: 18) + 1, loyal: loyal, &random)
        let createdAt = officeHours(purchaseDays[0] - random.int(in: 1...20), &random)
        return HouseholdPlan.Member(
            customerId: customerId, role: role, surname: surname, female: female, nameSeed: nameSeed,
            gender: gender, birthDay: birthDay,
            birthKnown: birthKnown, phone: phone, hasPhoto: hasPhoto, createdAt: createdAt,
            archetype: archetype, riskScore: riskScore, purchaseDays: purchaseDays)
    }

    /// New (one purchase in the last year), lapsed (last purchase over two years ago)
    /// or returning (several purchases, the last within two years).
    private func purchaseHistory(adultFrom: Int, loyal: Bool, _ random: inout SyntheticRandom)
        -> (HouseholdPlan.Archetype, [Int]) {
        let earliest = max(adultFrom, asOf - Self.days(years: profile.historyYears))
        let twoYearsAgo = asOf - 730
        let draw = random.unit()
        if !loyal, draw < profile.lapsedCustomerShare, earliest <= twoYearsAgo - 1 - 30 {
            let last = random.int(in: max(earliest, twoYearsAgo - Self.days(years: 10))...(twoYearsAgo - 1))
            let count = 1 + random.geometric(mean: profile.lapsedExtraPurchases)
            let first = count == 1 ? last : random.int(in: max(earliest, last - Self.days(years: 8))...last)
            return (.lapsed, spread(count, from: first, to: last, &random))
        }
        if earliest > asOf - 365 || (!loyal && draw < profile.lapsedCustomerShare + profile.newCustomerShare) {
            let day = random.int(in: max(earliest, asOf - 364)...asOf)
            return (.new, random.chance(0.2) ? [day, day] : [day])
        }
        let last = random.int(in: max(earliest, twoYearsAgo + 1)...asOf)
        let first = random.int(in: earliest...min(last, asOf - 365))
        let count = 2 + random.geometric(mean: profile.returningExtraPurchases)
        return (.returning, spread(count, from: first, to: last, &random))
    }

    /// `count` sorted days: `first`, `last` and the rest uniformly between.
    private func spread(_ count: Int, from first: Int, to last: Int, _ random: inout SyntheticRandom) -> [Int] {
        guard count > 1 else { return [first] }
        var days = [first, last]
        for _ in 2..<count { days.append(random.int(in: first...last)) }
        return days.sorted()
    }

    private func addEmployee(to plan: inout HouseholdPlan, ids: IdCursor, _ random: inout SyntheticRandom) {
        // The head is 25...58 in a staff household; sometimes the spouse is the employee instead.
        var staffIndex = 0
        if plan.members.count >= 2, random.chance(0.4) {
            let spouseAge = (asOf - plan.members[1].birthDay) / 365
            if (25...58).contains(spouseAge) { staffIndex = 1 }
        }
        let staff = plan.members[staffIndex]
        let hiredFrom = max(staff.birthDay + Self.days(years: 22), asOf - Self.days(years: profile.historyYears))
        let hiredOn = random.int(in: hiredFrom...max(hiredFrom, asOf - 60))
        var leftOn: Int?
        if random.chance(profile.formerStaffShare), hiredOn + 180 <= asOf - 1 {
            leftOn = random.int(in: (hiredOn + 180)...(asOf - 1))
        }
        let employee = HouseholdPlan.Employee(
            id: ids.employee, memberIndex: staffIndex, customerId: staff.customerId, office: plan.office,
            employeeNo: "E" + SyntheticText.padded(ids.employee, 6), hiredOn: hiredOn, leftOn: leftOn)
        plan.employee = employee

        let lastRegistrationDay = (leftOn ?? asOf + 1) - 1
        for (position, member) in plan.members.enumerated() where position != staffIndex {
            let relation = Self.relation(of: member.role, toStaff: staff.role)
            let close = relation == "spouse" || relation == "child" || relation == "parent"
            guard random.chance(close ? profile.familyRegistrationShare : profile.otherRelativeRegistrationShare) else { continue }
            plan.registrations.append(HouseholdPlan.Registration(
                id: ids.registration + plan.registrations.count, employeeId: employee.id,
                customerId: member.customerId, relation: relation,
                registeredOn: random.int(in: hiredOn...max(hiredOn, lastRegistrationDay))))
        }
    }

    /// How `member` relates to the staff member (the head or the spouse).
    static func relation(of member: HouseholdPlan.Role, toStaff staff: HouseholdPlan.Role) -> String {
        switch (staff, member) {
        case (.head, .spouse), (.spouse, .head): return "spouse"
        case (_, .child): return "child"
        case (.head, .parent): return "parent"
        default: return "other"  // the spouse's parents-in-law
        }
    }
}
