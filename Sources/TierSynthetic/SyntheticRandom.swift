/// The generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// Swift's `SystemRandomNumberGenerator` and `Hasher` are seeded per process, and the
/// standard library's `random(in:using:)` algorithms may change between releases, so
/// every draw the generator makes goes through this type and its own bounded-integer
/// and floating-point conversions. Same seed, same numbers, on every platform.
struct SyntheticRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Independent streams, so one part of a household (say its service history) can
    /// be generated without replaying the draws of another (its policies).
    enum Stream: UInt64 {
        case layout = 1, members, policies, complaints, interactions, surveys, agents
    }

    /// Seeds the state from one 64-bit value through SplitMix64, as xoshiro's authors advise.
    init(seed: UInt64) {
        var state = seed
        s0 = SyntheticRandom.splitMix(&state)
        s1 = SyntheticRandom.splitMix(&state)
        s2 = SyntheticRandom.splitMix(&state)
        s3 = SyntheticRandom.splitMix(&state)
    }

    /// The stream `stream` of item `index` (a household, an agent) under `seed`.
    init(seed: UInt64, stream: Stream, index: Int) {
        var state = seed ^ (stream.rawValue &* 0x9E37_79B9_7F4A_7C15)
        let mixed = SyntheticRandom.splitMix(&state) ^ UInt64(truncatingIfNeeded: index)
        state = mixed
        self.init(seed: SyntheticRandom.splitMix(&state))
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = SyntheticRandom.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = SyntheticRandom.rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire's method, unbiased).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in [0, 1), from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// An element of a non-empty array, uniformly.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Failures before the first success when each try succeeds with 1/(1+mean):
    /// a count with the given mean, mostly small, with a tail.
    mutating func geometric(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let stop = 1 / (1 + mean)
        var count = 0
        while !chance(stop), count < 1_000 { count += 1 }
        return count
    }

    /// A standard normal deviate (Irwin–Hall: twelve uniforms less six). Only basic
    /// arithmetic, so identical everywhere; the tails stop at ±6, which money wants.
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }
}
