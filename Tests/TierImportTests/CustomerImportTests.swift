import Testing
import TierStore
import TierImport

@Suite struct CustomerImportTests {
    @Test func goodFileLoadsWithChineseNamesAndSharedHouseholds() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            \u{FEFF}external_ref,name,gender,birth_date,address,phone,branch,household_ref,photo_ref\r
            C1,张伟,male,1980-02-29,"上海市浦东新区, 世纪大道100号\r
            3楼",13800000001,SH01,H-ZHANG,https://photos.example/c1.jpg\r
            C2,李秀英,female,1982-06-01,,13800000002,SH01,H-ZHANG,\r
            C3,"O'Brien, ""Pat"" Jr",,,,,SH01,,\r
            C4,赵强,male,1990-01-01,,,SH01,E-1,\r
            C5,孙丽,female,,,,SH01,C3,\r
            """
        let report = try fixture.run(.customers, csv)
        #expect(report.errors == [])
        #expect(report.committed)
        #expect(report.rowsRead == 5)
        #expect(report.rowsLoaded == 5)
        #expect(report.rowsRejected == 0)
        // H-ZHANG (C1, C2) and C3's own household (C3, C5); C4 joins E-1's existing one.
        #expect(report.householdsCreated == 2)

        #expect(try fixture.scalar("SELECT name FROM customers WHERE external_ref = 'C1'", as: String.self) == "张伟")
        #expect(try fixture.scalar("SELECT name FROM customers WHERE external_ref = 'C3'", as: String.self) == "O'Brien, \"Pat\" Jr")
        #expect(try fixture.scalar("SELECT address FROM customers WHERE external_ref = 'C1'", as: String.self)
            == "上海市浦东新区, 世纪大道100号\n3楼")
        #expect(try fixture.scalar("SELECT gender FROM customers WHERE external_ref = 'C3'", as: String.self) == "unknown")
        #expect(try fixture.scalar("SELECT birth_date FROM customers WHERE external_ref = 'C1'", as: PGDate.self)
            == PGDate(year: 1980, month: 2, day: 29))
        func household(_ ref: String) throws -> Int {
            try fixture.scalar("SELECT household_id FROM customers WHERE external_ref = $1", [ref], as: Int.self)
        }
        #expect(try household("C1") == household("C2"))
        #expect(try household("C3") == household("C5"))
        #expect(try household("C1") != household("C3"))
        #expect(try household("C4") == household("E-1"))
        #expect(try fixture.scalar(
            "SELECT h.address FROM households h JOIN customers c ON c.household_id = h.id WHERE c.external_ref = 'C2'",
            as: String.self) == "上海市浦东新区, 世纪大道100号\n3楼")
        #expect(try fixture.scalar("SELECT count(*) FROM households", as: Int.self) == 3)
    }

    @Test func badRowsAreEachReportedAndNothingLoads() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            external_ref,name,gender,birth_date,branch,photo_ref
            C1,张伟,male,1980-01-01,SH01,
            C2,,M,1980-02-30,SH01,
            C3,李娜,female,1899-12-31,XX99,
            C1,王五,male,,SH01,
            E-1,王芳,female,,SH01,
            C6,赵六,other,2990-01-01,SH01,not a uri
            C7,"钱七",unknown
            C8,孙八,female,,,
            """
        let report = try fixture.run(.customers, csv)
        #expect(!report.committed)
        #expect(report.isRefused)
        #expect(report.rowsRead == 8)
        #expect(report.rowsLoaded == 0)
        #expect(report.rowsRejected == 7)
        #expect(ImportFixture.lines(report) == [
            "3: name: required",
            "3: gender: \"M\" is not one of male, female, other, unknown",
            "3: birth_date: \"1980-02-30\" is not a valid YYYY-MM-DD date",
            "4: birth_date: 1899-12-31 is before 1900-01-01",
            "4: branch: no branch with code \"XX99\"",
            "5: external_ref: \"C1\" appears again (first on line 2)",
            "6: external_ref: \"E-1\" is already in the database (customer id 1)",
            "7: birth_date: 2990-01-01 is in the future",
            "7: photo_ref: \"not a uri\" is not a URI (scheme:rest, no spaces)",
            "8: record has 3 fields, the header has 6",
            "9: branch: required",
        ])
        #expect(report.errorCount == 11)
        #expect(try fixture.scalar("SELECT count(*) FROM customers", as: Int.self) == 1)
        #expect(try fixture.scalar("SELECT count(*) FROM households", as: Int.self) == 1)
    }

    @Test func skipBadLoadsOnlyTheGoodRows() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            external_ref,name,gender,branch,household_ref
            C1,张伟,male,SH01,H1
            C2,李娜,female,XX99,H1
            C3,王五,bogus,SH01,H1
            C4,赵六,male,SH01,H1
            """
        let report = try fixture.run(.customers, csv, ImportOptions(skipBad: true))
        #expect(report.committed)
        #expect(report.rowsRead == 4)
        #expect(report.rowsLoaded == 2)
        #expect(report.rowsRejected == 2)
        #expect(report.householdsCreated == 1)
        #expect(report.errors.map(\.line) == [3, 4])
        let loaded = try fixture.connection.execute("SELECT external_ref FROM customers WHERE external_ref LIKE 'C%' ORDER BY 1")
            .map { try $0.decode(0, as: String.self) }
        #expect(loaded == ["C1", "C4"])
        // The same file again: every row is now a key already present.
        let again = try fixture.run(.customers, csv, ImportOptions(skipBad: true))
        #expect(again.rowsLoaded == 0 && again.rowsRejected == 4)
    }

    @Test func householdRulesAcrossBranchesAndMembers() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            external_ref,name,branch,household_ref
            C1,张伟,SH01,H1
            C2,李娜,BJ01,H1
            C3,王五,BJ01,E-1
            C4,赵六,SH01,
            C5,钱七,SH01,C4
            C6,孙八,SH01,H2
            C7,周九,SH01,C6
            """
        let report = try fixture.run(.customers, csv)
        #expect(ImportFixture.lines(report) == [
            "3: branch: household \"H1\" is in branch \"SH01\" (line 2), not \"BJ01\"",
            "4: branch: household \"E-1\" already exists in branch \"SH01\", not \"BJ01\"",
            "8: household_ref: \"C6\" is the customer on line 7, whose household is \"H2\"; give everyone in a household the same household_ref",
        ])
    }

    @Test func branchOptionFillsAndGuardsTheBranch() async throws {
        let fixture = try await ImportFixture.make()
        let csv = """
            external_ref,name
            C1,张伟
            C2,李娜
            """
        let report = try fixture.run(.customers, csv, ImportOptions(branch: "BJ01"))
        #expect(report.rowsLoaded == 2)
        #expect(try fixture.scalar(
            "SELECT count(*) FROM customers c JOIN branches b ON b.id = c.branch_id WHERE b.code = 'BJ01'", as: Int.self) == 2)
        let mixed = try fixture.run(.customers, "external_ref,name,branch\nC3,王五,SH01\nC4,赵六,\n", ImportOptions(branch: "BJ01"))
        #expect(ImportFixture.lines(mixed) == ["2: branch: \"SH01\" is not the branch of this import (--branch BJ01)"])
        #expect(throws: ImportError(.unknownBranch, "no branch with code \"NOPE\"")) {
            try fixture.run(.customers, csv, ImportOptions(branch: "NOPE"))
        }
    }

    @Test func headerProblemsStopBeforeAnyRow() async throws {
        let fixture = try await ImportFixture.make()
        let error = try #require(throws: ImportError.self) {
            try fixture.run(.customers, "External_Ref,nickname,gender,gender\nC1,x,male,male\n")
        }
        #expect(error.code == .badHeader)
        #expect(error.line == 1)
        #expect(error.message.contains("unknown column \"nickname\""))
        #expect(error.message.contains("column \"gender\" appears twice"))
        #expect(error.message.contains("missing required columns: name, branch (or --branch)"))
        let empty = try #require(throws: ImportError.self) { try fixture.run(.customers, "") }
        #expect(empty.code == .emptyFile)
        let missing = try #require(throws: ImportError.self) {
            try CSVImporter(kind: .customers).run(file: "/nonexistent/file.csv", connection: fixture.connection)
        }
        #expect(missing.code == .unreadable)
    }

    @Test func progressIsReportedThroughEveryPhase() async throws {
        let fixture = try await ImportFixture.make()
        var csv = "external_ref,name,branch\n"
        for index in 1...10_000 { csv += "C\(index),客户\(index),SH01\n" }
        let path = try TemporaryCSV.write(csv)
        defer { TemporaryCSV.remove(path) }
        var seen: [ImportProgress] = []
        let report = try CSVImporter(kind: .customers).run(file: path, connection: fixture.connection) { seen.append($0) }
        #expect(report.rowsLoaded == 10_000)
        #expect(report.householdsCreated == 10_000)
        #expect(seen.first?.phase == .reading)
        #expect(seen.contains { $0.phase == .reading && $0.rowsRead == 8192 && ($0.estimatedTotalRows ?? 0) > 9000 })
        #expect(seen.map(\.phase).suffix(3) == [.checking, .inserting, .done])
        #expect(seen.last?.rowsRead == 10_000)
    }
}
