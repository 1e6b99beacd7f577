import Testing
import TierStore
import TierTestSupport

/// Migration 0012: the decision log's JSON columns compress with lz4 (this server has it).
@Suite struct StoreDecisionLogStorageTests {
    @Test func theDecisionLogsJSONColumnsUseLZ4() async throws {
        let store = try await StoreDatabase.make()
        let methods = try await store.query { connection in
            try connection.execute("""
                SELECT attname || '=' || attcompression::text FROM pg_attribute
                WHERE attrelid = 'decision_log'::regclass AND attname IN ('request', 'result') ORDER BY attname
                """).map { try $0.decode(0, as: String.self) }
        }
        #expect(methods == ["request=l", "result=l"])
        await store.close()
    }
}
