/// A named condition, such as `internal` or `vip`.
public struct Segment: Sendable {
    /// Its name (`segment.NAME` in expressions).
    public var name: String
    /// The condition.
    public var condition: CompiledExpression
    /// Where it is defined.
    public var location: PolicyLocation
}
