import Foundation
import TierWire

/// `greenchannel.open` params, checked, with the hash that tells a replay of the
/// same request from a different request under the same idempotency key.
struct GreenChannelRequest: Sendable {
    static let kinds = ["counter", "claims", "underwriting"]
    static let longestKey = 200
    static let longestNote = 2000

    let params: GreenChannelOpen.Params

    /// Checks every field that needs no database.
    init(_ params: GreenChannelOpen.Params) throws(RPCError) {
        guard Self.kinds.contains(params.kind) else {
            throw RPCError.invalidParams(path: "params.kind", "kind is one of \(Self.kinds.joined(separator: ", ")), not '\(params.kind)'")
        }
        let key = params.idempotencyKey
        guard !key.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, key.count <= Self.longestKey else {
            throw RPCError.invalidParams(path: "params.idempotency_key", "idempotency_key is 1 to \(Self.longestKey) characters, not blank")
        }
        if let note = params.note, note.count > Self.longestNote {
            throw RPCError.invalidParams(path: "params.note", "note is at most \(Self.longestNote) characters, not \(note.count)")
        }
        guard !params.branch.isEmpty else {
            throw RPCError.invalidParams(path: "params.branch", "branch is a branch code, not empty")
        }
        self.params = params
    }

    /// SHA-256 hex of the params that define the request (all but the key), each
    /// length-prefixed so no two different requests encode alike; an absent note
    /// differs from an empty one.
    var hash: String {
        let fields: [(String, String?)] = [
            ("customer_id", String(params.customerId)), ("kind", params.kind), ("branch", params.branch),
            ("staff_id", String(params.staffId)), ("note", params.note),
        ]
        let canonical = fields.map { name, value in
            value.map { "\(name)=\($0.utf8.count):\($0)" } ?? "\(name)=-"
        }.joined(separator: "\n")
        return SHA256Hex.of("greenchannel.open/v1\n" + canonical)
    }
}
