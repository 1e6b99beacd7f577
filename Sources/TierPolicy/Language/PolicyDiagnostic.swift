/// A problem found while loading a policy set, printed as `file:line:col: code: message`.
public struct PolicyDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable machine-readable codes; policy tests expect them by name.
    public enum Code: String, Sendable, CaseIterable {
        // Files and YAML.
        case yamlSyntax = "yaml_syntax"
        case unexpectedKey = "unexpected_key"
        case missingKey = "missing_key"
        case wrongNodeKind = "wrong_node_kind"
        // Expressions.
        case syntax
        case unknownFact = "unknown_fact"
        case unknownFunction = "unknown_function"
        case unknownSegment = "unknown_segment"
        case unknownTier = "unknown_tier"
        case unknownEntitlement = "unknown_entitlement"
        case unknownSetting = "unknown_setting"
        case typeMismatch = "type_mismatch"
        case wrongArgumentCount = "wrong_argument_count"
        case invalidLiteral = "invalid_literal"
        // The model.
        case duplicateCode = "duplicate_code"
        case duplicateName = "duplicate_name"
        case segmentCycle = "segment_cycle"
        case unreachableRow = "unreachable_row"
        case invalidValue = "invalid_value"
        case invalidTemplate = "invalid_template"
    }

    /// What kind of problem.
    public var code: Code
    /// A sentence for the policy author.
    public var message: String
    /// Where it is.
    public var location: PolicyLocation

    /// Makes a diagnostic.
    public init(_ code: Code, _ message: String, at location: PolicyLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:col: code: message`.
    public var description: String { "\(location): \(code.rawValue): \(message)" }
}
