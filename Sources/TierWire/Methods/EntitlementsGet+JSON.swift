extension EntitlementsGet.Result {
    /// The result as compact JSON, written directly: the same members as its
    /// `Encodable` conformance (`quota` left out when absent), in declaration order,
    /// with map members (`tiers`, `params`) in sorted key order. `entitlements.get`
    /// answers with it on every request, where Foundation's encoder was a quarter of
    /// the daemon's CPU.
    public var json: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + entitlements.count * 320)
        out.append(contentsOf: #"{"decision_id":"#.utf8)
        JSONByteWriter.write(decisionId, into: &out)
        out.append(contentsOf: #","revision":"#.utf8)
        JSONByteWriter.write(revision, into: &out)
        out.append(contentsOf: #","customer_id":"#.utf8)
        out.append(contentsOf: String(customerId).utf8)
        out.append(contentsOf: #","as_of":"#.utf8)
        JSONByteWriter.write(asOf, into: &out)
        out.append(contentsOf: #","channel":"#.utf8)
        JSONByteWriter.write(channel, into: &out)
        out.append(contentsOf: #","new_or_returning":"#.utf8)
        JSONByteWriter.write(newOrReturning, into: &out)
        out.append(contentsOf: #","segments":["#.utf8)
        for (index, segment) in segments.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONByteWriter.write(segment, into: &out)
        }
        out.append(contentsOf: #"],"tiers":"#.utf8)
        JSONByteWriter.write(.object(tiers), into: &out)
        out.append(contentsOf: #","entitlements":["#.utf8)
        for (index, item) in entitlements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            item.write(into: &out)
        }
        out.append(contentsOf: #"],"total_cost":"#.utf8)
        JSONByteWriter.write(totalCost, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension EntitlementItem {
    func write(into out: inout [UInt8]) {
        out.append(contentsOf: #"{"code":"#.utf8)
        JSONByteWriter.write(code, into: &out)
        out.append(contentsOf: #","name":{"zh":"#.utf8)
        JSONByteWriter.write(name.zh, into: &out)
        out.append(contentsOf: #","en":"#.utf8)
        JSONByteWriter.write(name.en, into: &out)
        out.append(contentsOf: #"},"category":"#.utf8)
        JSONByteWriter.write(category, into: &out)
        out.append(contentsOf: #","params":"#.utf8)
        JSONByteWriter.write(.object(params), into: &out)
        if let quota {
            out.append(contentsOf: #","quota":{"count":"#.utf8)
            out.append(contentsOf: String(quota.count).utf8)
            out.append(contentsOf: #","per":"#.utf8)
            JSONByteWriter.write(quota.per, into: &out)
            out.append(contentsOf: #","remaining":"#.utf8)
            out.append(contentsOf: String(quota.remaining).utf8)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #","valid_until":"#.utf8)
        JSONByteWriter.write(validUntil, into: &out)
        out.append(contentsOf: #","reason":"#.utf8)
        JSONByteWriter.write(reason, into: &out)
        out.append(UInt8(ascii: "}"))
    }
}
