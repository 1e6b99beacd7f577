import Testing
import TierServer

/// What the log redactor masks and what it leaves alone.
@Suite struct PersonalDataRedactorTests {
    @Test(arguments: [
        ("call 13812345678 now", "call 138****5678 now"),
        ("+8613812345678", "+86138****5678"),
        ("id 110101199003071234.", "id 110***********1234."),
        ("id 11010119900307123X", "id 110***********123X"),
        (#"Failing row contains (7, 王小明, 13812345678, 北京市朝阳区(东) 1号)."#, "Failing row contains (withheld)."),
        ("Key (external_ref)=(PAS-77) already exists.", "Key (external_ref)=(withheld) already exists."),
        ("customer 1042 in branch SH-PD, 2026-11-23, 12800.00", "customer 1042 in branch SH-PD, 2026-11-23, 12800.00"),
        ("order 123456789012", "order 123456789012"),
        ("revision 3d333e85ccebe8a0b2354d299c51cd4cc5a3d5d720403333a67cefb7bdf0de5e", "revision 3d333e85ccebe8a0b2354d299c51cd4cc5a3d5d720403333a67cefb7bdf0de5e"),
    ])
    func masks(_ text: String, _ expected: String) {
        #expect(PersonalDataRedactor.redact(text) == expected)
    }
}
