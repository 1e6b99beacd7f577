/// Where to connect and how to authenticate, resolved from (highest first)
/// command-line flags, `TIERCTL_*` environment variables, the config file, and
/// the defaults.
///
/// | setting | flag | environment | config key | default |
/// | --- | --- | --- | --- | --- |
/// | address | `--address` | `TIERCTL_ADDRESS` | `address` | `127.0.0.1:7411` |
/// | token | `--token` | `TIERCTL_TOKEN` | `token` | none |
/// | CA file (turns TLS on) | `--tls-ca` | `TIERCTL_TLS_CA` | `tls_ca` | none (no TLS) |
/// | client certificate | `--tls-cert` | `TIERCTL_TLS_CERT` | `tls_cert` | none |
/// | client key | `--tls-key` | `TIERCTL_TLS_KEY` | `tls_key` | none |
/// | server name | `--tls-server-name` | `TIERCTL_TLS_SERVER_NAME` | `tls_server_name` | the host |
public struct ClientSettings: Sendable, Hashable {
    public var address: TierAddress
    public var token: String?
    /// TLS, when a CA file (or a client certificate) is given.
    public var tls: TierClientTLS?

    public init(address: TierAddress = .default, token: String? = nil, tls: TierClientTLS? = nil) {
        self.address = address
        self.token = token
        self.tls = tls
    }

    /// What the command line says, nil for each flag not given: the same six
    /// settings a config file holds.
    public typealias Flags = ClientConfigFile

    /// Resolves each setting from flags, then environment, then config file.
    /// Paths starting with `~/` are expanded with `HOME`.
    public static func resolve(
        flags: Flags, environment: [String: String], config: ClientConfigFile?
    ) throws(TierAddressError) -> ClientSettings {
        func pick(_ flag: String?, _ variable: String, _ configured: String?) -> String? {
            if let flag, !flag.isEmpty { return flag }
            if let value = environment[variable], !value.isEmpty { return value }
            return configured
        }
        func path(_ value: String?) -> String? {
            guard let value else { return nil }
            guard value == "~" || value.hasPrefix("~/"), let home = environment["HOME"] else { return value }
            return home + value.dropFirst()
        }
        var settings = ClientSettings()
        if let text = pick(flags.address, "TIERCTL_ADDRESS", config?.address) {
            settings.address = try TierAddress(parsing: path(text) ?? text)
        }
        settings.token = pick(flags.token, "TIERCTL_TOKEN", config?.token)
        let ca = path(pick(flags.tlsCA, "TIERCTL_TLS_CA", config?.tlsCA))
        let cert = path(pick(flags.tlsCert, "TIERCTL_TLS_CERT", config?.tlsCert))
        let key = path(pick(flags.tlsKey, "TIERCTL_TLS_KEY", config?.tlsKey))
        let serverName = pick(flags.tlsServerName, "TIERCTL_TLS_SERVER_NAME", config?.tlsServerName)
        if ca != nil || cert != nil || key != nil || serverName != nil {
            settings.tls = TierClientTLS(caFile: ca, certificateFile: cert, keyFile: key, serverName: serverName)
        }
        return settings
    }
}
