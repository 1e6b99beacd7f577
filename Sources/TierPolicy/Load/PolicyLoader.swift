/// Loads a policy set from its source files: reads the YAML, checks every name and
/// type, compiles every expression and orders segments and tiers. All problems are
/// reported together; a set that loads cannot meet a type error while evaluating.
public enum PolicyLoader {
    /// Top-level keys a policy file may have.
    static let fileKeys = ["strategy", "title", "source", "catalogue", "segments", "tiers", "entitlements", "tasks", "budgets", "limits", "settings"]

    /// Loads a set. Files are taken in name order.
    public static func load(_ files: [PolicySourceFile], schema: FactSchema = .standard) -> Result<PolicySet, PolicyDiagnosticList> {
        let sink = DiagnosticSink()
        var sections = Sections()
        for file in files.sorted(by: { $0.name < $1.name }) {
            switch YAMLReader.read(file.text, file: file.name) {
            case .failure(let list): sink.add(list)
            case .success(let documents):
                for document in documents {
                    if case .scalar(let text, _) = document.kind, text.isEmpty { continue }  // an empty document
                    guard let reader = MappingReader(document, "a policy file", allowed: fileKeys, sink: sink) else { continue }
                    sections.add(reader, sink: sink)
                }
            }
        }
        var builder = PolicySetBuilder(schema: schema, sink: sink)
        builder.declare(sections)
        builder.checkSettingSegments()
        builder.compile(sections)
        builder.order()
        builder.findUnreachableRows()
        guard sink.diagnostics.isEmpty else {
            return .failure(PolicyDiagnosticList(sink.diagnostics.sorted { $0.location < $1.location }))
        }
        return .success(builder.build(revision: PolicySourceFile.revision(of: files)))
    }
}

/// The sections of every file of a set, gathered before anything is compiled, so a
/// file may use what another defines.
struct Sections {
    var catalogue: [PolicyNode] = []
    var segments: [PolicyNode.Entry] = []
    var tiers: [PolicyNode.Entry] = []
    var grants: [PolicyNode] = []
    var tasks: [PolicyNode] = []
    var budgets: [PolicyNode.Entry] = []
    var limits: [PolicyNode.Entry] = []
    var settings: [PolicyNode.Entry] = []

    mutating func add(_ file: MappingReader, sink: DiagnosticSink) {
        catalogue += list(file, "catalogue", sink)
        grants += list(file, "entitlements", sink)
        tasks += list(file, "tasks", sink)
        segments += mapping(file, "segments", sink)
        tiers += mapping(file, "tiers", sink)
        budgets += mapping(file, "budgets", sink)
        limits += mapping(file, "limits", sink)
        settings += mapping(file, "settings", sink)
    }

    private func list(_ file: MappingReader, _ key: String, _ sink: DiagnosticSink) -> [PolicyNode] {
        guard let node = file.optional(key) else { return [] }
        guard let items = node.items else {
            sink.add(.wrongNodeKind, "'\(key)' must be a list (lines starting with '- '), not \(node.shapeName)", at: node.location)
            return []
        }
        return items
    }

    private func mapping(_ file: MappingReader, _ key: String, _ sink: DiagnosticSink) -> [PolicyNode.Entry] {
        guard let node = file.optional(key) else { return [] }
        guard let entries = node.entries else {
            sink.add(.wrongNodeKind, "'\(key)' must be a mapping of names, not \(node.shapeName)", at: node.location)
            return []
        }
        return entries
    }
}
