/// Gathers row errors: counts every one and every rejected line, and keeps the
/// `limit` errors with the lowest lines (ties in the order they were added).
struct ErrorCollector {
    private let limit: Int
    private var kept: [(error: ImportRowError, order: Int)] = []
    private(set) var count = 0
    private(set) var rejectedLines: Set<Int> = []

    init(limit: Int) { self.limit = max(0, limit) }

    /// True when no error has been added.
    var isEmpty: Bool { count == 0 }

    /// Adds one error.
    mutating func add(_ error: ImportRowError) {
        count += 1
        rejectedLines.insert(error.line)
        guard limit > 0 else { return }
        kept.append((error, count))
        // Errors arrive in line order per phase, not overall: trim now and then.
        if kept.count >= 2 * limit { trim() }
    }

    /// The kept errors in line order.
    var sorted: [ImportRowError] {
        var copy = self
        copy.trim()
        return copy.kept.map(\.error)
    }

    private mutating func trim() {
        kept.sort { ($0.error.line, $0.order) < ($1.error.line, $1.order) }
        if kept.count > limit { kept.removeLast(kept.count - limit) }
    }
}
