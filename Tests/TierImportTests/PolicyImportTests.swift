import Foundation
import Testing
import TierStore
import TierImport

@Suite struct PolicyImportTests {
    static let header = "policy_no,customer_ref,product_code,product_line,term,premium,premium_frequency,status,issued_on,lapsed_on,channel,agent_no,employee_no"

    @Test func goodFileLoadsWithReferencesAndExactMoney() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            \(Self.header)
            P1,E-1,LIFE20,life,long,12000.50,annual,active,2019-03-01,,agent,A1,EMP1
            P2,E-1,ACC1,accident,short,0.10,,lapsed,2020-01-15,2021-01-15,wechat,,
            P3,E-1,HLT,health,long,999999999999.99,monthly,,2021-05-05,,counter,A1,
            """
        let report = try fixture.run(.policies, csv)
        #expect(report.errors == [])
        #expect(report.rowsLoaded == 3)
        #expect(report.householdsCreated == 0)
        let sum = try fixture.scalar("SELECT sum(premium)::text FROM policies", as: String.self)
        #expect(sum == "1000000012000.59")
        #expect(try fixture.scalar("SELECT premium_frequency || '/' || status FROM policies WHERE policy_no = 'P2'", as: String.self)
            == "annual/lapsed")
        #expect(try fixture.scalar("SELECT status FROM policies WHERE policy_no = 'P3'", as: String.self) == "active")
        #expect(try fixture.scalar("""
            SELECT a.agent_no || '/' || e.employee_no || '/' || c.external_ref
            FROM policies p JOIN sales_agents a ON a.id = p.selling_agent_id
            JOIN employees e ON e.id = p.referring_employee_id JOIN customers c ON c.id = p.customer_id
            WHERE p.policy_no = 'P1'
            """, as: String.self) == "A1/EMP1/E-1")
        #expect(try fixture.scalar("SELECT selling_agent_id FROM policies WHERE policy_no = 'P2'", as: Int?.self) == nil)
    }

    @Test func unknownReferencesAreReportedByLine() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            \(Self.header)
            P1,E-1,LIFE20,life,long,100,annual,active,2019-03-01,,agent,A1,EMP1
            P2,NOBODY,LIFE20,life,long,100,annual,active,2019-03-01,,agent,A1,
            P3,E-1,LIFE20,life,long,100,annual,active,2019-03-01,,agent,A404,
            P4,E-1,LIFE20,life,long,100,annual,active,2019-03-01,,agent,,EMP404
            P5,GHOST,LIFE20,life,long,100,annual,active,2019-03-01,,agent,A9,E9
            """
        let report = try fixture.run(.policies, csv)
        #expect(report.isRefused)
        #expect(ImportFixture.lines(report) == [
            "3: customer_ref: no customer with external_ref \"NOBODY\"",
            "4: agent_no: no sales agent with agent_no \"A404\"",
            "5: employee_no: no employee with employee_no \"EMP404\"",
            "6: customer_ref: no customer with external_ref \"GHOST\"",
            "6: agent_no: no sales agent with agent_no \"A9\"",
            "6: employee_no: no employee with employee_no \"E9\"",
        ])
        #expect(report.rowsRejected == 4)
        #expect(try fixture.scalar("SELECT count(*) FROM policies", as: Int.self) == 0)

        let skipped = try fixture.run(.policies, csv, ImportOptions(skipBad: true))
        #expect(skipped.rowsLoaded == 1 && skipped.rowsRejected == 4)
        #expect(try fixture.scalar("SELECT policy_no FROM policies", as: String.self) == "P1")
    }

    @Test func duplicateAndExistingPolicyNumbers() async throws {
        let fixture = try await ImportFixture.make()
        let first = try fixture.run(.policies, "\(Self.header)\nP1,E-1,X,life,long,1,,,2020-01-01,,agent,,\n")
        #expect(first.rowsLoaded == 1)
        let csv = """
            \(Self.header)
            P1,E-1,X,life,long,1,,,2020-01-01,,agent,,
            P2,E-1,X,life,long,1,,,2020-01-01,,agent,,
            P2,E-1,Y,health,short,2,,,2020-01-01,,agent,,
            """
        let report = try fixture.run(.policies, csv)
        #expect(ImportFixture.lines(report) == [
            "2: policy_no: \"P1\" is already in the database (policy id 1)",
            "4: policy_no: \"P2\" appears again (first on line 3)",
        ])
        #expect(try fixture.scalar("SELECT count(*) FROM policies", as: Int.self) == 1)
    }

    @Test func fieldAndCrossFieldRulesMirrorTheChecks() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            \(Self.header)
            P1,E-1,X,pension,medium,12.345,weekly,gone,2020-02-30,,fax,,
            P2,E-1,X,life,long,-1,,lapsed,2020-01-01,,agent,,
            P3,E-1,X,life,long,1e3,,lapsed,2020-01-01,2019-12-31,agent,,
            P4,,,life,long,,,,,,,,
            """
        let report = try fixture.run(.policies, csv)
        #expect(ImportFixture.lines(report) == [
            "2: product_line: \"pension\" is not one of accident, health, life, investment_linked, universal_life, other",
            "2: term: \"medium\" is not one of long, short",
            "2: premium: \"12.345\" has more than 2 decimal places",
            "2: premium_frequency: \"weekly\" is not one of single, annual, semiannual, quarterly, monthly",
            "2: status: \"gone\" is not one of active, lapsed, surrendered, matured, cancelled, claimed",
            "2: issued_on: \"2020-02-30\" is not a valid YYYY-MM-DD date",
            "2: channel: \"fax\" is not one of counter, website, wechat, phone, agent, bancassurance, other",
            "3: premium: \"-1\" is negative",
            "3: lapsed_on: required when status is lapsed",
            "4: premium: \"1e3\" is not a decimal number such as 1234.50",
            "4: lapsed_on: 2019-12-31 is before issued_on 2020-01-01",
            "5: customer_ref: required",
            "5: product_code: required",
            "5: premium: required",
            "5: issued_on: required",
            "5: channel: required",
        ])
    }

    @Test func branchOptionRequiresCustomersOfThatBranch() async throws {
        let fixture = try await ImportFixture.make()
        let csv = "\(Self.header)\nP1,E-1,X,life,long,1,,,2020-01-01,,agent,,\n"
        let report = try fixture.run(.policies, csv, ImportOptions(branch: "BJ01"))
        #expect(ImportFixture.lines(report) == ["2: customer_ref: customer \"E-1\" is in branch \"SH01\", not \"BJ01\""])
        #expect(try fixture.run(.policies, csv, ImportOptions(branch: "SH01")).rowsLoaded == 1)
    }

    @Test func manyErrorsAreCountedButOnlySomeKept() async throws {
        let fixture = try await ImportFixture.make()
        var csv = Self.header + "\n"
        for index in 1...3000 { csv += "P\(index),NOBODY,X,life,long,1,,,2020-01-01,,agent,,\n" }
        let report = try fixture.run(.policies, csv, ImportOptions(maxStoredErrors: 100))
        #expect(report.errorCount == 3000)
        #expect(report.rowsRejected == 3000)
        #expect(report.errors.count == 100)
        #expect(report.errors.first?.line == 2)
    }
}
