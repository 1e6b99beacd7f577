import TierClient
import TierWire

/// Why a command failed: printed as `tierctl: <code>: <message>` on stderr, and
/// the process exits with `status`.
struct CtlFailure: Error {
    static let usageStatus: Int32 = 2
    static let rpcStatus: Int32 = 3
    static let connectionStatus: Int32 = 4

    var code: String
    var message: String
    /// More lines after the first: path, reason, diagnostics.
    var details: [String] = []
    var status: Int32

    /// A usage, config or input problem (exit 2).
    static func usage(_ message: String) -> CtlFailure {
        CtlFailure(code: "usage", message: message, status: usageStatus)
    }

    /// An error reply from the daemon (exit 3).
    static func rpc(_ error: RPCError) -> CtlFailure {
        var failure = CtlFailure(code: error.code.rawValue, message: error.message, status: rpcStatus)
        failure.details = Output.errorDetails(error.data)
        return failure
    }

    /// A connection failure (exit 4).
    static func connection(_ error: TierClientError) -> CtlFailure {
        CtlFailure(code: error.code, message: error.description, status: connectionStatus)
    }

    /// Any error from a call.
    static func from(_ error: any Error) -> CtlFailure {
        switch error {
        case let failure as CtlFailure: failure
        case let error as RPCError: .rpc(error)
        case let error as TierClientError: .connection(error)
        default: CtlFailure(code: "error", message: String(describing: error), status: 1)
        }
    }

    func report() {
        Output.error("tierctl: \(code): \(message)")
        for line in details { Output.error("  \(line)") }
    }
}
