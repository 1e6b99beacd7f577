import Foundation

/// Which methods a load run calls and how often: `entitlements.get=8,bundles.recommend=2`.
public struct RequestMix: Sendable, Equatable {
    /// The methods the load generator knows how to call with a customer id.
    public static let supported = ["entitlements.get", "entitlements.explain", "bundles.recommend", "health.check"]

    public struct Entry: Sendable, Equatable {
        public var method: String
        public var weight: Int
    }

    public let entries: [Entry]
    private let total: Int

    /// Parses `method[=weight],...`; a weight defaults to 1.
    public init(parsing text: String) throws(BenchError) {
        var entries: [Entry] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let method = pieces[0]
            guard Self.supported.contains(method) else {
                throw BenchError("unknown method '\(method)' in the mix; known: \(Self.supported.joined(separator: ", "))")
            }
            var weight = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else {
                    throw BenchError("the weight of \(method) must be a positive integer, not '\(pieces[1])'")
                }
                weight = value
            }
            entries.append(Entry(method: method, weight: weight))
        }
        guard !entries.isEmpty else { throw BenchError("the mix names no method") }
        self.entries = entries
        total = entries.reduce(0) { $0 + $1.weight }
    }

    /// The index of the entry a uniform draw selects.
    public func pick(using random: inout SplitMix64) -> Int {
        var ticket = Int(random.next() % UInt64(total))
        for (index, entry) in entries.enumerated() {
            if ticket < entry.weight { return index }
            ticket -= entry.weight
        }
        return entries.count - 1
    }

    /// One request line (with its `\n`) for the method at `index`.
    public func requestLine(_ index: Int, id: Int64, customerId: Int64, channel: String) -> [UInt8] {
        let method = entries[index].method
        let params = method == "health.check" ? "{}" : "{\"customer_id\":\(customerId),\"channel\":\"\(channel)\"}"
        return Array("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"\(method)\",\"params\":\(params)}\n".utf8)
    }

    public static func == (lhs: RequestMix, rhs: RequestMix) -> Bool { lhs.entries == rhs.entries }
}
