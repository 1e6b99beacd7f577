/// Reads RFC 4180 CSV one record at a time, streaming the input in chunks.
///
/// * Fields are separated by commas; a field in double quotes may contain commas,
///   line breaks and doubled quotes (`""` is one `"`).
/// * Records end with LF, CRLF or a lone CR; a quoted line break is data, so a
///   record may span lines and ``CSVRecord/line`` is the line where it starts.
/// * A UTF-8 byte order mark at the very start is skipped; fields must be UTF-8.
/// * Empty lines are skipped. With `uniformWidth` (the default) every record must
///   have as many fields as the first one, the header.
///
/// Errors are per record: ``next()`` throws a ``CSVError`` for a malformed record
/// after skipping past it, so the caller can note it and keep reading. Only
/// ``CSVError/Code/unreadable`` ends the input.
public final class CSVReader {
    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private let input: CSVInput
    private let uniformWidth: Bool
    private let maxFieldBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var consumedBefore = 0
    private var started = false
    private var finished = false
    private var skipLineFeed = false
    private var line = 1

    /// The number of fields every record must have: the first record's count,
    /// once it has been read (nil before, or when width is not checked).
    public private(set) var expectedFieldCount: Int?

    /// Bytes consumed so far, for progress reports.
    public var bytesRead: Int { consumedBefore + position }

    /// The size of the input in bytes, when known (regular files and memory).
    public var totalBytes: Int? { input.totalBytes }

    /// Opens a file. Throws ``CSVError/Code/unreadable`` when it cannot be opened.
    public init(
        path: String, uniformWidth: Bool = true, maxFieldBytes: Int = 1 << 20, chunkSize: Int = 1 << 20
    ) throws(CSVError) {
        input = try CSVInput(path: path, chunkSize: chunkSize)
        self.uniformWidth = uniformWidth
        self.maxFieldBytes = maxFieldBytes
    }

    /// Reads CSV from bytes in memory (`chunkSize` lets tests split the input anywhere).
    public init(bytes: [UInt8], uniformWidth: Bool = true, maxFieldBytes: Int = 1 << 20, chunkSize: Int = 1 << 20) {
        input = CSVInput(bytes: bytes, chunkSize: chunkSize)
        self.uniformWidth = uniformWidth
        self.maxFieldBytes = maxFieldBytes
    }

    /// Reads CSV from a string.
    public convenience init(string: String, uniformWidth: Bool = true, chunkSize: Int = 1 << 20) {
        self.init(bytes: Array(string.utf8), uniformWidth: uniformWidth, chunkSize: chunkSize)
    }

    /// The next record, or nil at the end of the input. A malformed record throws
    /// (it has been consumed; the next call reads the record after it).
    public func next() throws(CSVError) -> CSVRecord? {
        while true {
            guard let (record, problem, blank) = try readRecord() else { return nil }
            if blank { continue }
            if uniformWidth {
                if let expected = expectedFieldCount {
                    if problem == nil, record.fields.count != expected {
                        throw CSVError(
                            .raggedRecord, line: record.line,
                            "record has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(expected)")
                    }
                } else {
                    expectedFieldCount = record.fields.count
                }
            }
            if let problem { throw problem }
            return record
        }
    }

    /// Reads one record: its fields, the first problem found in it, and whether it
    /// was an empty line.
    private func readRecord() throws(CSVError) -> (CSVRecord, CSVError?, Bool)? {
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldQuoted = false
        var overflow = false
        var problem: CSVError?
        var state = State.fieldStart
        var startLine = line
        var recordStarted = false

        func note(_ code: CSVError.Code, _ message: String) {
            if problem == nil { problem = CSVError(code, line: startLine, message) }
        }
        func append(_ bytes: ArraySlice<UInt8>) {
            guard !overflow else { return }
            if field.count + bytes.count > maxFieldBytes {
                overflow = true
                note(.fieldTooLong, "field \(fields.count + 1) is longer than \(maxFieldBytes) bytes")
                field.removeAll()
            } else {
                field.append(contentsOf: bytes)
            }
        }
        func finishField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                note(.invalidUTF8, "field \(fields.count + 1) is not valid UTF-8")
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
            overflow = false
        }
        func finishRecord() -> (CSVRecord, CSVError?, Bool) {
            let blank = problem == nil && fields.count == 1 && fields[0].isEmpty && !fieldQuoted
            return (CSVRecord(line: startLine, fields: fields), problem, blank)
        }

        while true {
            if position == buffer.count {
                guard try refill() else { break }
                continue
            }
            if skipLineFeed {
                skipLineFeed = false
                if buffer[position] == Self.lineFeed {
                    position += 1
                    continue
                }
            }
            if !recordStarted {
                recordStarted = true
                startLine = line
            }
            switch state {
            case .fieldStart:
                fieldQuoted = buffer[position] == Self.quote
                if fieldQuoted {
                    position += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }
            case .unquoted:
                let end = scanUnquoted(from: position)
                append(buffer[position..<end])
                position = end
                guard end < buffer.count else { continue }
                let byte = buffer[end]
                position += 1
                switch byte {
                case Self.comma:
                    finishField()
                    state = .fieldStart
                case Self.quote:
                    note(.strayQuote, "a quote inside unquoted field \(fields.count + 1); quote the whole field and double the quote")
                    append([byte])
                default:
                    endLine(byte)
                    finishField()
                    return finishRecord()
                }
            case .quoted:
                var end = position
                while end < buffer.count, buffer[end] != Self.quote {
                    if buffer[end] == Self.lineFeed { line += 1 }
                    end += 1
                }
                append(buffer[position..<end])
                position = end
                if end < buffer.count {
                    position += 1
                    state = .quoteInQuoted
                }
            case .quoteInQuoted:
                let byte = buffer[position]
                position += 1
                switch byte {
                case Self.quote:
                    append([byte])
                    state = .quoted
                case Self.comma:
                    finishField()
                    state = .fieldStart
                case Self.lineFeed, Self.carriageReturn:
                    endLine(byte)
                    finishField()
                    return finishRecord()
                default:
                    note(.strayQuote, "text after the closing quote of field \(fields.count + 1)")
                    append([byte])
                    state = .unquoted
                }
            }
        }
        // End of input.
        guard recordStarted else { return nil }
        if state == .quoted {
            note(.unterminatedQuote, "quoted field \(fields.count + 1) is never closed")
        }
        finishField()
        return finishRecord()
    }

    /// The first index at or after `start` holding a byte that ends unquoted text.
    private func scanUnquoted(from start: Int) -> Int {
        var end = start
        while end < buffer.count {
            let byte = buffer[end]
            if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn || byte == Self.quote { break }
            end += 1
        }
        return end
    }

    /// Counts the line that `byte` (LF or CR) ends; a CR may be followed by an LF.
    private func endLine(_ byte: UInt8) {
        line += 1
        if byte == Self.carriageReturn { skipLineFeed = true }
    }

    /// Loads the next chunk; false at the end of the input.
    private func refill() throws(CSVError) -> Bool {
        guard !finished else { return false }
        consumedBefore += buffer.count
        position = 0
        try input.read(into: &buffer)
        if buffer.isEmpty {
            finished = true
            return false
        }
        if !started {
            // The byte order mark may straddle small chunks: gather 3 bytes first.
            started = true
            var more: [UInt8] = []
            while buffer.count < 3 {
                try input.read(into: &more)
                if more.isEmpty { break }
                buffer.append(contentsOf: more)
            }
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        return true
    }
}
