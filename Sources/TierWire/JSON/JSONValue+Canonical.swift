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

    /// The canonical JSON of an object given as members already in sorted key order,
    /// keys unique: the bytes `.object(...).canonicalJSON` gives, without building
    /// and sorting a dictionary first.
    public static func canonicalObject(sortedMembers: some Sequence<(key: String, value: JSONValue)>) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(1024)
        var first = true
        for (key, value) in sortedMembers {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONByteWriter.write(key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONByteWriter.write(value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
