import Yams

/// Turns YAML text into ``PolicyNode`` trees with locations, reporting YAML errors
/// and duplicate keys as diagnostics.
public enum YAMLReader {
    /// Reads one file. A file may hold several documents separated by `---`.
    public static func read(_ text: String, file: String) -> Result<[PolicyNode], PolicyDiagnosticList> {
        do {
            var documents: [PolicyNode] = []
            var diagnostics: [PolicyDiagnostic] = []
            // Parser.nextRoot throws; compose_all's sequence would swallow the error.
            let parser = try Yams.Parser(yaml: text)
            while let node = try parser.nextRoot() {
                documents.append(convert(node, file: file, diagnostics: &diagnostics))
            }
            return diagnostics.isEmpty ? .success(documents) : .failure(PolicyDiagnosticList(diagnostics))
        } catch let error as YamlError {
            return .failure(PolicyDiagnosticList([diagnostic(for: error, file: file)]))
        } catch {
            return .failure(PolicyDiagnosticList([PolicyDiagnostic(.yamlSyntax, "\(error)", at: PolicyLocation(file: file, line: 1, column: 1))]))
        }
    }

    private static func convert(_ node: Node, file: String, diagnostics: inout [PolicyDiagnostic]) -> PolicyNode {
        let location = PolicyLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            let content: PolicyLocation
            switch scalar.style {
            case .singleQuoted, .doubleQuoted: content = location.advanced(by: 1)
            case .literal, .folded: content = PolicyLocation(file: file, line: location.line + 1, column: location.column)
            default: content = location
            }
            let quoted = scalar.style != .plain && scalar.style != .any
            return PolicyNode(kind: .scalar(scalar.string, quoted: quoted), location: location, contentLocation: content)
        case .mapping(let mapping):
            var entries: [PolicyNode.Entry] = []
            var seen: [String: PolicyLocation] = [:]
            for (key, value) in mapping {
                let keyNode = convert(key, file: file, diagnostics: &diagnostics)
                guard let name = keyNode.scalar else {
                    diagnostics.append(PolicyDiagnostic(.wrongNodeKind, "a key must be a plain word, not \(keyNode.shapeName)", at: keyNode.location))
                    continue
                }
                if let first = seen[name] {
                    diagnostics.append(PolicyDiagnostic(.duplicateName, "key '\(name)' appears twice in this mapping (first at \(first.line):\(first.column))", at: keyNode.location))
                    continue
                }
                seen[name] = keyNode.location
                entries.append(PolicyNode.Entry(key: name, keyLocation: keyNode.location, value: convert(value, file: file, diagnostics: &diagnostics)))
            }
            return PolicyNode(kind: .mapping(entries), location: location, contentLocation: location)
        case .sequence(let sequence):
            let items = sequence.map { convert($0, file: file, diagnostics: &diagnostics) }
            return PolicyNode(kind: .sequence(items), location: location, contentLocation: location)
        case .alias:
            diagnostics.append(PolicyDiagnostic(.yamlSyntax, "this alias could not be resolved; write the value out", at: location))
            return PolicyNode(kind: .scalar("", quoted: false), location: location, contentLocation: location)
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> PolicyDiagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return PolicyDiagnostic(.yamlSyntax, "\(prefix)\(problem)".trimmingCharacters(in: .whitespaces),
                                    at: PolicyLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return PolicyDiagnostic(.duplicateName, "key \(keys) appears more than once in this mapping (this is the first)",
                                    at: PolicyLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return PolicyDiagnostic(.yamlSyntax, "\(error)", at: PolicyLocation(file: file, line: 1, column: 1))
        }
    }
}
