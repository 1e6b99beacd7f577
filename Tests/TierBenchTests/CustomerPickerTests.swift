import Testing
@testable import TierBenchKit

@Suite struct CustomerPickerTests {
    @Test(arguments: [1, 2, 7, 1000, 99_991])
    func scatteringIsABijectionOnTheIds(count: Int64) {
        let picker = CustomerPicker(count: count, exponent: 0.99)
        var seen = Set<Int64>()
        for rank in 1...count {
            let id = picker.scatter(rank)
            #expect((1...count).contains(id))
            seen.insert(id)
        }
        #expect(seen.count == Int(count))
    }

    @Test func ranksFollowZipf() {
        let picker = CustomerPicker(count: 1000, exponent: 1.0)
        var random = SplitMix64(seed: 42)
        var counts = [Int](repeating: 0, count: 1001)
        let draws = 200_000
        for _ in 0..<draws { counts[Int(picker.rank(using: &random))] += 1 }
        // Zipf(1) over 1000 ranks: P(1) = 1 / H(1000) ≈ 0.1336, P(2) = P(1) / 2, P(10) = P(1) / 10.
        let harmonic = (1...1000).reduce(0.0) { $0 + 1 / Double($1) }
        for rank in [1, 2, 10] {
            let expected = Double(draws) / harmonic / Double(rank)
            #expect(abs(Double(counts[rank]) - expected) < expected * 0.05, "rank \(rank): \(counts[rank]) vs \(expected)")
        }
        #expect(counts[0] == 0)
        #expect(counts[1] > counts[2] && counts[2] > counts[10] && counts[10] > counts[500])
    }

    @Test func exponentZeroIsUniform() {
        let picker = CustomerPicker(count: 10, exponent: 0)
        var random = SplitMix64(seed: 7)
        var counts = [Int](repeating: 0, count: 11)
        for _ in 0..<100_000 { counts[Int(picker.next(using: &random))] += 1 }
        #expect(counts[0] == 0)
        for id in 1...10 { #expect(abs(counts[id] - 10_000) < 600, "id \(id): \(counts[id])") }
    }

    @Test func theSameSeedDrawsTheSameCustomers() {
        let picker = CustomerPicker(count: 1_000_000, exponent: 0.99)
        var a = SplitMix64(seed: 3)
        var b = SplitMix64(seed: 3)
        let first = (0..<100).map { _ in picker.next(using: &a) }
        let second = (0..<100).map { _ in picker.next(using: &b) }
        #expect(first == second)
        #expect(Set(first).count > 20)
    }
}
