/// The outcome of a set's policy tests.
public struct PolicyTestReport: Sendable {
    /// One case or broken file.
    public struct Result: Sendable {
        /// The case name, or the broken file's name.
        public var name: String
        public var location: PolicyLocation
        /// Empty when it passed; otherwise one line per difference.
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    /// Every case and broken file, in file order.
    public var results: [Result] = []
    /// Problems with the test files themselves (bad YAML, unknown fact paths, ...).
    public var problems: [PolicyDiagnostic] = []

    public var passed: Int { results.filter(\.passed).count }
    public var failed: Int { results.count - passed + problems.count }
}
