import Crypto
import Foundation

/// One file of a policy set, as text. The caller reads the files (the policy engine
/// does no I/O).
public struct PolicySourceFile: Hashable, Sendable {
    /// The file's path relative to the set's directory, used in diagnostics.
    public var name: String
    /// Its contents.
    public var text: String

    /// Makes a source file.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// SHA-256 (hex) of a set's normalised sources: files sorted by name, line endings
    /// made `\n`, each contributing its name and text.
    public static func revision(of files: [PolicySourceFile]) -> String {
        var hasher = SHA256()
        for file in files.sorted(by: { $0.name < $1.name }) {
            let text = file.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            hasher.update(data: Data(file.name.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(text.utf8))
            hasher.update(data: Data([0]))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
