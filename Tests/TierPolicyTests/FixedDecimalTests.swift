import Testing
import TierPolicy

@Suite struct FixedDecimalTests {
    @Test func parsesAndPrintsExactly() {
        #expect(FixedDecimal("1200.50")?.description == "1200.5")
        #expect(FixedDecimal("0.05")?.description == "0.05")
        #expect(FixedDecimal("-7")?.description == "-7")
        #expect(FixedDecimal("0.0001")?.scaled == 1)
        #expect(FixedDecimal("1.23450")?.scaled == 12_345)
        #expect(FixedDecimal("1.23456") == nil)  // a fifth significant decimal would be lost
        #expect(FixedDecimal("1e5") == nil)
        #expect(FixedDecimal("") == nil)
        #expect(FixedDecimal("99999999999999999999") == nil)
    }

    @Test func arithmeticRoundsHalfAwayFromZeroAndReportsOverflow() {
        let third = FixedDecimal("1")!.divided(by: FixedDecimal("3")!)
        #expect(third?.description == "0.3333")
        #expect(FixedDecimal("2")!.divided(by: FixedDecimal("3")!)?.description == "0.6667")
        #expect(FixedDecimal("-2")!.divided(by: FixedDecimal("3")!)?.description == "-0.6667")
        #expect(FixedDecimal("1")!.divided(by: FixedDecimal("0")!) == nil)
        #expect(FixedDecimal("0.0005")!.multiplied(by: FixedDecimal("0.5")!)?.description == "0.0003")
        #expect(FixedDecimal("-0.0005")!.multiplied(by: FixedDecimal("0.5")!)?.description == "-0.0003")
        #expect(FixedDecimal("200000")!.multiplied(by: FixedDecimal("0.15")!)?.description == "30000")
        let huge = FixedDecimal(scaled: .max)
        #expect(huge.adding(FixedDecimal(scaled: 1)) == nil)
        #expect(huge.multiplied(by: FixedDecimal("2")!) == nil)
        #expect(FixedDecimal(scaled: .min).multiplied(by: FixedDecimal("-1")!) == nil)
    }
}

@Suite struct FixedDecimalOverflowTests {
    /// Products and quotients whose rounding step would overflow report nil instead of trapping.
    @Test func roundingAtTheEdgeDoesNotTrap() {
        #expect(FixedDecimal(scaled: 31_000).multiplied(by: FixedDecimal(scaled: 5_950_562_604_422_436_005)) == nil)
        #expect(FixedDecimal(scaled: 422_430_439_287_948_732).divided(by: FixedDecimal(scaled: 229)) == nil)
    }
}
