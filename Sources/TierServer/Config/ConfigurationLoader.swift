import Foundation
import Yams

/// Builds a `ServerConfiguration` from its three sources: the YAML config file,
/// then `TIERD_*` environment variables, then explicit overrides (command-line
/// flags). Unknown keys in the file are errors, with the file's line and column.
public struct ConfigurationLoader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Loads: defaults ← file (if any) ← environment ← overrides (dotted path → text).
    public func load(file: String?, overrides: [String: String] = [:]) throws(ConfigurationError) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let file {
            try apply(file: file, to: &configuration)
        }
        for key in ServerConfiguration.keys {
            if let value = environment[key.environmentVariable] {
                try key.apply(&configuration, value)
            }
        }
        for (path, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let key = ServerConfiguration.key(path) else { throw ConfigurationError("unknown setting '\(path)'") }
            try key.apply(&configuration, value)
        }
        return configuration
    }

    private func apply(file: String, to configuration: inout ServerConfiguration) throws(ConfigurationError) {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("cannot read the config file \(file)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError("\(file): not valid YAML: \(error)")
        }
        guard let root else { return }  // an empty file sets nothing
        guard case .mapping = root else { throw ConfigurationError("\(file): the top level must be a mapping") }
        for (path, keyNode, node) in flatten(root, prefix: "") {
            let place = "\(file):\(keyNode.mark.map { "\($0.line):\($0.column)" } ?? "?")"
            guard let key = ServerConfiguration.key(path) else {
                throw ConfigurationError("\(place): unknown setting '\(path)'")
            }
            guard case .scalar(let scalar) = node else {
                throw ConfigurationError("\(place): \(path) must be a single value")
            }
            do {
                try key.apply(&configuration, scalar.string)
            } catch {
                throw ConfigurationError("\(place): \(error.message)")
            }
        }
    }

    /// Leaves of nested mappings with their dotted paths and key nodes, in file order.
    private func flatten(_ node: Node, prefix: String) -> [(String, Node, Node)] {
        guard case .mapping(let mapping) = node else { return [] }
        var leaves: [(String, Node, Node)] = []
        for (key, value) in mapping {
            let name = prefix.isEmpty ? key.string ?? "" : "\(prefix).\(key.string ?? "")"
            if case .mapping = value, ServerConfiguration.key(name) == nil {
                leaves += flatten(value, prefix: name)
            } else {
                leaves.append((name, key, value))
            }
        }
        return leaves
    }
}
