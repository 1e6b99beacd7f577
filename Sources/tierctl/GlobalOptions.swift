import ArgumentParser
import Foundation
import TierClient

/// The connection options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "tierd's address: host:port, tcp://host:port, unix:///path or /path. (env TIERCTL_ADDRESS; default 127.0.0.1:7411)",
        valueName: "address"))
    var address: String?

    @Option(help: ArgumentHelp("The client token for session.hello. (env TIERCTL_TOKEN)", valueName: "token"))
    var token: String?

    @Option(help: ArgumentHelp(
        "Config file of `key: value` lines. (env TIERCTL_CONFIG; default ~/.config/tierctl/config.yaml if it exists)",
        valueName: "file"))
    var config: String?

    @Flag(help: "Print the raw result as JSON (pretty, sorted keys).")
    var json = false

    @Option(name: .customLong("tls-ca"), help: ArgumentHelp("Use TLS, trusting the CAs in this PEM file. (env TIERCTL_TLS_CA)", valueName: "file"))
    var tlsCA: String?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Client certificate (PEM) for mutual TLS.", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("Client private key (PEM) for mutual TLS.", valueName: "file"))
    var tlsKey: String?

    @Option(name: .customLong("tls-server-name"), help: ArgumentHelp("Name to verify in the server certificate.", valueName: "name"))
    var tlsServerName: String?

    @Option(help: ArgumentHelp("Seconds to wait for the connection and for each reply.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    /// Flags, environment and config file resolved into settings.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CtlFailure) -> ClientSettings {
        let configFile: ClientConfigFile?
        do {
            if let path = config ?? environment["TIERCTL_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
                configFile = try ClientConfigFile.load(path: path)
            } else if let path = ClientConfigFile.defaultPath(environment: environment),
                FileManager.default.fileExists(atPath: path)
            {
                configFile = try ClientConfigFile.load(path: path)
            } else {
                configFile = nil
            }
        } catch {
            throw CtlFailure(code: "config", message: error.description, status: CtlFailure.usageStatus)
        }
        let flags = ClientSettings.Flags(
            address: address, token: token, tlsCA: tlsCA, tlsCert: tlsCert, tlsKey: tlsKey, tlsServerName: tlsServerName)
        do {
            return try ClientSettings.resolve(flags: flags, environment: environment, config: configFile)
        } catch {
            throw CtlFailure(code: "usage", message: error.description, status: CtlFailure.usageStatus)
        }
    }
}
