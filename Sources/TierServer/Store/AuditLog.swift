import TierStore
import TierWire

/// Appends rows to `audit_log`, inside the caller's transaction, so an audited write
/// and its audit row commit or roll back together.
enum AuditLog {
    /// Records `action` by `principal` on a target, with a JSON object of detail.
    static func record(
        _ action: String, by principal: String, target kind: String, _ id: String, detail: [String: JSONValue],
        on connection: PGConnection
    ) throws {
        try connection.executePrepared(
            """
            INSERT INTO audit_log (principal, action, target_kind, target_id, detail)
            VALUES ($1::text, $2::text, $3::text, $4::text, $5::jsonb)
            """, [principal, action, kind, id, try PGJSON(encoding: JSONValue.object(detail))])
    }
}
