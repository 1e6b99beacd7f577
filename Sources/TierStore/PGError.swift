import CLibPQ

/// An error from the PostgreSQL layer, as a value.
///
/// Server errors carry the fields PostgreSQL reports (SQLSTATE, message, detail,
/// hint, constraint, table, column); client-side failures carry a ``Code`` and a
/// message only.
public struct PGError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// The server rejected a statement; see ``sqlState``.
        case server
        /// A connection could not be established.
        case connectionFailed
        /// The connection broke while in use; the pool discards it.
        case connectionLost
        /// No pooled connection became free within the pool's acquire timeout.
        case poolTimeout
        /// The pool was shut down.
        case poolClosed
        /// A value could not be decoded into the requested Swift type.
        case decode
        /// A value could not be encoded as a parameter.
        case encode
        /// A COPY was aborted or rejected.
        case copyFailed
        /// libpq returned something the wrapper did not expect.
        case unexpected
    }

    /// What kind of failure this is.
    public var code: Code
    /// The primary, human-readable message.
    public var message: String
    /// The five-character SQLSTATE, for server errors.
    public var sqlState: String?
    /// The server's severity (ERROR, FATAL, PANIC).
    public var severity: String?
    /// Secondary detail from the server.
    public var detail: String?
    /// A suggestion from the server.
    public var hint: String?
    /// The violated constraint's name, when one was involved.
    public var constraint: String?
    /// The table involved, when the server names one.
    public var table: String?
    /// The column involved, when the server names one.
    public var column: String?
    /// Where the error happened, e.g. `COPY customers, line 12, column phone: ...`.
    public var context: String?

    /// Makes a client-side error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// SQLSTATE 23505.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// SQLSTATE 23503.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// SQLSTATE 23514.
    public var isCheckViolation: Bool { sqlState == "23514" }
    /// SQLSTATE 40001 or 40P01: the transaction may succeed if retried.
    public var isRetryableTransactionFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// True when the database cannot be reached (connection failed or lost,
    /// or the server is shutting down or starting up).
    public var isUnavailable: Bool {
        switch code {
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed: return true
        default: return sqlState.map { $0.hasPrefix("08") || $0 == "57P01" || $0 == "57P03" } ?? false
        }
    }

    public var description: String {
        var text = sqlState.map { "\($0): \(message)" } ?? "\(code.rawValue): \(message)"
        if let constraint { text += " [constraint \(constraint)]" }
        if let detail { text += " (\(detail))" }
        return text
    }
}

extension PGError {
    /// Builds an error from a failed result, reading every diagnostic field.
    static func from(result: OpaquePointer, connection: OpaquePointer?) -> PGError {
        func field(_ code: Character) -> String? {
            guard let ptr = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: ptr)
        }
        let sqlState = field("C")
        let primary = field("M")
            ?? PQresultErrorMessage(result).map { String(cString: $0) }?.trimmedTrailingNewlines
            ?? "unknown error"
        var error = PGError(.server, primary)
        if sqlState == nil {
            // Errors generated inside libpq (e.g. the socket closed) carry no SQLSTATE.
            let broken = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
            error.code = broken ? .connectionLost : .unexpected
            if let connection, let text = PQerrorMessage(connection), broken {
                let message = String(cString: text).trimmedTrailingNewlines
                if !message.isEmpty { error.message = message }
            }
        }
        error.sqlState = sqlState
        error.severity = field("V") ?? field("S")
        error.detail = field("D")
        error.hint = field("H")
        error.constraint = field("n")
        error.table = field("t")
        error.column = field("c")
        error.context = field("W")
        return error
    }

    /// Builds an error from the connection's last error message.
    static func from(connection: OpaquePointer?, code: Code) -> PGError {
        let text = connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? ""
        let message = text.trimmedTrailingNewlines
        return PGError(code, message.isEmpty ? "no message from libpq" : message)
    }
}

extension String {
    var trimmedTrailingNewlines: String {
        var copy = self
        while let last = copy.last, last.isNewline || last == " " { copy.removeLast() }
        return copy
    }
}
