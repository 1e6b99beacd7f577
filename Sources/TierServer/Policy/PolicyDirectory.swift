import Foundation
import TierPolicy

/// A policy set on disk: its YAML sources, its test cases and its broken-file corpus.
public struct PolicyDirectory: Sendable {
    /// The directory.
    public let path: String

    public init(path: String) { self.path = path }

    /// Every `.yaml`/`.yml` file below the directory except under `tests/`, named
    /// relative to it.
    public func sources() throws -> [PolicySourceFile] {
        try files(under: path) { !$0.hasPrefix("tests/") }
    }

    /// The case files: `tests/*.yaml` (not `tests/broken/`).
    public func testFiles() throws -> [PolicySourceFile] {
        try files(under: path) { $0.hasPrefix("tests/") && !$0.hasPrefix("tests/broken/") }
    }

    /// The broken-file corpus: `tests/broken/*.yaml`.
    public func brokenFiles() throws -> [PolicySourceFile] {
        try files(under: path) { $0.hasPrefix("tests/broken/") }
    }

    private func files(under root: String, where keep: (String) -> Bool) throws -> [PolicySourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PolicyDirectoryError(message: "\(root) is not a directory")
        }
        let names = FileManager.default.subpaths(atPath: root) ?? []
        return try names.sorted()
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && keep($0) }
            .map { name in
                let full = (root as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
                    throw PolicyDirectoryError(message: "cannot read \(full) as UTF-8")
                }
                return PolicySourceFile(name: name, text: text)
            }
    }
}

/// A policy directory that cannot be read.
public struct PolicyDirectoryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
