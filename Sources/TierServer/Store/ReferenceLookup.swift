import TierStore
import TierWire

/// Rows that write params name by a business key (branch code, employee number,
/// agent number, policy number). An unknown key is the caller's mistake:
/// `invalid_params` at the field that named it.
enum ReferenceLookup {
    /// The id of the branch with this code.
    static func branch(_ code: String, field: String = "branch", on connection: PGConnection) throws -> Int64 {
        try id("SELECT id FROM branches WHERE code = $1::text", code, field: field, what: "branch with code", on: connection)
    }

    /// The id of the employee with this number.
    static func employee(_ number: String, field: String, on connection: PGConnection) throws -> Int64 {
        try id("SELECT id FROM employees WHERE employee_no = $1::text", number, field: field, what: "employee numbered", on: connection)
    }

    /// The id of the sales agent with this number.
    static func agent(_ number: String, field: String, on connection: PGConnection) throws -> Int64 {
        try id("SELECT id FROM sales_agents WHERE agent_no = $1::text", number, field: field, what: "sales agent numbered", on: connection)
    }

    private static func id(_ sql: String, _ key: String, field: String, what: String, on connection: PGConnection) throws -> Int64 {
        guard let row = try connection.executePrepared(sql, [key]).first else {
            throw RPCError.invalidParams(path: FieldCheck.path(field), "no \(what) '\(key)'")
        }
        return try row.decode(0)
    }
}
