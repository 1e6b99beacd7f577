/// Reads the fields of one YAML mapping, reporting unknown and missing keys and
/// wrong shapes. Every problem goes to the shared diagnostics list.
struct MappingReader {
    let node: PolicyNode
    let what: String
    private(set) var entries: [String: PolicyNode.Entry] = [:]
    let sink: DiagnosticSink

    /// Reads `node` as a mapping of `what` with the given allowed keys; nil (and a
    /// diagnostic) when it is not a mapping.
    init?(_ node: PolicyNode, _ what: String, allowed: [String], sink: DiagnosticSink) {
        self.node = node
        self.what = what
        self.sink = sink
        guard let list = node.entries else {
            sink.add(.wrongNodeKind, "\(what) must be a mapping (key: value lines), not \(node.shapeName)", at: node.location)
            return nil
        }
        for entry in list {
            guard allowed.contains(entry.key) else {
                let suggestion = EditDistance.closest(to: entry.key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                sink.add(.unexpectedKey, "\(what) has no field '\(entry.key)'\(suggestion); fields are \(allowed.joined(separator: ", "))", at: entry.keyLocation)
                continue
            }
            entries[entry.key] = entry
        }
    }

    /// The node of a field, if present.
    func optional(_ key: String) -> PolicyNode? { entries[key]?.value }

    /// The node of a required field; reports it missing.
    func required(_ key: String) -> PolicyNode? {
        guard let node = entries[key]?.value else {
            sink.add(.missingKey, "\(what) needs a '\(key)' field", at: node.location)
            return nil
        }
        return node
    }

    /// A required scalar's text.
    func requiredText(_ key: String) -> (String, PolicyNode)? {
        guard let value = required(key) else { return nil }
        return text(value, key)
    }

    /// An optional scalar's text.
    func optionalText(_ key: String) -> (String, PolicyNode)? {
        guard let value = optional(key) else { return nil }
        return text(value, key)
    }

    private func text(_ value: PolicyNode, _ key: String) -> (String, PolicyNode)? {
        guard let text = value.scalar else {
            sink.add(.wrongNodeKind, "'\(key)' of \(what) must be a single value, not \(value.shapeName)", at: value.location)
            return nil
        }
        return (text, value)
    }
}

/// Collects diagnostics while a set loads.
final class DiagnosticSink {
    private(set) var diagnostics: [PolicyDiagnostic] = []

    func add(_ code: PolicyDiagnostic.Code, _ message: String, at location: PolicyLocation) {
        diagnostics.append(PolicyDiagnostic(code, message, at: location))
    }

    func add(_ list: PolicyDiagnosticList) { diagnostics += list.diagnostics }
}
