/// `settings.classification`: how the classify job computes RFM, ABC and quadrants.
public struct ClassificationSettings: Hashable, Sendable {
    public init() {}
}
