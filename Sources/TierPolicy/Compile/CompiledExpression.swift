/// A type-checked expression turned into a closure: evaluating it does not walk a
/// tree of nodes or allocate per node, and it cannot meet a type error.
public struct CompiledExpression: Sendable {
    /// Its static type.
    public let type: PolicyType
    /// The expression as written.
    public let source: Expression
    /// Fact paths it reads (for explain traces), in first-read order.
    public let factsRead: [String]
    /// Segment names it reads (for ordering segments and finding cycles).
    public let segmentsRead: [String]
    /// Tier tables it reads.
    public let tiersRead: [String]
    let run: @Sendable (EvaluationFrame) -> PolicyValue

    /// Evaluates against a frame.
    @inline(__always)
    public func evaluate(_ frame: EvaluationFrame) -> PolicyValue { run(frame) }
}

/// What names an expression may refer to besides facts.
public struct ExpressionScope: Sendable {
    /// The facts.
    public var schema: FactSchema
    /// Segment names and their slots.
    public var segments: [String: Int]
    /// Tier tables: slot and result type (string, or list of strings for collect tables).
    public var tiers: [String: (slot: Int, type: PolicyType)]
    /// Known entitlement codes (for `quota_used("code")`).
    public var entitlements: Set<String>
    /// The set's settings (`settings.revisits.lapse_after` reads them as constants).
    public var settings: PolicySettings

    /// Makes a scope.
    public init(schema: FactSchema = .standard, segments: [String: Int] = [:],
                tiers: [String: (slot: Int, type: PolicyType)] = [:], entitlements: Set<String> = [],
                settings: PolicySettings = PolicySettings()) {
        self.schema = schema
        self.segments = segments
        self.tiers = tiers
        self.entitlements = entitlements
        self.settings = settings
    }
}
