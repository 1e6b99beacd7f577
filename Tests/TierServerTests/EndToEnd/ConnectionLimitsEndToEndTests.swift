import Foundation
import Testing
import TierClient
import TierServer
import TierWire
import TierTestSupport

@Suite(.serialized) struct ConnectionLimitsEndToEndTests {
    @Test func aStalledLineAndASilentConnectionAreClosed() async throws {
        try await withDaemon(customers: 10, configure: {
            $0.limits.readTimeoutSeconds = 0.3
            // Long enough that a test task starved for seconds on a loaded machine is
            // not mistaken for a silent client.
            $0.limits.idleTimeoutSeconds = 15
        }) { daemon in
            // Slow loris: half a line, then nothing. Closed by the read timeout, well
            // before the idle timeout could.
            let stalled = try await TierRawConnection.connect(to: daemon.tcp)
            try await stalled.send(Array(#"{"jsonrpc":"2.0","id":1,"met"#.utf8))
            #expect(await stalled.waitUntilClosed(timeout: .seconds(3 * testWaitScale)))

            // Complete lines keep a connection open past the read timeout; silence closes it.
            // (Generous margins: the suite runs beside many others on two cores.)
            let quiet = try await TierRawConnection.connect(to: daemon.tcp)
            for _ in 0..<2 {
                try await quiet.sendLine(#"{"jsonrpc":"2.0","id":1,"method":"health.check"}"#)
                #expect(try await quiet.readLine(timeout: .seconds(10 * testWaitScale))?.contains("unauthenticated") == true)
                try await Task.sleep(for: .seconds(1))
            }
            #expect(await quiet.waitUntilClosed(timeout: .seconds(60)))
        }
    }

    @Test func connectionsBeyondTheLimitAreToldAndClosed() async throws {
        try await withDaemon(customers: 10, configure: { $0.limits.maxConnections = 2 }) { daemon in
            let first = try await daemon.client(.admin)
            let second = try await daemon.client(.admin)
            let third = try await TierRawConnection.connect(to: daemon.tcp)
            let refusal = try #require(try await third.readLine(timeout: .seconds(10 * testWaitScale)))
            #expect(refusal.contains(#""code":"overloaded""#))
            #expect(await third.waitUntilClosed(timeout: .seconds(10 * testWaitScale)))
            // The two within the limit still work.
            #expect(try await first.call(HealthCheck.self, NoParams()).status == "ok")
            #expect(try await second.call(HealthCheck.self, NoParams()).status == "ok")
            await first.close()
            await second.close()
        }
    }

    @Test func tlsServesTheSameProtocol() async throws {
        let directory = NSTemporaryDirectory() + "tierd-tls-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        try await withDaemon(customers: 10, configure: {
            $0.tls.certificate = directory + "/cert.pem"
            $0.tls.key = directory + "/key.pem"
        }) { daemon in
            let client = try await TierClient.connect(
                to: daemon.tcp, tls: TierClientTLS(caFile: directory + "/cert.pem", serverName: "localhost"))
            _ = try await client.hello(token: daemon.tokens[.counter]!)
            #expect(try await client.call(EntitlementsGet.self, .init(customerId: 1)).customerId == 1)
            await client.close()

            // A client that does not speak TLS gets nothing it can use.
            let plain = try await TierClient.connect(to: daemon.tcp)
            await #expect(throws: (any Error).self) { _ = try await plain.hello(token: daemon.tokens[.counter]!) }
            await plain.close()
        }
    }

    /// Runs openssl with `arguments` in `directory`; fails the test when it fails.
    private func openssl(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
    }

    @Test func withAClientCAOnlyClientsWithItsCertificateGetIn() async throws {
        let directory = NSTemporaryDirectory() + "tierd-mtls-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The server's certificate, a client CA with one client, and a stranger's self-signed certificate.
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                     "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", "server.key", "-out", "server.pem"], in: directory)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=branch client CA",
                     "-keyout", "ca.key", "-out", "ca.pem"], in: directory)
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=counter-01", "-keyout", "client.key", "-out", "client.csr"], in: directory)
        try openssl(["x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                     "-out", "client.pem"], in: directory)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=stranger",
                     "-keyout", "stranger.key", "-out", "stranger.pem"], in: directory)
        try await withDaemon(customers: 10, configure: {
            $0.tls.certificate = directory + "/server.pem"
            $0.tls.key = directory + "/server.key"
            $0.tls.clientCA = directory + "/ca.pem"
        }) { daemon in
            let trusted = TierClientTLS(
                caFile: directory + "/server.pem", certificateFile: directory + "/client.pem", keyFile: directory + "/client.key",
                serverName: "localhost")
            let client = try await TierClient.connect(to: daemon.tcp, tls: trusted)
            _ = try await client.hello(token: daemon.tokens[.counter]!)
            #expect(try await client.call(EntitlementsGet.self, .init(customerId: 1)).customerId == 1)
            await client.close()

            // No client certificate, or one the CA did not sign: the handshake fails, a token does not help.
            for tls in [
                TierClientTLS(caFile: directory + "/server.pem", serverName: "localhost"),
                TierClientTLS(caFile: directory + "/server.pem", certificateFile: directory + "/stranger.pem",
                              keyFile: directory + "/stranger.key", serverName: "localhost"),
            ] {
                do {
                    let refused = try await TierClient.connect(to: daemon.tcp, tls: tls)
                    await #expect(throws: (any Error).self) { _ = try await refused.hello(token: daemon.tokens[.counter]!) }
                    await refused.close()
                } catch {
                    // Refused during the handshake: as good.
                }
            }
        }
    }
}
