import Foundation
import Logging
import TierSync
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

/// Log lines kept in memory, as the daemon's redacting handler passes them on.
final class LogCapture: Sendable {
    let lines = Locked<[String]>([])

    func logger(level: Logger.Level = .info) -> Logger {
        Logger(label: "tierd.test") { _ in RedactingLogHandler(wrapping: CapturingLogHandler(capture: self, logLevel: level)) }
    }

    struct CapturingLogHandler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let line = "\(event.message) \(event.metadata ?? [:]) \(event.error.map { "\($0)" } ?? "")"
            capture.lines.withLock { $0.append(line) }
        }
    }
}

/// A customer's phone, address and identity number reach neither the logs nor the
/// decision log, even on an error path whose database message quotes the whole row.
@Suite(.serialized) struct PersonalDataEndToEndTests {
    static let phone = "13912345678"
    static let residentID = "110101199003071234"
    static let street = "朝阳区幸福路"

    @Test func personalDataStaysOutOfTheLogsAndTheDecisionLog() async throws {
        let capture = LogCapture()
        let daemon = try await DaemonHarness.start(customers: 20, logger: capture.logger())
        do {
            let branch = try await daemon.query { connection in
                // A rule only the database knows, whose refusal quotes the row and the
                // phone the way PostgreSQL's own row errors do.
                try connection.executeScript("""
                    CREATE FUNCTION test_refuse_address() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.address LIKE '%refused%' THEN
                            RAISE EXCEPTION 'phone % refused', NEW.phone
                                USING DETAIL = format('Failing row contains (%s, %s, %s, %s).', NEW.id, NEW.name, NEW.phone, NEW.address);
                        END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER test_refuse_address BEFORE INSERT OR UPDATE ON customers
                        FOR EACH ROW EXECUTE FUNCTION test_refuse_address();
                    """)
                return try connection.execute("SELECT code FROM branches ORDER BY id LIMIT 1").scalar(String.self)
            }
            let admin = try await daemon.client(.policyAdmin)
            let address = "北京市\(Self.street)1号 身份证\(Self.residentID)"
            let created = try await admin.call(FactsCustomerUpsert.self, .init(
                externalId: "PII-1", name: "赵六", phone: Self.phone, address: address, branch: branch))
            await expectRPCError(.internalError) {
                _ = try await admin.call(FactsCustomerUpsert.self, .init(
                    externalId: "PII-2", name: "钱七", phone: Self.phone, address: address + " refused", branch: branch))
            }
            let counter = try await daemon.client(.counter)
            _ = try await counter.call(EntitlementsGet.self, .init(customerId: created.id, channel: "counter"))
            _ = try await counter.call(EntitlementsExplain.self, .init(customerId: created.id, code: "claims_green_channel"))
            await admin.close()
            await counter.close()
            await daemon.stop()

            let lines = capture.lines.withLock { $0 }
            #expect(lines.contains { $0.contains("Failing row contains (withheld)") }, "the error path was not logged: \(lines)")
            for secret in [Self.phone, Self.residentID, Self.street] {
                #expect(!lines.contains { $0.contains(secret) }, "\(secret) in the log: \(lines.filter { $0.contains(secret) })")
            }
            let decisions = try await daemon.query { connection in
                try connection.execute("SELECT request::text || result::text FROM decision_log WHERE customer_id = $1", [created.id])
                    .map { try $0.decode(0, as: String.self) }
            }
            #expect(!decisions.isEmpty)
            for secret in [Self.phone, Self.residentID, Self.street, "赵六"] {
                #expect(!decisions.contains { $0.contains(secret) }, "\(secret) in the decision log")
            }
        } catch {
            await daemon.stop()
            throw error
        }
    }
}
