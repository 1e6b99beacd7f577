/// Whether the daemon should be sent traffic: the database answers and a policy
/// revision serves, and it is not shutting down.
public struct Readiness: Sendable, Equatable {
    /// Why it is not ready; empty when it is.
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var isReady: Bool { problems.isEmpty }
}
