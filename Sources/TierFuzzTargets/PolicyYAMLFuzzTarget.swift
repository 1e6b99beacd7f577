import TierPolicy

/// Fuzzes the policy loader: YAML parsing, the policy file structure and the
/// compilation of every expression in it, from one arbitrary file. Checked beyond not
/// crashing: a refused file carries at least one diagnostic, each naming that file.
public enum PolicyYAMLFuzzTarget {
    public static func run(_ data: [UInt8]) {
        let file = PolicySourceFile(name: "fuzz.yaml", text: String(decoding: data, as: UTF8.self))
        switch PolicyLoader.load([file]) {
        case .success:
            break
        case .failure(let list):
            precondition(!list.diagnostics.isEmpty, "a refusal without a diagnostic")
            for diagnostic in list.diagnostics {
                precondition(diagnostic.location.file == "fuzz.yaml", "a diagnostic naming \(diagnostic.location.file)")
            }
        }
    }
}
