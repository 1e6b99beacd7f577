import TierStore

extension BranchLoader {
    /// Midnight-free moment used for rows whose creation time has no meaning of its own.
    private func morning(_ day: Int) -> String { SyntheticText.shanghai(day * 86_400 + 9 * 3600) }

    func loadBranches() throws -> Int {
        let opened = asOf - HouseholdPlanner.days(years: profile.historyYears + 1)
        let offices = profile.offices
        return try copy("branches", ["id", "code", "name", "created_at"]) { writer in
            for (index, office) in offices.enumerated() {
                try writer.append(texts: [String(index + 1), office.code, office.name, morning(opened)])
            }
        }
    }

    func loadHouseholds() throws -> Int {
        return try copy("households", ["id", "branch_id", "address", "created_at"]) { writer in
            try forEachHousehold([]) { plan in
                try writer.append(texts: [
                    String(plan.id), String(plan.office + 1), plan.address, SyntheticText.shanghai(plan.createdAt),
                ])
            }
        }
    }

    func loadCustomers() throws -> Int {
        let columns = ["id", "name", "gender", "birth_date", "address", "phone", "branch_id", "household_id",
                       "photo_ref", "external_ref", "created_at"]
        return try copy("customers", columns) { writer in
            try forEachHousehold([]) { plan in
                let address = plan.address
                for member in plan.members {
                    let id = member.customerId
                    try writer.append(texts: [
                        String(id), member.name, member.gender,
                        member.birthKnown ? SyntheticText.date(member.birthDay) : nil,
                        address, member.phone.map(String.init), String(plan.office + 1), String(plan.id),
                        member.hasPhoto ? "s3://tierd-synthetic/photos/\(SyntheticText.padded(id, 9)).jpg" : nil,
                        "SYN" + SyntheticText.padded(id, 9), SyntheticText.shanghai(member.createdAt),
                    ])
                }
            }
        }
    }

    func loadSalesAgents() throws -> Int {
        let profile = self.profile
        let asOf = self.asOf
        return try copy("sales_agents", ["id", "agent_no", "name", "branch_id", "active", "created_at"]) { writer in
            for id in 1...profile.salesAgents {
                var random = SyntheticRandom(seed: planner.seed, stream: .agents, index: id)
                let female = random.chance(0.5)
                let name = ChineseNames.name(surname: ChineseNames.surname(&random), female: female, seed: random.next())
                let active = !random.chance(profile.inactiveAgentShare)
                let joined = asOf - random.int(in: 365...HouseholdPlanner.days(years: profile.historyYears))
                try writer.append(texts: [
                    String(id), "A" + SyntheticText.padded(id, 5), name, String((id - 1) % profile.offices.count + 1),
                    active ? "t" : "f", morning(joined),
                ])
            }
        }
    }

    func loadEmployees() throws -> Int {
        let roster = layout.roster
        return try copy("employees", ["id", "customer_id", "employee_no", "branch_id", "hired_on", "left_on", "created_at"]) { writer in
            for employee in roster {
                try writer.append(texts: [
                    String(employee.id), String(employee.customerId), employee.employeeNo, String(employee.office + 1),
                    SyntheticText.date(employee.hiredOn), employee.leftOn.map(SyntheticText.date), morning(employee.hiredOn),
                ])
            }
        }
    }

    func loadFamilyMembers() throws -> Int {
        let columns = ["id", "employee_id", "customer_id", "relation", "registered_on", "created_at"]
        return try copy("employee_family_members", columns) { writer in
            try forEachHousehold([]) { plan in
                for registration in plan.registrations {
                    try writer.append(texts: [
                        String(registration.id), String(registration.employeeId), String(registration.customerId),
                        registration.relation, SyntheticText.date(registration.registeredOn),
                        morning(registration.registeredOn),
                    ])
                }
            }
        }
    }
}
