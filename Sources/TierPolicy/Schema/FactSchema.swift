/// The facts policies can read, declared in one place. Every expression is checked
/// against it when a policy set loads; at evaluation, facts are an array indexed by
/// each declaration's position, so reading one is an array access.
public struct FactSchema: Sendable {
    /// The declarations, in slot order.
    public let declarations: [FactDeclaration]
    /// The slots ordered by path (as `String` sorts), for writers of canonical JSON.
    public let slotsInPathOrder: [Int]
    private let slots: [String: Int]

    /// Makes a schema; paths must be unique.
    public init(_ declarations: [FactDeclaration]) {
        self.declarations = declarations
        var slots: [String: Int] = [:]
        for (index, declaration) in declarations.enumerated() {
            precondition(slots[declaration.path] == nil, "fact \(declaration.path) declared twice")
            slots[declaration.path] = index
        }
        self.slots = slots
        slotsInPathOrder = declarations.indices.sorted { declarations[$0].path < declarations[$1].path }
    }

    /// The slot of a fact path, if declared.
    public func slot(of path: String) -> Int? { slots[path] }

    /// The declaration at a slot.
    public subscript(slot: Int) -> FactDeclaration { declarations[slot] }

    /// The declared paths that start with `prefix.`, for "did you mean" hints.
    public func paths(under prefix: String) -> [String] {
        declarations.map(\.path).filter { $0.hasPrefix(prefix + ".") }
    }

    /// The closest declared path to an unknown one (same group first), if any is close.
    public func suggestion(for path: String) -> String? {
        let candidates = declarations.map(\.path)
        let scored = candidates.map { ($0, EditDistance.between($0, path)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, path.count / 4) else { return nil }
        return best.0
    }
}

/// Levenshtein distance, for suggestions.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The name closest to `name`, when it is close enough to be a likely typo.
    static func closest(to name: String, among names: some Collection<String>) -> String? {
        guard let best = names.min(by: { between($0, name) < between($1, name) }),
              between(best, name) <= max(2, name.count / 3) else { return nil }
        return best
    }
}
