import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport

/// The `tierd_facts` triggers (0011): a change to any row the facts statement reads
/// announces the households whose facts it touched, or `*` for everything.
@Suite struct StoreFactsNotifyTests {
    /// The distinct payloads that arrive until `expected` have all come (or `window` passes),
    /// then for a short moment more, so extra ones are seen too.
    private func payloads(_ listener: PGConnection, expecting expected: Set<String>, window: Duration = .seconds(5 * testWaitScale)) throws -> Set<String> {
        var received: Set<String> = []
        let deadline = ContinuousClock.now + window
        while !expected.isSubset(of: received), ContinuousClock.now < deadline {
            for note in try listener.waitForNotifications(timeout: .milliseconds(100)) {
                #expect(note.channel == FactsInvalidator.channel)
                received.insert(note.payload)
            }
        }
        for note in try listener.waitForNotifications(timeout: .milliseconds(200)) { received.insert(note.payload) }
        return received
    }

    private func quiet(_ listener: PGConnection) throws -> Bool {
        try listener.waitForNotifications(timeout: .milliseconds(400)).isEmpty
    }

    /// The loader's fixture: households 1 (customers 1-3, employee 1 with relative 2)
    /// and 2 (customers 4-5, employee 2 with relative 5).
    private func fixture() async throws -> (store: StoreDatabase, listener: PGConnection, sender: PGConnection) {
        let store = try await StoreDatabase.make(script: StoreFactLoaderTests.script)
        let listener = try store.database.connect()
        try listener.listen(FactsInvalidator.channel)
        return (store, listener, try store.database.connect())
    }

    @Test func rowsKeyedByCustomerAnnounceTheCustomersHousehold() async throws {
        let (store, listener, sender) = try await fixture()
        try sender.execute("UPDATE policies SET premium = premium + 1 WHERE id = 7")
        #expect(try payloads(listener, expecting: ["1"]) == ["1"])
        try sender.execute("""
            INSERT INTO complaints (customer_id, received_at, category, mis_selling, outcome)
            VALUES (4, now(), 'service', false, 'pending')
            """)
        #expect(try payloads(listener, expecting: ["2"]) == ["2"])
        try sender.execute("INSERT INTO risk_surveys (customer_id, taken_at, instrument, score, profile) VALUES (5, now(), 'game', 10, 'averse')")
        #expect(try payloads(listener, expecting: ["2"]) == ["2"])
        try sender.execute("DELETE FROM policies WHERE customer_id IN (1, 2)")
        #expect(try payloads(listener, expecting: ["1"]) == ["1"])
        // Both households in one statement.
        try sender.execute("UPDATE complaints SET outcome = 'rejected', resolved_at = now() WHERE customer_id IN (1, 4)")
        #expect(try payloads(listener, expecting: ["1", "2"]) == ["1", "2"])
        await store.close()
    }

    @Test func aCustomerMovingHouseholdsAnnouncesBoth() async throws {
        let (store, listener, sender) = try await fixture()
        try sender.execute("UPDATE customers SET household_id = 1 WHERE id = 5")
        #expect(try payloads(listener, expecting: ["1", "2"]) == ["1", "2"])
        try sender.execute("UPDATE customers SET birth_date = '1990-01-01' WHERE id = 3")
        #expect(try payloads(listener, expecting: ["1"]) == ["1"])
        await store.close()
    }

    @Test func anEmployeesChangeAnnouncesTheRelativesHouseholdsToo() async throws {
        let (store, listener, sender) = try await fixture()
        // Employee 2's registered relative, customer 5, now lives in household 1.
        try sender.execute("UPDATE customers SET household_id = 1 WHERE id = 5")
        _ = try payloads(listener, expecting: ["1", "2"])
        try sender.execute("UPDATE employees SET left_on = NULL WHERE id = 2")
        #expect(try payloads(listener, expecting: ["1", "2"]) == ["1", "2"])
        try sender.execute("UPDATE employee_family_members SET registered_on = '2012-01-01' WHERE customer_id = 2")
        #expect(try payloads(listener, expecting: ["1"]) == ["1"])
        await store.close()
    }

    @Test func grantsAnnounceTheirHouseholdOrTheirCustomersHousehold() async throws {
        let (store, listener, sender) = try await fixture()
        try sender.execute("UPDATE entitlement_grants SET uses = 1 WHERE id = 2")
        #expect(try payloads(listener, expecting: ["1"]) == ["1"])
        try sender.execute("""
            INSERT INTO entitlement_grants (entitlement_code, customer_id, period_start, period_end, quota, policy_revision)
            VALUES ('health_checkup', 4, '2026-01-01', '2027-01-01', 1, 'r')
            """)
        #expect(try payloads(listener, expecting: ["2"]) == ["2"])
        await store.close()
    }

    @Test func runsBranchesTruncatesAndBulkStatementsAnnounceEverything() async throws {
        let (store, listener, sender) = try await fixture()
        try sender.execute("UPDATE classification_runs SET status = 'failed' WHERE id = 4")
        #expect(try payloads(listener, expecting: ["*"]) == ["*"])
        try sender.execute("UPDATE branches SET name = '上海' WHERE id = 1")
        #expect(try payloads(listener, expecting: ["*"]) == ["*"])
        try sender.execute("TRUNCATE risk_surveys")
        #expect(try payloads(listener, expecting: ["*"]) == ["*"])
        // A new run is not yet a fact; nor is a statement that changes nothing.
        try sender.execute("INSERT INTO classification_runs (as_of, policy_revision) VALUES (current_date, 'r')")
        try sender.execute("UPDATE policies SET premium = 1 WHERE id = -1")
        #expect(try quiet(listener))
        // More than 1,000 households at once: one '*', not one notification each.
        try sender.execute("INSERT INTO households (id, branch_id) SELECT g, 1 FROM generate_series(100, 1100) g")
        try sender.execute("""
            INSERT INTO customers (id, name, gender, branch_id, household_id)
            SELECT g, 'bulk', 'unknown', 1, g FROM generate_series(100, 1100) g
            """)
        #expect(try payloads(listener, expecting: ["*"]) == ["*"])
        await store.close()
    }

    @Test func aRolledBackChangeAnnouncesNothing() async throws {
        let (store, listener, sender) = try await fixture()
        struct Undo: Error {}
        _ = try? sender.transaction { connection in
            try connection.execute("UPDATE policies SET premium = premium + 1 WHERE id = 7")
            throw Undo()
        }
        #expect(try quiet(listener))
        await store.close()
    }
}
