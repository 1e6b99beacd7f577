import CLibPQ

/// Writes rows into a running `COPY ... FROM STDIN` in text format, buffering them
/// into large chunks. Obtained from ``PGConnection/copyIn(_:_:)``.
public struct PGCopyWriter: ~Copyable {
    private let handle: OpaquePointer
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    /// Rows appended so far.
    public private(set) var rows = 0

    init(handle: OpaquePointer, chunkSize: Int = 256 * 1024) {
        self.handle = handle
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// Appends one row; nil fields are NULL.
    public mutating func append(_ fields: PGParameters) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            appendField(field?.pgText)
        }
        try endRow()
    }

    /// Appends one row of fields already in PostgreSQL's text form; nil fields are NULL.
    public mutating func append(texts fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            appendField(field)
        }
        try endRow()
    }

    private mutating func endRow() throws {
        buffer.append(UInt8(ascii: "\n"))
        rows += 1
        if buffer.count >= chunkSize { try flush() }
    }

    private mutating func appendField(_ text: String?) {
        guard var text else {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return
        }
        text.withUTF8 { appendEscaped($0) }
    }

    /// The bytes with COPY's text-format escapes; runs between the bytes that need
    /// one are copied whole (decision-log rows are kilobytes of JSON each).
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<bytes.count {
            let escape: UInt8
            switch bytes[index] {
            case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
            case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
            case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(escape)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else { throw PGError.from(connection: handle, code: .copyFailed) }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension PGConnection {
    /// Runs a `COPY table (columns) FROM STDIN` statement and feeds it the rows that
    /// `body` appends. Returns the number of rows the server stored. If `body`
    /// throws, the COPY is aborted (nothing is stored) and the error rethrown; a row
    /// the server rejects aborts it too, with the server's error (its ``PGError/context``
    /// names the line).
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout PGCopyWriter) throws -> Void) throws -> Int {
        let start = try check(PQexec(handle, sql))
        guard PQresultStatus(start.handle) == PGRES_COPY_IN else {
            throw PGError(.copyFailed, "not a COPY ... FROM STDIN statement: \(sql.prefix(80))")
        }
        var writer = PGCopyWriter(handle: handle)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(handle, "aborted by client: \(error)")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw PGError.from(connection: handle, code: .copyFailed)
        }
        var outcome: Result<Int, any Error> = .failure(PGError(.copyFailed, "COPY ended without a result"))
        while let raw = PQgetResult(handle) {
            do { outcome = .success(try check(raw).affectedRows) } catch { outcome = .failure(error) }
        }
        return try outcome.get()
    }

    /// Reads and discards results until libpq has none left.
    func drainResults() {
        while let raw = PQgetResult(handle) { PQclear(raw) }
    }
}
