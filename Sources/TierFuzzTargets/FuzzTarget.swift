/// The fuzz targets by name, as `tierfuzz` and the corpus replay test use them.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case frames
    case expression
    case policyYAML = "policy-yaml"

    /// Runs one input through the target; a broken promise stops the process.
    public func run(_ data: [UInt8]) {
        switch self {
        case .frames: FrameFuzzTarget.run(data)
        case .expression: ExpressionFuzzTarget.run(data)
        case .policyYAML: PolicyYAMLFuzzTarget.run(data)
        }
    }
}
