import TierWire

/// The session rules of one connection, without I/O: `session.hello` first, calls
/// made while the hello is being checked wait for it, a limited number of failed
/// hellos, and each principal limited to its role's methods.
public struct SessionState: Sendable {
    public enum Phase: Sendable, Equatable {
        case awaitingHello
        case authenticating
        case authenticated(Principal)
    }

    /// What to do with an incoming request.
    public enum Admission: Sendable, Equatable {
        /// Check the token.
        case hello
        /// Run it as this principal.
        case dispatch(Principal)
        /// Hold it until the hello in progress finishes.
        case wait
        /// Answer with this error.
        case reject(RPCError)
    }

    public private(set) var phase: Phase = .awaitingHello
    public private(set) var failedHellos = 0
    public let maxHelloAttempts: Int

    public init(maxHelloAttempts: Int) {
        self.maxHelloAttempts = maxHelloAttempts
    }

    /// Decides what a request may do in the current phase. A hello on an
    /// authenticated connection re-authenticates (a client may switch tokens).
    public mutating func admit(method: String) -> Admission {
        if method == SessionHello.name {
            if phase == .authenticating {
                return .reject(.invalidRequest("a session.hello is already being checked"))
            }
            phase = .authenticating
            return .hello
        }
        switch phase {
        case .awaitingHello:
            return .reject(.unauthenticated("call session.hello with a token first"))
        case .authenticating:
            return .wait
        case .authenticated(let principal):
            guard let entry = MethodCatalog.entry(named: method) else { return .reject(.methodNotFound(method)) }
            guard entry.roles.contains(principal.role) else {
                return .reject(.forbidden("role \(principal.role.rawValue) may not call \(method)"))
            }
            return .dispatch(principal)
        }
    }

    /// The hello succeeded.
    public mutating func helloSucceeded(_ principal: Principal) {
        phase = .authenticated(principal)
    }

    /// The hello failed; returns true when the connection should now be closed.
    public mutating func helloFailed() -> Bool {
        failedHellos += 1
        phase = .awaitingHello
        return failedHellos >= maxHelloAttempts
    }
}
