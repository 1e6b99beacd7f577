import TierStore
import TierWire

/// A customer named in write params: by tierd id or by external id, exactly one.
enum CustomerRef: Sendable {
    case id(Int64)
    case external(String)

    /// Checks that exactly one of the two is given.
    init(id: Int64?, externalId: String?) throws(RPCError) {
        switch (id, externalId) {
        case (let id?, nil): self = .id(id)
        case (nil, let external?): self = .external(try FieldCheck.text(external, "customer_external_id"))
        case (.some, .some):
            throw RPCError.invalidParams(path: "params.customer_id", "give customer_id or customer_external_id, not both")
        case (nil, nil):
            throw RPCError.invalidParams(path: "params.customer_id", "customer_id or customer_external_id is required")
        }
    }

    /// The param that named the customer.
    var path: String {
        switch self {
        case .id: "params.customer_id"
        case .external: "params.customer_external_id"
        }
    }

    /// The customer's id; `invalid_params` at ``path`` when there is no such customer.
    func resolve(on connection: PGConnection) throws -> Int64 {
        let rows: PGResult
        switch self {
        case .id(let id): rows = try connection.executePrepared("SELECT id FROM customers WHERE id = $1::bigint", [id])
        case .external(let ref): rows = try connection.executePrepared("SELECT id FROM customers WHERE external_ref = $1::text", [ref])
        }
        guard let row = rows.first else {
            switch self {
            case .id(let id): throw RPCError.invalidParams(path: path, "no customer \(id)")
            case .external(let ref): throw RPCError.invalidParams(path: path, "no customer with external id '\(ref)'")
            }
        }
        return try row.decode(0)
    }
}
