/// The size limits protocol v1 enforces on every connection.
public struct WireLimits: Sendable, Hashable {
    /// The longest line accepted, in bytes, not counting the `\r\n` or `\n` terminator.
    public var maxFrameBytes: Int
    /// The most requests one batch array may hold.
    public var maxBatchSize: Int
    /// The deepest nesting of arrays and objects a frame may have; the top-level
    /// object or array counts as depth 1.
    public var maxNestingDepth: Int

    /// Limits with the protocol defaults: 1 MiB frames, batches of 100, depth 64.
    public init(maxFrameBytes: Int = 1_048_576, maxBatchSize: Int = 100, maxNestingDepth: Int = 64) {
        self.maxFrameBytes = maxFrameBytes
        self.maxBatchSize = maxBatchSize
        self.maxNestingDepth = maxNestingDepth
    }
}
