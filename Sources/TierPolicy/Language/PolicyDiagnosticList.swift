/// Several diagnostics at once, as an error: a policy set reports everything wrong
/// with it in one go.
public struct PolicyDiagnosticList: Error, Hashable, Sendable, CustomStringConvertible {
    /// The diagnostics, in the order found.
    public var diagnostics: [PolicyDiagnostic]

    /// Wraps diagnostics.
    public init(_ diagnostics: [PolicyDiagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
