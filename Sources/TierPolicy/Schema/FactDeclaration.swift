/// One fact a policy can read, such as `customer.age`: its type, whether it may be
/// absent, and what it means.
public struct FactDeclaration: Hashable, Sendable {
    /// The dotted path written in expressions.
    public var path: String
    /// Its type.
    public var type: PolicyType
    /// Whether the fact may be absent (then `has(path)` is false and expressions
    /// reading it yield `missing`).
    public var optional: Bool
    /// What the fact means, for the language reference.
    public var documentation: String

    /// Declares a fact.
    public init(_ path: String, _ type: PolicyType, optional: Bool = false, _ documentation: String) {
        self.path = path
        self.type = type
        self.optional = optional
        self.documentation = documentation
    }
}
