import Foundation
import Testing
import TierServer
import TierWire

#if canImport(Glibc)
import Glibc
#endif

/// A blocking loopback socket, so the test decides when (and whether) to read.
final class PlainSocket: Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RPCError.internalError("connect failed: \(errno)") }
    }

    /// Sends all bytes unless the peer stops reading for `patience`; returns the bytes sent.
    func send(_ bytes: [UInt8], patience: TimeInterval) -> Int {
        var timeout = timeval(tv_sec: Int(patience), tv_usec: Int((patience - Double(Int(patience))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        return sent
    }

    /// Reads until `lines` newlines have arrived.
    func readLines(_ lines: Int) -> Int {
        var seen = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while seen < lines {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            seen += buffer[..<n].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }
        return seen
    }

    deinit { close(fd) }
}

/// A client that writes requests and does not read the responses.
@Suite(.serialized) struct SlowReaderEndToEndTests {
    @Test func theDaemonStopsReadingFromAClientThatDoesNotReadAndLosesNothing() async throws {
        try await withDaemon(customers: 10) { daemon in
            guard case .tcp(_, let port) = daemon.tcp else {
                Issue.record("no TCP address")
                return
            }
            let socket = try PlainSocket(port: port)
            let hello = #"{"jsonrpc":"2.0","id":0,"method":"session.hello","params":{"token":"\#(daemon.tokens[.admin]!)"}}"# + "\n"
            #expect(socket.send(Array(hello.utf8), patience: 5) == hello.utf8.count)
            #expect(socket.readLines(1) == 1)
            let before = daemon.daemon.tracker.received
            // policy.status answers are ~400 bytes: 40,000 of them are far more than
            // the socket buffers on both sides hold.
            let request = Array(#"{"jsonrpc":"2.0","id":1,"method":"policy.status"}"#.utf8) + [10]
            let total = 40_000
            let sent = await Task.detached { socket.send(Array([[UInt8]](repeating: request, count: total).joined()), patience: 3) }.value
            let requestsSent = sent / request.count
            // Let the daemon go as far as it will, then check it stopped short: requests
            // wait unread in the socket instead of answers piling up in its memory.
            var read = daemon.daemon.tracker.received - before
            while true {
                try await Task.sleep(for: .milliseconds(500))
                let now = daemon.daemon.tracker.received - before
                if now == read { break }
                read = now
            }
            #expect(read < requestsSent, "the daemon read every request although no response was read")
            // Everything the daemon read is answered once the client reads.
            let answered = await Task.detached { socket.readLines(requestsSent) }.value
            #expect(answered == requestsSent)
        }
    }
}
