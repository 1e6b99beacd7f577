import Testing
@testable import TierImport

/// Reads every record (or error) from `text`, split into chunks of `chunkSize` bytes.
private func readAll(_ bytes: [UInt8], chunkSize: Int = 1 << 20, uniformWidth: Bool = true) -> [Result<CSVRecord, CSVError>] {
    let reader = CSVReader(bytes: bytes, uniformWidth: uniformWidth, chunkSize: chunkSize)
    var out: [Result<CSVRecord, CSVError>] = []
    while true {
        do {
            guard let record = try reader.next() else { return out }
            out.append(.success(record))
        } catch {
            out.append(.failure(error))
        }
    }
}

private func readAll(_ text: String, chunkSize: Int = 1 << 20, uniformWidth: Bool = true) -> [Result<CSVRecord, CSVError>] {
    readAll(Array(text.utf8), chunkSize: chunkSize, uniformWidth: uniformWidth)
}

private func records(_ text: String, chunkSize: Int = 1 << 20) throws -> [CSVRecord] {
    try readAll(text, chunkSize: chunkSize).map { try $0.get() }
}

@Suite struct CSVReaderTests {
    @Test func plainRecordsWithLineNumbers() throws {
        let got = try records("a,b,c\n1,2,3\n4,,6\n")
        #expect(got == [
            CSVRecord(line: 1, fields: ["a", "b", "c"]),
            CSVRecord(line: 2, fields: ["1", "2", "3"]),
            CSVRecord(line: 3, fields: ["4", "", "6"]),
        ])
    }

    @Test func quotedFieldsWithCommasAndDoubledQuotes() throws {
        let got = try records("name,note\n\"Smith, John\",\"he said \"\"hi\"\"\"\n\"\",\"\"\"\"\n")
        #expect(got[1].fields == ["Smith, John", "he said \"hi\""])
        #expect(got[2].fields == ["", "\""])
    }

    @Test func embeddedNewlineReportsTheLineWhereTheRecordStarts() throws {
        let text = "id,address\n1,\"line one\nline two\nline three\"\n2,plain\n3,\"x\ny\"\n"
        let got = try records(text)
        #expect(got.map(\.line) == [1, 2, 5, 6])
        #expect(got[1].fields == ["1", "line one\nline two\nline three"])
        #expect(got[3].fields == ["3", "x\ny"])
    }

    @Test func crlfAndLoneCRAndNoFinalNewline() throws {
        #expect(try records("a,b\r\n1,2\r\n3,4").map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(try records("a,b\r1,2\r").map(\.line) == [1, 2])
        let quoted = try records("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n")
        #expect(quoted.map(\.line) == [1, 2, 4])
        #expect(quoted[1].fields[1] == "x\r\ny")
    }

    @Test func byteOrderMarkIsSkippedAndUTF8Kept() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name,city\n张伟,上海\n".utf8)
        let got = try readAll(bytes).map { try $0.get() }
        #expect(got[0].fields == ["name", "city"])
        #expect(got[1].fields == ["张伟", "上海"])
    }

    @Test func emptyLinesAreSkippedButCounted() throws {
        let got = try records("a,b\n\n1,2\n\r\n\n3,4\n\n")
        #expect(got.map(\.line) == [1, 3, 6])
    }

    @Test func raggedRecordIsAnErrorAndReadingGoesOn() throws {
        let got = readAll("a,b,c\n1,2\n3,4,5\n6,7,8,9\n")
        #expect(try got[0].get().fields == ["a", "b", "c"])
        guard case .failure(let short) = got[1], case .failure(let long) = got[3] else {
            Issue.record("expected ragged errors, got \(got)")
            return
        }
        #expect(short.code == .raggedRecord && short.line == 2)
        #expect(short.message == "record has 2 fields, the header has 3")
        #expect(long.code == .raggedRecord && long.line == 4)
        #expect(try got[2].get() == CSVRecord(line: 3, fields: ["3", "4", "5"]))
        #expect(try readAll("a,b\n1\n", uniformWidth: false).map { try $0.get().fields } == [["a", "b"], ["1"]])
    }

    @Test func strayQuotesAreErrors() throws {
        let got = readAll("a,b\nab\"c,2\n\"x\"y,3\nok,4\n")
        #expect(got.count == 4)
        guard case .failure(let inside) = got[1], case .failure(let after) = got[2] else {
            Issue.record("expected stray quote errors, got \(got)")
            return
        }
        #expect(inside.code == .strayQuote && inside.line == 2)
        #expect(after.code == .strayQuote && after.line == 3)
        #expect(try got[3].get().fields == ["ok", "4"])
    }

    @Test func unterminatedQuoteReportsItsStartLine() {
        let got = readAll("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
        #expect(got.count == 3)
        guard case .failure(let error) = got[2] else {
            Issue.record("expected an unterminated quote, got \(got)")
            return
        }
        #expect(error.code == .unterminatedQuote)
        #expect(error.line == 3)
    }

    @Test func invalidUTF8IsAnError() throws {
        let bytes = Array("a,b\n".utf8) + [0x31, 0x2C, 0xFF, 0xFE, 0x0A] + Array("2,3\n".utf8)
        let got = readAll(bytes)
        guard case .failure(let error) = got[1] else {
            Issue.record("expected invalid UTF-8, got \(got)")
            return
        }
        #expect(error.code == .invalidUTF8 && error.line == 2)
        #expect(try got[2].get().fields == ["2", "3"])
    }

    @Test func fieldTooLongIsAnError() throws {
        let reader = CSVReader(bytes: Array("a\n\(String(repeating: "x", count: 100))\nshort\n".utf8), maxFieldBytes: 10)
        #expect(try reader.next()?.fields == ["a"])
        #expect(throws: CSVError.self) { try reader.next() }
        #expect(try reader.next()?.fields == ["short"])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
        let text = "\u{FEFF}id,name,note\r\n1,张伟,\"a, \"\"b\"\"\r\nc\"\r\n2,李娜,plain\r\n\r\n3,\"\",\"\"\r\n"
        let expected = try records(text)
        #expect(try records(text, chunkSize: chunkSize) == expected)
        #expect(expected.map(\.line) == [1, 2, 4, 6])
        #expect(expected[0].fields == ["id", "name", "note"])
    }

    @Test func readsAFileAndReportsBytes() throws {
        let path = try TemporaryCSV.write("a,b\n1,2\n")
        defer { TemporaryCSV.remove(path) }
        let reader = try CSVReader(path: path)
        #expect(reader.totalBytes == 8)
        _ = try reader.next()
        _ = try reader.next()
        #expect(try reader.next() == nil)
        #expect(reader.bytesRead == 8)
        #expect(throws: CSVError.self) { try CSVReader(path: path + ".missing") }
    }
}
