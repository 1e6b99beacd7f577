import Foundation

/// Masks personal data before it leaves the daemon in lists meant for call
/// centres and dialers, which need to recognise a number, not read it.
public enum PersonalDataMask {
    /// A phone number with all but its first three and last four characters masked
    /// (`13812345678` → `138****5678`). A number too short to keep seven characters
    /// and still hide one shows only its last two; one of two characters or fewer is
    /// masked whole. Surrounding blanks are dropped; nil and blank stay nil.
    public static func phone(_ phone: String?) -> String? {
        guard let phone else { return nil }
        let characters = Array(phone.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !characters.isEmpty else { return nil }
        let count = characters.count
        if count >= 8 {
            return String(characters.prefix(3)) + String(repeating: "*", count: count - 7) + String(characters.suffix(4))
        }
        if count > 2 {
            return String(repeating: "*", count: count - 2) + String(characters.suffix(2))
        }
        return String(repeating: "*", count: count)
    }
}

