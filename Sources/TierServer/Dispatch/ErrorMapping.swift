import Logging
import TierStore
import TierWire

/// Maps whatever a handler threw to the error the client sees. Database errors
/// never reach the client verbatim (they can name tables and values).
enum ErrorMapping {
    static func rpcError(_ error: any Error, method: String, logger: Logger) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as PGError where error.code == .poolTimeout:
            return .overloaded("no database connection became free in time; try again")
        case let error as PGError where error.isUnavailable:
            return .unavailable("the database is unavailable")
        default:
            logger.error("request failed", metadata: ["method": "\(method)", "error": "\(error)"])
            return .internalError("internal error while handling \(method)")
        }
    }
}
