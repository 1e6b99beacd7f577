import NIOCore
import NIOEmbedded
import Testing
import TierWire

@Suite("LineFrameDecoder")
struct LineFrameDecoderTests {
    @Test("a line written one byte at a time arrives once, whole")
    func byteAtATime() throws {
        let channel = framingChannel(maxFrameBytes: 64)
        for byte in #"{"a":1}"#.utf8 {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
            #expect(try readFrames(channel).isEmpty)
        }
        try channel.writeInbound(ByteBuffer(string: "\n"))
        #expect(try readFrames(channel) == [line(#"{"a":1}"#)])
        #expect(try channel.finish().isClean)
    }

    @Test("several lines in one write, and a line split across writes")
    func severalLinesInOneWrite() throws {
        let channel = framingChannel(maxFrameBytes: 64)
        try channel.writeInbound(ByteBuffer(string: "one\ntwo\nthr"))
        #expect(try readFrames(channel) == [line("one"), line("two")])
        try channel.writeInbound(ByteBuffer(string: "ee\nfour\n"))
        #expect(try readFrames(channel) == [line("three"), line("four")])
    }

    @Test("a CR before the LF is stripped; a CR elsewhere is kept")
    func crlf() throws {
        let channel = framingChannel(maxFrameBytes: 64)
        try channel.writeInbound(ByteBuffer(string: "a\r\nb\rc\r\n"))
        try channel.writeInbound(ByteBuffer(string: "d\r"))
        try channel.writeInbound(ByteBuffer(string: "\n"))
        #expect(try readFrames(channel) == [line("a"), line("b\rc"), line("d")])
    }

    @Test("empty and whitespace-only lines are skipped")
    func blankLinesIgnored() throws {
        let channel = framingChannel(maxFrameBytes: 64)
        try channel.writeInbound(ByteBuffer(string: "\n\r\n  \t \r\nx\n\n \ny\n"))
        #expect(try readFrames(channel) == [line("x"), line("y")])
    }

    @Test("a line of exactly the limit passes, with or without CR; one byte more is oversized")
    func limitBoundary() throws {
        let channel = framingChannel(maxFrameBytes: 8)
        try channel.writeInbound(ByteBuffer(string: "12345678\n12345678\r\n123456789\nok\n"))
        #expect(try readFrames(channel) == [line("12345678"), line("12345678"), .oversized(9), line("ok")])
    }

    @Test("an oversized line is reported once, dropped to its LF, and the next line still arrives")
    func oversizedThenRecovers() throws {
        let channel = framingChannel(maxFrameBytes: 10)
        try channel.writeInbound(ByteBuffer(string: "first\n" + String(repeating: "x", count: 15)))
        #expect(try readFrames(channel) == [line("first"), .oversized(15)])
        for _ in 0..<5 {
            try channel.writeInbound(ByteBuffer(string: String(repeating: "y", count: 30)))
        }
        try channel.writeInbound(ByteBuffer(string: "zzz\nnext\n"))
        #expect(try readFrames(channel) == [line("next")])
    }

    @Test("a 100 MB line fed in 64 KiB chunks never makes the buffer grow past the limit")
    func hugeLineUsesBoundedMemory() throws {
        let limit = 1_048_576
        let chunkSize = 65_536
        let probe = FrameBufferProbe()
        let decoder = ProbingLineDecoder(inner: LineFrameDecoder(maxFrameBytes: limit), probe: probe)
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(decoder))
        let chunk = ByteBuffer(repeating: UInt8(ascii: "["), count: chunkSize)
        var frames: [WireFrame] = []
        for _ in 0..<(100 * 1_048_576 / chunkSize) {
            try channel.writeInbound(chunk)
            frames += try readFrames(channel)
        }
        try channel.writeInbound(ByteBuffer(string: "tail of the huge line\n" + requestText() + "\n"))
        frames += try readFrames(channel)

        #expect(frames.count == 2)
        guard case .oversized(let seen)? = frames.first else {
            Issue.record("expected .oversized first, got \(frames)")
            return
        }
        #expect(seen > limit && seen <= limit + chunkSize)
        #expect(frames.last == line(requestText()))
        #expect(probe.mostRetained <= limit + 1)
        #expect(probe.mostOffered <= limit + 1 + chunkSize)
        #expect(probe.largestCapacity <= 2 * (limit + chunkSize))
    }

    @Test("at EOF complete lines are delivered and an unterminated tail is discarded")
    func partialLineAtEOFIsDiscarded() throws {
        let channel = framingChannel(maxFrameBytes: 64)
        try channel.writeInbound(ByteBuffer(string: "done\nhalf a li"))
        _ = try channel.finish()
        #expect(try readFrames(channel) == [line("done")])
    }

    @Test("lines are passed on without copying the terminator into the next frame")
    func framesAreExact() throws {
        let channel = framingChannel(maxFrameBytes: 1024)
        let text = (0..<50).map { requestText(id: "\($0)") }.joined(separator: "\r\n") + "\r\n"
        var buffer = ByteBuffer(string: text)
        while buffer.readableBytes > 0 {
            let slice = buffer.readSlice(length: min(7, buffer.readableBytes))!
            try channel.writeInbound(slice)
        }
        #expect(try readFrames(channel) == (0..<50).map { line(requestText(id: "\($0)")) })
    }
}
