import Testing
import TierServer

/// Phone masking for lists that leave the daemon.
@Suite struct StoreMaskTests {
    @Test(arguments: [
        ("13812345678", "138****5678"),
        ("+8613812345678", "+86*******5678"),
        ("021-6543-2100", "021******2100"),
        ("12345678", "123*5678"),
        ("1234567", "*****67"),
        ("123", "*23"),
        ("12", "**"),
        ("  13812345678 ", "138****5678"),
    ])
    func masks(_ phone: String, _ masked: String) {
        #expect(PersonalDataMask.phone(phone) == masked)
    }

    @Test func nilAndBlankStayNil() {
        #expect(PersonalDataMask.phone(nil) == nil)
        #expect(PersonalDataMask.phone("") == nil)
        #expect(PersonalDataMask.phone("   ") == nil)
    }

    @Test func neverShowsMoreThanSevenCharacters() {
        for length in 1...20 {
            let phone = String(repeating: "9", count: length)
            let masked = PersonalDataMask.phone(phone)!
            #expect(masked.count == length)
            #expect(masked.filter { $0 != "*" }.count <= min(7, max(0, length - 1)))
        }
    }
}
