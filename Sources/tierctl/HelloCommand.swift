import ArgumentParser
import TierClient
import TierWire

/// `tierctl hello`: who the token says we are.
struct HelloCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hello", abstract: "Say session.hello and show the principal, role, revision and methods.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            if session.json { return Output.json(session.helloResult) }
            let hello = session.hello
            Output.print(TableRenderer.keyValues([
                ("principal", hello.principal),
                ("role", hello.role.rawValue),
                ("protocol", String(hello.protocol)),
                ("revision", hello.revision),
                ("methods", Output.list(hello.methods)),
            ]))
        }
    }
}

/// `tierctl health`: is the daemon serving and can it reach its database.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Call health.check; exits 1 when the daemon reports itself degraded.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var healthy = true
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, health) = try await session.call(HealthCheck.self, NoParams())
            healthy = health.status == "ok"
            if session.json { return Output.json(raw) }
            Output.print(TableRenderer.keyValues([
                ("status", health.status),
                ("database", health.database),
                ("revision", health.revision),
                ("uptime", Self.uptime(health.uptimeSeconds)),
                ("version", health.version),
            ]))
        }
        if !healthy { throw ExitCode.failure }
    }

    static func uptime(_ seconds: Int64) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = seconds % 3_600 / 60
        let text = days > 0 ? "\(days)d \(hours)h \(minutes)m" : hours > 0 ? "\(hours)h \(minutes)m" : "\(minutes)m \(seconds % 60)s"
        return "\(text) (\(seconds) s)"
    }
}
