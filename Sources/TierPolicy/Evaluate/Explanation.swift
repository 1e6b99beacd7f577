/// A decision with its reasons: every rule's outcome and the facts it read, and for
/// entitlements not granted, the nearest condition that failed, in plain words.
public struct Explanation: Sendable {
    /// One rule's outcome.
    public struct Step: Sendable {
        /// What kind of rule.
        public enum Kind: String, Sendable { case segment, tier, grant, budget, task }
        /// How it came out.
        public enum Outcome: String, Sendable {
            case held
            case notHeld = "not_held"
            /// The condition read a missing fact, so it did not hold.
            case missingFacts = "missing_facts"
            /// A first-hit table row after the row that was chosen: not considered.
            case skipped
        }

        public var kind: Kind
        /// The segment, `table → tier`, entitlement code or task kind.
        public var name: String
        public var outcome: Outcome
        /// The facts the condition read, with their values.
        public var facts: [(path: String, value: PolicyValue)]
        public var location: PolicyLocation
    }

    /// Why an entitlement was not granted.
    public struct Hint: Sendable {
        public var code: String
        public var name: String
        /// Sentences such as "Active long-term policies held by the whole household: 5; 6 or more needed".
        public var reasons: [String]
    }

    /// The decision explained.
    public var decision: Decision
    /// Every segment, tier row, grant rule, budgeted service and task rule, in evaluation order.
    public var steps: [Step]
    /// Entitlements not granted, each with its nearest failing condition.
    public var hints: [Hint]
}
