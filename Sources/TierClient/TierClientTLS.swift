import NIOSSL

/// TLS settings for a connection to tierd.
///
/// The server's certificate is verified against `caFile` (or the system's trust
/// roots when it is nil) and against `serverName` (or, when that is nil, the TCP
/// host name or IP address). A client certificate is sent when both
/// `certificateFile` and `keyFile` are set.
public struct TierClientTLS: Sendable, Hashable {
    /// PEM file of the certificate authorities to trust; nil for the system's.
    public var caFile: String?
    /// PEM certificate chain of the client, for mutual TLS.
    public var certificateFile: String?
    /// PEM private key of the client certificate.
    public var keyFile: String?
    /// The name to check in the server's certificate and send as SNI.
    public var serverName: String?

    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, serverName: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.serverName = serverName
    }

    /// Builds the NIOSSL context; reads the files.
    func makeContext(for address: TierAddress) throws(TierClientError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        do {
            if let caFile {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
            switch (certificateFile, keyFile) {
            case (let certificate?, let key?):
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            case (nil, nil):
                break
            default:
                throw TierClientError.tls("TLS: a client certificate needs both a certificate file and a key file")
            }
            if case .unix = address, serverName == nil {
                // No host name to check on a Unix socket: trust the CA only.
                configuration.certificateVerification = .noHostnameVerification
            }
            return try NIOSSLContext(configuration: configuration)
        } catch let error as TierClientError {
            throw error
        } catch {
            throw TierClientError.tls("TLS: cannot set up: \(error)")
        }
    }

    /// The SNI name: `serverName`, else the TCP host unless it is an IP address.
    func sniName(for address: TierAddress) -> String? {
        if let serverName { return serverName }
        guard case .tcp(let host, _) = address else { return nil }
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }
}
