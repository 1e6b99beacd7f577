import TierStore
import TierWire

/// Branches by code, for filters.
enum BranchLookup {
    /// The id of the branch with `code`; `not_found` when there is none.
    static func id(code: String, on connection: PGConnection) throws -> Int64 {
        guard let row = try connection.executePrepared("SELECT id FROM branches WHERE code = $1::text", [code]).first else {
            throw RPCError.notFound("no branch with code '\(code)'")
        }
        return try row.decode(0)
    }
}
