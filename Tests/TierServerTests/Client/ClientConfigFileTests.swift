import Testing
import TierClient

@Suite("tierctl config file and settings")
struct ClientConfigFileTests {
    @Test func parsesKeysCommentsAndQuotes() throws {
        let text = """
            # tierctl
            ---
            address: tcp://10.1.2.3:7411   # the branch daemon
            token: "tk_abc#not-a-comment"
            tls_ca: '~/ca.pem'

            tls_server_name: tierd.branch
            """
        let config = try ClientConfigFile(parsing: text, file: "config.yaml")
        #expect(config.address == "tcp://10.1.2.3:7411")
        #expect(config.token == "tk_abc#not-a-comment")
        #expect(config.tlsCA == "~/ca.pem")
        #expect(config.tlsServerName == "tierd.branch")
        #expect(config.tlsCert == nil)
    }

    @Test func handlesEscapesAndEmptyValues() throws {
        let config = try ClientConfigFile(parsing: "token: \"a\\\"b\\\\c\"\r\naddress:\ntls_key: 'it''s'\n")
        #expect(config.token == "a\"b\\c")
        #expect(config.address == nil)
        #expect(config.tlsKey == "it's")
    }

    @Test(arguments: [
        ("adress: x", 1, "unknown key 'adress'"),
        ("token: a\ntoken: b", 2, "set twice"),
        ("address:\n  nested: 1", 2, "nested values"),
        ("just text", 1, "expected `key: value`"),
        ("token: \"open", 1, "missing closing"),
        ("token: \"a\" b", 1, "after the closing quote"),
    ])
    func refusesWithLine(text: String, line: Int, message: String) {
        do {
            _ = try ClientConfigFile(parsing: text, file: "c.yaml")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.description.hasPrefix("c.yaml:\(line): "))
        }
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ClientConfigFile.defaultPath(environment: ["HOME": "/home/li"]) == "/home/li/.config/tierctl/config.yaml")
        #expect(ClientConfigFile.defaultPath(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/x"]) == "/x/tierctl/config.yaml")
        #expect(ClientConfigFile.defaultPath(environment: [:]) == nil)
    }

    @Test func flagsBeatEnvironmentBeatConfigBeatDefaults() throws {
        let config = ClientConfigFile(address: "10.0.0.1:1", token: "from-config", tlsCA: "~/ca.pem")
        let environment = ["HOME": "/home/li", "TIERCTL_TOKEN": "from-env"]

        let fromConfig = try ClientSettings.resolve(flags: .init(), environment: environment, config: config)
        #expect(fromConfig.address == .tcp(host: "10.0.0.1", port: 1))
        #expect(fromConfig.token == "from-env")
        #expect(fromConfig.tls == TierClientTLS(caFile: "/home/li/ca.pem"))

        let fromFlags = try ClientSettings.resolve(
            flags: .init(address: "/tmp/t.sock", token: "from-flag"), environment: environment, config: config)
        #expect(fromFlags.address == .unix(path: "/tmp/t.sock"))
        #expect(fromFlags.token == "from-flag")

        let defaults = try ClientSettings.resolve(flags: .init(), environment: [:], config: nil)
        #expect(defaults == ClientSettings(address: .default, token: nil, tls: nil))

        #expect(throws: TierAddressError.self) {
            try ClientSettings.resolve(flags: .init(), environment: ["TIERCTL_ADDRESS": "http://x"], config: nil)
        }
    }
}
