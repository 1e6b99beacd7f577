import Foundation
import TierStore
import TierWire

/// The API clients that may connect (`api_clients`): adding one issues a random
/// token, of which only a salted hash is stored (``ClientToken``); authenticating
/// looks the token's id up and compares hashes in constant time.
/// Adding and revoking are audited. Blocking: run on a pool worker or a CLI thread.
public enum ClientRegistry {
    /// The prefix that makes tierd tokens recognisable in configs and leaks.
    public static let tokenPrefix = ClientToken.prefix

    /// Adds a client with a fresh token. A name in use (revoked clients included)
    /// is a `conflict`; a blank name is `invalid_params` (`params.name`).
    public static func add(name: String, role: Role, principal: String, on connection: PGConnection) throws -> IssuedClient {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, name.count <= 200 else {
            throw RPCError.invalidParams(path: "params.name", "a client name is 1 to 200 characters, not blank")
        }
        let token = ClientToken.generate()
        let salt = ClientToken.newSalt()
        do {
            try connection.transaction { connection in
                let id = try connection.executePrepared(
                    """
                    INSERT INTO api_clients (name, role, token_id, token_salt, token_hash)
                    VALUES ($1::text, $2::text, $3::text, $4::text, $5::text) RETURNING id
                    """,
                    [name, role.rawValue, token.id, salt, token.saltedHash(salt: salt)]
                ).scalar(Int64.self)
                try AuditLog.record(
                    "api_client.add", by: principal, target: "api_client", name,
                    detail: ["id": .int(id), "role": .string(role.rawValue)], on: connection)
            }
        } catch let error as PGError where error.constraint == "api_clients_name_key" {
            throw RPCError.conflict("an API client named '\(name)' already exists")
        }
        return IssuedClient(name: name, role: role, token: token.text)
    }

    /// The principal a token belongs to, or nil when it is unknown or revoked.
    public static func authenticate(token: String, on connection: PGConnection) throws -> Principal? {
        // A token that cannot be ours is not worth a round trip.
        guard let token = ClientToken(token) else { return nil }
        let rows = try connection.executePrepared(
            "SELECT name, role, token_salt, token_hash FROM api_clients WHERE token_id = $1::text AND revoked_at IS NULL",
            [token.id])
        guard let row = rows.first else {
            // The same work as for a known id, so timing does not tell ids apart.
            _ = token.matches(salt: unknownSalt, stored: unknownSalt + unknownSalt)
            return nil
        }
        guard token.matches(salt: try row.decode(2), stored: try row.decode(3)),
              let role = Role(rawValue: try row.decode(1, as: String.self))
        else { return nil }
        return Principal(name: try row.decode(0), role: role)
    }

    private static let unknownSalt = String(repeating: "0", count: 2 * ClientToken.saltBytes)

    /// Every client, by name.
    public static func list(on connection: PGConnection) throws -> [RegisteredClient] {
        try connection.executePrepared("SELECT name, role, created_at, revoked_at FROM api_clients ORDER BY name").compactMap { row in
            guard let role = Role(rawValue: try row.decode(1, as: String.self)) else { return nil }
            return RegisteredClient(name: try row.decode(0), role: role, createdAt: try row.decode(2), revokedAt: try row.decode(3))
        }
    }

    /// Revokes a client's token: `not_found` for an unknown name; a client already
    /// revoked stays as it is (and is not audited again).
    public static func revoke(name: String, principal: String, on connection: PGConnection) throws {
        try connection.transaction { connection in
            let rows = try connection.executePrepared(
                "SELECT id, revoked_at IS NOT NULL FROM api_clients WHERE name = $1::text FOR UPDATE", [name])
            guard let row = rows.first else { throw RPCError.notFound("no API client named '\(name)'") }
            guard try !row.decode(1, as: Bool.self) else { return }
            try connection.executePrepared(
                "UPDATE api_clients SET revoked_at = greatest(now(), created_at) WHERE id = $1::bigint", [try row.decode(0, as: Int64.self)])
            try AuditLog.record("api_client.revoke", by: principal, target: "api_client", name, detail: [:], on: connection)
        }
    }
}
