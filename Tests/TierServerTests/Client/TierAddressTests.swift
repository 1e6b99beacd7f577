import Testing
import TierClient

@Suite("TierAddress parsing")
struct TierAddressTests {
    @Test(arguments: [
        ("127.0.0.1:7411", TierAddress.tcp(host: "127.0.0.1", port: 7411)),
        ("tcp://db.branch.local:9000", .tcp(host: "db.branch.local", port: 9000)),
        ("tcp://10.0.0.5:7411/", .tcp(host: "10.0.0.5", port: 7411)),
        ("localhost", .tcp(host: "localhost", port: 7411)),
        ("[::1]:7500", .tcp(host: "::1", port: 7500)),
        ("tcp://[fe80::1]", .tcp(host: "fe80::1", port: 7411)),
        ("  host:1  ", .tcp(host: "host", port: 1)),
        ("unix:///run/tierd/tierd.sock", .unix(path: "/run/tierd/tierd.sock")),
        ("unix:/tmp/t.sock", .unix(path: "/tmp/t.sock")),
        ("/var/run/tierd.sock", .unix(path: "/var/run/tierd.sock")),
        ("./.tierd/demo/tierd.sock", .unix(path: "./.tierd/demo/tierd.sock")),
        (".tierd/demo/tierd.sock", .unix(path: ".tierd/demo/tierd.sock")),
    ])
    func parses(text: String, expected: TierAddress) throws {
        #expect(try TierAddress(parsing: text) == expected)
    }

    @Test(arguments: [
        "", "   ", "host:", "host:0", "host:65536", "host:port", ":7411", "::1", "[::1", "[::1]x",
        "http://host:80", "unix://", "two words:7411",
    ])
    func refuses(text: String) {
        #expect(throws: TierAddressError.self) { try TierAddress(parsing: text) }
    }

    @Test func describesForPeople() throws {
        #expect(TierAddress.default.description == "127.0.0.1:7411")
        #expect(try TierAddress(parsing: "[::1]:7411").description == "[::1]:7411")
        #expect(try TierAddress(parsing: "/tmp/x.sock").description == "unix:///tmp/x.sock")
    }

    @Test func errorNamesTheText() {
        do {
            _ = try TierAddress(parsing: "host:99999")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("host:99999"))
            #expect(error.description.contains("1 to 65535"))
        }
    }
}
