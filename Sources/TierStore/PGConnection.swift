import CLibPQ
import Foundation

/// A parameter list: values of any encodable type, nil for SQL NULL.
public typealias PGParameters = [(any PGEncodable)?]

/// One libpq connection. Every call blocks its thread until the server answers, so
/// a connection belongs to one thread at a time; ``PGPool`` runs connections on
/// their own worker threads, never on an event loop or the cooperative pool.
public final class PGConnection {
    let handle: OpaquePointer
    private var preparedNames: [String: String] = [:]
    private var cursorCounter = 0

    /// Connects with a conninfo string (`host=... dbname=...`) or URI
    /// (`postgresql://...`), exactly as libpq does: an empty string, or any setting
    /// left out, falls back to the `PG*` environment variables, the service file
    /// and libpq's defaults, so multi-host lists, `sslmode` and `target_session_attrs`
    /// all work.
    public init(conninfo: String) throws {
        guard let handle = PQconnectdb(conninfo) else {
            throw PGError(.connectionFailed, "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = PGError.from(connection: handle, code: .connectionFailed)
            PQfinish(handle)
            throw error
        }
        self.handle = handle
        // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        guard PQsetClientEncoding(handle, "UTF8") == 0 else {
            throw PGError.from(connection: handle, code: .connectionFailed)
        }
        // Decoders read ISO dates and timestamps; the session's TimeZone is left as configured.
        try execute("SET DateStyle TO ISO, YMD")
    }

    deinit { PQfinish(handle) }

    /// The server's process id for this session.
    public var backendPID: Int { Int(PQbackendPID(handle)) }

    /// The server version as a number, e.g. 150018.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Whether the connection is usable and idle: reads whatever the server sent
    /// (without blocking), so a connection the server closed is noticed here.
    public var isHealthy: Bool {
        // An idle session that the server ended has its last message and then the
        // end of the stream waiting; libpq may read the message without yet seeing
        // the end, so read again while the socket still has something to say.
        for _ in 0..<4 {
            guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else { return false }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 0) <= 0 { break }
        }
        return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Whether libpq considers the connection broken.
    public var isBroken: Bool { PQstatus(handle) == CONNECTION_BAD }

    /// Whether a transaction block is open (or failed and not yet rolled back).
    public var inTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs one statement with parameters (`$1`, `$2`, ...) and returns its result.
    /// Values are always sent as parameters, never spliced into the SQL text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: PGParameters = []) throws -> PGResult {
        let raw = try withParameters(parameters) { count, types, values in
            PQexecParams(handle, sql, count, types, values, nil, nil, 0)
        }
        return try check(raw)
    }

    /// Runs a statement through a prepared statement cached on this connection,
    /// preparing it on first use: the server parses and plans it once.
    @discardableResult
    public func executePrepared(_ sql: String, _ parameters: PGParameters = []) throws -> PGResult {
        let name: String
        if let cached = preparedNames[sql] {
            name = cached
        } else {
            name = "tierd_s\(preparedNames.count + 1)"
            let types = parameters.map { ($0.map { type(of: $0).pgType } ?? .unspecified).rawValue }
            try prepare(name: name, sql: sql, types: types.map { PGOID(rawValue: $0) })
            preparedNames[sql] = name
        }
        return try executePrepared(name: name, parameters)
    }

    /// Prepares a named statement. `types` fixes parameter types; missing ones are inferred.
    public func prepare(name: String, sql: String, types: [PGOID] = []) throws {
        let oids = types.map { Oid($0.rawValue) }
        let raw = oids.withUnsafeBufferPointer { buffer in
            PQprepare(handle, name, sql, Int32(oids.count), buffer.baseAddress)
        }
        try check(raw)
    }

    /// Executes a statement prepared with ``prepare(name:sql:types:)``.
    @discardableResult
    public func executePrepared(name: String, _ parameters: PGParameters = []) throws -> PGResult {
        let raw = try withParameters(parameters) { count, _, values in
            PQexecPrepared(handle, name, count, values, nil, nil, 0)
        }
        return try check(raw)
    }

    /// Runs a script of one or more statements with no parameters (simple query
    /// protocol), as migrations need. Never pass values in it.
    public func executeScript(_ sql: String) throws {
        try check(PQexec(handle, sql))
    }

    /// Quotes an identifier (a table or channel name) as libpq does.
    public func quoteIdentifier(_ identifier: String) throws -> String {
        guard let quoted = PQescapeIdentifier(handle, identifier, identifier.utf8.count) else {
            throw PGError.from(connection: handle, code: .encode)
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    /// A fresh name for a cursor on this connection.
    func nextCursorName() -> String {
        cursorCounter += 1
        return "tierd_cursor_\(cursorCounter)"
    }

    /// Turns a libpq result into a ``PGResult`` or a thrown ``PGError``.
    @discardableResult
    func check(_ raw: OpaquePointer?) throws -> PGResult {
        guard let raw else { throw PGError.from(connection: handle, code: isBroken ? .connectionLost : .unexpected) }
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_EMPTY_QUERY:
            return PGResult(raw)
        default:
            let error = PGError.from(result: raw, connection: handle)
            PQclear(raw)
            throw error
        }
    }

    /// Lays parameters out as libpq wants them: C strings (NULL for SQL NULL) and type OIDs.
    func withParameters<R>(
        _ parameters: PGParameters,
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?) throws -> R
    ) throws -> R {
        var types: [Oid] = []
        var values: [UnsafeMutablePointer<CChar>?] = []
        types.reserveCapacity(parameters.count)
        values.reserveCapacity(parameters.count)
        defer { values.forEach { free($0) } }
        for parameter in parameters {
            guard let parameter else {
                types.append(0)
                values.append(nil)
                continue
            }
            types.append(Oid(type(of: parameter).pgType.rawValue))
            let text = parameter.pgText
            // A C string ends at NUL: the rest would be dropped without a word.
            if let text, text.utf8.contains(0) {
                throw PGError(.encode, "parameter $\(values.count + 1) contains a NUL character, which PostgreSQL text cannot hold")
            }
            values.append(text.map { strdup($0) })
        }
        return try types.withUnsafeBufferPointer { typeBuffer in
            try values.withUnsafeBufferPointer { valueBuffer in
                try valueBuffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
                    try body(Int32(parameters.count), typeBuffer.baseAddress, constValues.baseAddress)
                }
            }
        }
    }
}
