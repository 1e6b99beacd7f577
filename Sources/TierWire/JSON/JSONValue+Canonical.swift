extension JSONValue {
    /// Compact JSON with object members in sorted key order and `/` unescaped: the
    /// same bytes for the same value, written directly (the decision log hashes and
    /// stores it on every `entitlements.get`, where Foundation's encoder was a
    /// quarter of the daemon's CPU).
    public var canonicalJSON: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        JSONByteWriter.write(self, into: &out)
        return out
    }
}
