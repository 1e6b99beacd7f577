import Testing
import TierStore
import TierSynthetic
import TierTestSupport

/// Same seed and as-of date, same bytes; anything else, other data.
@Suite struct SyntheticDeterminismTests {
    @Test func sameSeedAndDateGiveIdenticalTables() async throws {
        async let first = SyntheticFixture.load(customers: 2_000, seed: 2025)
        async let second = SyntheticFixture.load(customers: 2_000, seed: 2025)
        let (a, summaryA) = try await first
        let (b, summaryB) = try await second
        #expect(summaryA.tables == summaryB.tables)
        let digestsA = try SyntheticFixture.digests(try a.connect())
        let digestsB = try SyntheticFixture.digests(try b.connect())
        #expect(digestsA == digestsB)
    }

    @Test func anotherSeedGivesOtherData() async throws {
        async let first = SyntheticFixture.load(customers: 1_000, seed: 1)
        async let second = SyntheticFixture.load(customers: 1_000, seed: 2)
        let (a, b) = try await (first.0, second.0)
        let digestsA = try SyntheticFixture.digests(try a.connect())
        let digestsB = try SyntheticFixture.digests(try b.connect())
        // Branch offices come from the profile alone; every generated table differs.
        for (a, b) in zip(digestsA, digestsB) where !a.hasPrefix("branches ") {
            #expect(a != b)
        }
    }

    @Test func anotherAsOfDateGivesOtherData() async throws {
        async let first = SyntheticFixture.load(customers: 500, seed: 9)
        async let second = SyntheticFixture.load(customers: 500, seed: 9, asOf: PGDate(year: 2025, month: 7, day: 1)!)
        let (a, b) = try await (first.0, second.0)
        let digestsA = try SyntheticFixture.digests(try a.connect())
        let digestsB = try SyntheticFixture.digests(try b.connect())
        #expect(digestsA[2] != digestsB[2])  // customers: birth dates move with the as-of date
    }
}
