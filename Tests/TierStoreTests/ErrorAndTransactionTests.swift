import Foundation
import Testing
import TierStore
import TierTestSupport

/// Server errors arrive as values; transactions commit or roll back whole.
@Suite struct ErrorAndTransactionTests {
    private func table() async throws -> PGConnection {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        try c.executeScript("""
            CREATE TABLE accounts (
                id int PRIMARY KEY,
                balance numeric(14,2) NOT NULL CONSTRAINT accounts_balance_check CHECK (balance >= 0)
            );
            INSERT INTO accounts VALUES (1, 100), (2, 0);
            """)
        return c
    }

    @Test func serverErrorsCarrySQLStateAndConstraint() async throws {
        let c = try await table()
        let duplicate = try #require(throws: PGError.self) { try c.execute("INSERT INTO accounts VALUES ($1, 1)", [1]) }
        #expect(duplicate.code == .server)
        #expect(duplicate.sqlState == "23505")
        #expect(duplicate.isUniqueViolation)
        #expect(duplicate.constraint == "accounts_pkey")
        #expect(duplicate.table == "accounts")
        #expect(duplicate.detail == "Key (id)=(1) already exists.")
        #expect(duplicate.severity == "ERROR")

        let negative = try #require(throws: PGError.self) { try c.execute("UPDATE accounts SET balance = -1 WHERE id = 2") }
        #expect(negative.sqlState == "23514")
        #expect(negative.constraint == "accounts_balance_check")

        let syntax = try #require(throws: PGError.self) { try c.execute("SELEKT 1") }
        #expect(syntax.sqlState == "42601")
        #expect(syntax.message.contains("syntax error"))

        let missing = try #require(throws: PGError.self) { try c.execute("SELECT nothing FROM accounts") }
        #expect(missing.sqlState == "42703")
        // The connection stays usable after errors.
        #expect(try c.execute("SELECT count(*) FROM accounts").scalar(Int.self) == 2)
    }

    @Test func parametersAreNeverSplicedIntoSQL() async throws {
        let c = try await table()
        let hostile = "1; DROP TABLE accounts; --"
        let error = try #require(throws: PGError.self) { try c.execute("SELECT * FROM accounts WHERE id = $1::int", [hostile]) }
        #expect(error.sqlState == "22P02")  // invalid input syntax for type integer
        let quote = "x' OR '1'='1"
        #expect(try c.execute("SELECT count(*) FROM accounts WHERE id::text = $1", [quote]).scalar(Int.self) == 0)
        #expect(try c.execute("SELECT count(*) FROM accounts").scalar(Int.self) == 2)
    }

    @Test func aTextParameterWithANulIsRefusedNotCutShort() async throws {
        let c = try await table()
        let error = try #require(throws: PGError.self) { try c.execute("SELECT $1::text", ["before\u{0}after"]) }
        #expect(error.code == .encode)
        #expect(error.message.contains("$1"))
        #expect(try c.execute("SELECT $1::text", ["intact"]).scalar(String.self) == "intact")
    }

    @Test func thrownErrorRollsBack() async throws {
        struct Abort: Error {}
        let c = try await table()
        #expect(throws: Abort.self) {
            try c.transaction { t in
                try t.execute("UPDATE accounts SET balance = balance - 50 WHERE id = 1")
                try t.execute("UPDATE accounts SET balance = balance + 50 WHERE id = 2")
                throw Abort()
            }
        }
        #expect(try c.execute("SELECT balance FROM accounts WHERE id = 2").scalar(Decimal.self) == 0)
        #expect(!c.inTransaction)
    }

    @Test func serverErrorRollsBackAndCommitPersists() async throws {
        let c = try await table()
        #expect(throws: PGError.self) {
            try c.transaction { t in
                try t.execute("UPDATE accounts SET balance = balance + 10 WHERE id = 1")
                try t.execute("UPDATE accounts SET balance = -5 WHERE id = 2")
            }
        }
        #expect(try c.execute("SELECT balance FROM accounts WHERE id = 1").scalar(Decimal.self) == 100)
        let moved = try c.transaction { t -> Int in
            try t.execute("UPDATE accounts SET balance = balance - 30 WHERE id = 1")
            return try t.execute("UPDATE accounts SET balance = balance + 30 WHERE id = 2").affectedRows
        }
        #expect(moved == 1)
        #expect(try c.execute("SELECT balance FROM accounts WHERE id = 2").scalar(Decimal.self) == 30)
    }

    @Test func nestedTransactionIsASavepoint() async throws {
        let c = try await table()
        try c.transaction { t in
            try t.execute("UPDATE accounts SET balance = 1 WHERE id = 1")
            _ = try? t.transaction { inner in
                try inner.execute("UPDATE accounts SET balance = 2 WHERE id = 2")
                try inner.execute("UPDATE accounts SET balance = -1 WHERE id = 2")
            }
        }
        let balances = try c.execute("SELECT balance FROM accounts ORDER BY id").map { try $0.decode(0, as: Decimal.self) }
        #expect(balances == [1, 0])
    }

    @Test func swallowedErrorDoesNotCommitSilently() async throws {
        let c = try await table()
        let error = try #require(throws: PGError.self) {
            try c.transaction { t in
                try t.execute("UPDATE accounts SET balance = 7 WHERE id = 1")
                _ = try? t.execute("SELEKT broken")
            }
        }
        #expect(error.message.contains("rolled back"))
        #expect(try c.execute("SELECT balance FROM accounts WHERE id = 1").scalar(Decimal.self) == 100)
    }

    @Test func preparedStatementsAreReused() async throws {
        let c = try await table()
        for id in [1, 2, 1] {
            let rows = try c.executePrepared("SELECT balance FROM accounts WHERE id = $1", [id])
            #expect(rows.count == 1)
        }
        #expect(try c.execute("SELECT count(*) FROM pg_prepared_statements").scalar(Int.self) == 1)
        try c.prepare(name: "by_id", sql: "SELECT id FROM accounts WHERE balance >= $1", types: [.numeric])
        #expect(try c.executePrepared(name: "by_id", [Decimal(50)]).count == 1)
        let error = try #require(throws: PGError.self) { try c.executePrepared(name: "nope", []) }
        #expect(error.sqlState == "26000")
    }
}
