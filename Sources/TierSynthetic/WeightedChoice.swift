/// Picks among values by integer weight, with cumulative sums and a binary search.
struct WeightedChoice<Value: Sendable>: Sendable {
    private let values: [Value]
    private let cumulative: [Int]

    /// `pairs` must have a positive total weight; zero weights are never picked.
    init(_ pairs: [(Value, Int)]) {
        var running = 0
        var cumulative: [Int] = []
        for (_, weight) in pairs {
            running += max(0, weight)
            cumulative.append(running)
        }
        precondition(running > 0, "weights must have a positive total")
        self.values = pairs.map(\.0)
        self.cumulative = cumulative
    }

    /// A value, with chance proportional to its weight.
    func pick(_ random: inout SyntheticRandom) -> Value {
        let target = random.below(cumulative[cumulative.count - 1])
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return values[low]
    }
}
