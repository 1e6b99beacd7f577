import Foundation
import Logging
import Testing
import TierServer
import TierStore
import TierTestSupport
import TierWire

@Suite struct DecisionLogWriterTests {
    private func record(_ customer: Int64) -> DecisionRecord {
        DecisionRecord(
            id: UUID(), customerId: customer, method: "entitlements.get", channel: "counter", asOf: Date(),
            revision: String(repeating: "a", count: 64), request: #"{"params":{}}"#, result: #"{"entitlements":[]}"#,
            principal: "test")
    }

    private func settings(capacity: Int, batch: Int, timeoutMs: Int) -> ServerConfiguration.DecisionLog {
        var settings = ServerConfiguration.DecisionLog()
        settings.queueCapacity = capacity
        settings.batchSize = batch
        settings.enqueueTimeoutMs = timeoutMs
        settings.flushIntervalMs = 1
        return settings
    }

    @Test func everyRecordIsWrittenEvenWhenTheQueueIsTiny() async throws {
        let database = try await TestDatabase.create()
        let customers = try await TestCluster.offloaded {
            let connection = try database.connect()
            try connection.execute("INSERT INTO branches (code, name) VALUES ('B1', 'b')")
            try connection.execute("INSERT INTO households (branch_id) SELECT id FROM branches")
            return try connection.execute(
                "INSERT INTO customers (name, branch_id, household_id) SELECT 'c' || g, 1, 1 FROM generate_series(1, 5) g RETURNING id"
            ).map { try $0.decode(0, as: Int64.self) }
        }
        let pool = database.pool()
        let writer = DecisionLogWriter(pool: pool, settings: settings(capacity: 4, batch: 3, timeoutMs: 30_000 * testWaitScale), logger: Logger(label: "test"))
        let running = Task { await writer.run() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { try await writer.record(record(customers[index % customers.count])) }
            }
            try await group.waitForAll()
        }
        writer.finish()
        await running.value
        let stored = try await pool.withConnection { try $0.execute("SELECT count(*) FROM decision_log").scalar(Int.self) }
        #expect(stored == 200)
        #expect(writer.statistics.written == 200)
        #expect(writer.statistics.queued == 0)
        await pool.close()
    }

    @Test func aFullQueueHoldsRequestsBackThenAnswersOverloadedAndKeepsWhatItHas() async throws {
        // The database is unreachable: nothing can be written, nothing may be dropped.
        let pool = PGPool(PGPoolConfiguration(conninfo: "host=/nonexistent-tierd-test port=1", maxConnections: 1))
        let writer = DecisionLogWriter(pool: pool, settings: settings(capacity: 3, batch: 2, timeoutMs: 100), logger: Logger(label: "test"))
        let running = Task { await writer.run() }
        for customer in Int64(1)...3 { try await writer.record(record(customer)) }
        do {
            try await writer.record(record(4))
            Issue.record("a fourth record fit in a queue of three")
        } catch {
            #expect(error.code == .overloaded)
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(writer.statistics.queued == 3, "records that failed to write stay queued")
        #expect(writer.statistics.failedWrites >= 1)
        running.cancel()
        await pool.close()
    }

    @Test func theQueueIsBoundedInBytesAsWellAsRecords() async throws {
        // Unreachable database again: what is queued stays queued. Room for 100 records
        // by count, but only for two of these records (and not three) by bytes.
        let pool = PGPool(PGPoolConfiguration(conninfo: "host=/nonexistent-tierd-test port=1", maxConnections: 1))
        var limits = settings(capacity: 100, batch: 50, timeoutMs: 100)
        var large = record(1)
        large.result = String(repeating: "x", count: 10_000)
        limits.queueBytes = 2 * (large.request.utf8.count + large.result.utf8.count + 256) + 100
        let writer = DecisionLogWriter(pool: pool, settings: limits, logger: Logger(label: "test"))
        let running = Task { await writer.run() }
        try await writer.record(large)
        try await writer.record(large)
        do {
            try await writer.record(large)
            Issue.record("a third large record fit in a queue of two records' bytes")
        } catch {
            #expect(error.code == .overloaded)
        }
        #expect(writer.statistics.queued == 2)
        running.cancel()
        await pool.close()
    }

    @Test func aRecordLargerThanTheByteBoundIsTakenIntoAnEmptyQueue() async throws {
        let pool = PGPool(PGPoolConfiguration(conninfo: "host=/nonexistent-tierd-test port=1", maxConnections: 1))
        var limits = settings(capacity: 100, batch: 50, timeoutMs: 100)
        limits.queueBytes = 1000
        var large = record(1)
        large.result = String(repeating: "x", count: 5000)
        let writer = DecisionLogWriter(pool: pool, settings: limits, logger: Logger(label: "test"))
        try await writer.record(large)
        #expect(writer.statistics.queued == 1)
        await #expect(throws: RPCError.self) { try await writer.record(record(2)) }
        await pool.close()
    }
}
