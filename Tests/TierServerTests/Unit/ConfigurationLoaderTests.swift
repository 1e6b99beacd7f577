import Foundation
import Logging
import Testing
import TierServer

@Suite struct ConfigurationLoaderTests {
    private func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "tierd-config-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func defaultsWithoutAnySource() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load(file: nil)
        #expect(configuration == ServerConfiguration())
        #expect(configuration.listen == "127.0.0.1:7411")
        #expect(configuration.limits.maxFrameBytes == 1_048_576)
    }

    @Test func fileThenEnvironmentThenFlags() throws {
        let file = try write("""
            listen: 0.0.0.0:9000
            policies: /etc/tierd/policies
            limits:
              max_in_flight: 16
              idle_timeout_seconds: 60
            decision_log:
              batch_size: 100
            """)
        let loader = ConfigurationLoader(environment: ["TIERD_LIMITS_MAX_IN_FLIGHT": "32", "TIERD_LISTEN": "127.0.0.1:9001"])
        let configuration = try loader.load(file: file, overrides: ["listen": "127.0.0.1:9002"])
        #expect(configuration.listen == "127.0.0.1:9002")
        #expect(configuration.policies == "/etc/tierd/policies")
        #expect(configuration.limits.maxInFlight == 32)
        #expect(configuration.limits.idleTimeoutSeconds == 60)
        #expect(configuration.decisionLog.batchSize == 100)
    }

    @Test func aReadDatabaseGivesAReadPoolAndNoFactsCache() throws {
        let file = try write("""
            database: "host=db1,db2 target_session_attrs=read-write"
            read_database: "host=db2,db1 target_session_attrs=prefer-standby"
            """)
        var configuration = try ConfigurationLoader(environment: [:]).load(file: file)
        #expect(configuration.readDatabase == "host=db2,db1 target_session_attrs=prefer-standby")
        configuration.policies = repositoryRoot() + "/policies/branch"
        // Nothing connects before start(): the pools are made, the cache is not sized.
        let daemon = try TierDaemon(configuration: configuration, logger: Logger(label: "test"))
        #expect(daemon.readPool != nil)
        #expect(daemon.factsCache.capacity == 0)
        configuration.readDatabase = ""
        let plain = try TierDaemon(configuration: configuration, logger: Logger(label: "test"))
        #expect(plain.readPool == nil)
        #expect(plain.factsCache.capacity == ServerConfiguration().factsCache.capacity)
    }

    @Test func unknownKeysAreErrorsWithTheirPlace() throws {
        let file = try write("listen: 127.0.0.1:1\nlimits:\n  max_inflight: 3\n")
        #expect {
            try ConfigurationLoader(environment: [:]).load(file: file)
        } throws: { error in
            let message = (error as? ConfigurationError)?.message ?? ""
            return message.contains("\(file):3:3") && message.contains("limits.max_inflight")
        }
    }

    @Test func badValuesAreErrors() throws {
        let loader = ConfigurationLoader(environment: ["TIERD_POOL_CONNECTIONS": "zero"])
        #expect(throws: ConfigurationError.self) { try loader.load(file: nil) }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(file: nil, overrides: ["log.format": "xml"])
        }
    }

    @Test func everySettingIsDocumented() throws {
        let docs = try String(contentsOfFile: repositoryRoot() + "/docs/CONFIGURATION.md", encoding: .utf8)
        for key in ServerConfiguration.keys {
            #expect(docs.contains("| `\(key.path)` |"), "docs/CONFIGURATION.md lacks \(key.path)")
        }
        let example = try String(contentsOfFile: repositoryRoot() + "/deploy/tierd.yaml.example", encoding: .utf8)
        let parsed = try ConfigurationLoader(environment: [:]).load(file: repositoryRoot() + "/deploy/tierd.yaml.example")
        #expect(parsed.socket == "/run/tierd/tierd.sock")
        #expect(parsed.http.listen == "127.0.0.1:7412")
        #expect(!example.isEmpty)
    }
}
