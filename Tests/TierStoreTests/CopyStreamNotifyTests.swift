import Foundation
import Testing
import TierStore
import TierTestSupport

/// Bulk writes with COPY, large reads streamed, LISTEN/NOTIFY.
@Suite struct CopyStreamNotifyTests {
    @Test func copyInStoresEveryRowExactly() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        try c.execute("CREATE TABLE items (id int8 PRIMARY KEY, name text, amount numeric(14,2), born date, tags text[])")
        let awkward = "tab\there\nnew line\\back slash\r\"quoted\" 中文 \\N"
        let stored = try c.copyIn("COPY items (id, name, amount, born, tags) FROM STDIN") { writer in
            for id in 1...20_000 {
                let name: String? = id == 2 ? nil : (id == 3 ? awkward : "customer \(id)")
                try writer.append([id, name, Decimal(id) / 100, PGDate(daysSinceEpoch: id), ["x", "y,z"]])
            }
        }
        #expect(stored == 20_000)
        #expect(try c.execute("SELECT count(*) FROM items").scalar(Int.self) == 20_000)
        #expect(try c.execute("SELECT name FROM items WHERE id = 2").scalar(String?.self) == nil)
        #expect(try c.execute("SELECT name FROM items WHERE id = 3").scalar(String.self) == awkward)
        #expect(try c.execute("SELECT sum(amount) FROM items").scalar(Decimal.self) == Decimal(200_010_000) / 100)
        #expect(try c.execute("SELECT tags FROM items WHERE id = 9").scalar([String].self) == ["x", "y,z"])
    }

    @Test func failedCopyStoresNothing() async throws {
        struct Stop: Error {}
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        try c.execute("CREATE TABLE items (id int8 PRIMARY KEY)")
        #expect(throws: Stop.self) {
            try c.copyIn("COPY items (id) FROM STDIN") { writer in
                for id in 1...1000 { try writer.append([id]) }
                throw Stop()
            }
        }
        let bad = try #require(throws: PGError.self) {
            try c.copyIn("COPY items (id) FROM STDIN") { writer in
                try writer.append([1])
                try writer.append(texts: ["not a number"])
            }
        }
        #expect(bad.sqlState == "22P02")
        #expect(bad.context?.contains("line 2") == true)
        #expect(try c.execute("SELECT count(*) FROM items").scalar(Int.self) == 0)
        // The connection is usable afterwards.
        #expect(try c.copyIn("COPY items (id) FROM STDIN") { try $0.append([5]) } == 1)
    }

    @Test func streamRowsReadsOneRowAtATime() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        var sum = 0
        let rows = try c.streamRows("SELECT g FROM generate_series(1, $1::int) g", [200_000]) { row in
            sum += try row.decode(0, as: Int.self)
        }
        #expect(rows == 200_000)
        #expect(sum == 200_000 * 200_001 / 2)

        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try c.streamRows("SELECT g FROM generate_series(1, 10000000) g") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
        #expect(try c.execute("SELECT 1").scalar(Int.self) == 1)
    }

    @Test func cursorBatchesLeaveTheConnectionFreeBetweenBatches() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        try c.execute("CREATE TABLE out (g int)")
        var batches = 0
        try c.forEachBatch("SELECT g FROM generate_series(1, $1::int) g", [2500], batchSize: 1000) { batch in
            batches += 1
            try c.copyIn("COPY out (g) FROM STDIN") { writer in
                for row in batch { try writer.append([try row.decode(0, as: Int.self) * 2]) }
            }
        }
        #expect(batches == 3)
        #expect(try c.execute("SELECT count(*), sum(g) FROM out").first.map { try ($0.decode(0, as: Int.self), $0.decode(1, as: Int.self)) }! == (2500, 2500 * 2501))
    }

    @Test func listenAndNotify() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let listener = try db.connect()
        let sender = try db.connect()
        try listener.listen("tasks available")
        try sender.notify("tasks available", payload: "revisit:42")
        try sender.transaction { t in try t.notify("tasks available", payload: "after commit") }
        var received: [PGNotification] = []
        let deadline = ContinuousClock.now + .seconds(5)
        while received.count < 2, ContinuousClock.now < deadline {
            received += try listener.waitForNotifications(timeout: .milliseconds(200))
        }
        #expect(received.map(\.payload) == ["revisit:42", "after commit"])
        #expect(received.allSatisfy { $0.channel == "tasks available" && $0.senderPID == sender.backendPID })
        // A rolled-back transaction sends nothing.
        struct Undo: Error {}
        _ = try? sender.transaction { t in try t.notify("tasks available", payload: "never"); throw Undo() }
        #expect(try listener.waitForNotifications(timeout: .milliseconds(300)).isEmpty)
    }

    @Test func listenerReconnectsAfterRestart() async throws {
        let (owner, running) = try await PrivateTestCluster.start()
        defer { owner.remove() }
        let listener = PGListener(conninfo: running.conninfo, channels: ["cache"], reconnectDelay: .milliseconds(100))
        listener.start()
        defer { listener.stop() }
        var events = listener.events.makeAsyncIterator()
        #expect(await events.next() == .connected)
        let sender = try PGConnection(conninfo: running.conninfo)
        try sender.notify("cache", payload: "customer:1")
        #expect(await events.next() == .notification(PGNotification(channel: "cache", payload: "customer:1", senderPID: sender.backendPID)))

        try await TestCluster.offloaded { try owner.cluster.stop() }
        _ = try await TestCluster.offloaded { try owner.cluster.start() }
        // Disconnected (possibly more than once while the server was down), then connected again.
        var sawDisconnect = false
        while let event = await events.next() {
            if case .disconnected = event { sawDisconnect = true; continue }
            #expect(event == .connected)
            break
        }
        #expect(sawDisconnect)
        try PGConnection(conninfo: running.conninfo).notify("cache", payload: "customer:2")
        guard case .notification(let note) = await events.next() else {
            Issue.record("expected a notification after reconnecting")
            return
        }
        #expect(note.payload == "customer:2")
    }
}
