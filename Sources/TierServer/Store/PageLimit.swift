import TierWire

/// The `limit` param of list methods: 1 to 1000 rows a page, 100 when absent.
enum PageLimit {
    static let standard = 100
    static let maximum = 1000

    /// The page size, or `invalid_params` at `params.limit`.
    static func resolve(_ limit: Int?) throws(RPCError) -> Int {
        guard let limit else { return standard }
        guard (1...maximum).contains(limit) else {
            throw RPCError.invalidParams(path: "params.limit", "limit is 1 to \(maximum), not \(limit)")
        }
        return limit
    }
}
