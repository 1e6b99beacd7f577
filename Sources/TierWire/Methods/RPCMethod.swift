/// One protocol v1 method: its name, who may call it, and its params and result types.
public protocol RPCMethod {
    associatedtype Params: Codable & Sendable
    associatedtype Result: Codable & Sendable
    /// The method name on the wire, e.g. `entitlements.get`.
    static var name: String { get }
    /// The roles allowed to call it (`session.hello` is open to every connection).
    static var roles: Set<Role> { get }
    /// Whether it writes: writes record their principal in the audit log.
    static var writes: Bool { get }
}

extension RPCMethod {
    public static var writes: Bool { false }
}

/// Params of a method that takes none: `{}` or absent.
public struct NoParams: Codable, Sendable, Hashable {
    public init() {}
}
