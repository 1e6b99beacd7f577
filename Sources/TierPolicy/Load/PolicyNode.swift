/// A YAML node of a policy file with its location: the loader's view of YAML,
/// independent of the YAML library.
public struct PolicyNode: Hashable, Sendable {
    /// The shapes a node can have.
    public enum Kind: Hashable, Sendable {
        /// A scalar's text; `quoted` when written in quotes (so `"42"` stays a string).
        case scalar(String, quoted: Bool)
        /// Keys in written order, each with where the key was written.
        case mapping([Entry])
        case sequence([PolicyNode])
    }

    /// A mapping entry.
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var keyLocation: PolicyLocation
        public var value: PolicyNode
    }

    /// The node's shape and content.
    public var kind: Kind
    /// Where the node starts.
    public var location: PolicyLocation
    /// Where an expression written in this scalar starts: past the opening quote,
    /// or on the first content line of a block scalar.
    public var contentLocation: PolicyLocation

    /// The scalar text, if this is a scalar.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The entries, if this is a mapping.
    public var entries: [Entry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// The items, if this is a sequence.
    public var items: [PolicyNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// A word for the node's shape, for messages.
    public var shapeName: String {
        switch kind {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
