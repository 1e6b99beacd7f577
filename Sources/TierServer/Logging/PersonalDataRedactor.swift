/// Masks personal data in text bound for the logs.
///
/// Logs go to files, terminals and log shippers that are not meant to hold customers'
/// data. What the daemon logs is mostly ids and codes, but error texts can carry
/// values: PostgreSQL's `Failing row contains (...)` and `Key (...)=(...)` details
/// quote whole rows and keys (names, phones, addresses). So every log line passes
/// through here:
/// - row and key values in PostgreSQL details are withheld whole;
/// - 18-character resident identity numbers keep their first 3 and last 4 characters;
/// - mobile numbers (11 digits from 1, with or without 86 before) keep their first 3
///   and last 4 digits.
public enum PersonalDataRedactor {
    /// The text with personal data masked; text without any is returned unchanged.
    public static func redact(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") || $0 == UInt8(ascii: "(") }) else {
            return text
        }
        var result = text
        result.replace(failingRow) { _ in "Failing row contains (withheld)" }
        result.replace(keyValues) { match in "Key (\(match.output.1))=(withheld)" }
        return maskNumbers(result)
    }

    /// Masks each maximal run of digits (an 18-character id may end in X) that is a
    /// resident identity number or a mobile number.
    private static func maskNumbers(_ text: String) -> String {
        var output = ""
        var run = ""
        func flush() {
            // PersonalDataMask.phone keeps the first 3 and last 4 characters of these lengths.
            if (run.count == 18 && run.dropLast().allSatisfy(\.isASCIIDigit)) || isMobile(run) {
                output += PersonalDataMask.phone(run) ?? ""
            } else if run.count == 13, run.hasPrefix("86"), isMobile(String(run.dropFirst(2))) {
                output += "86" + (PersonalDataMask.phone(String(run.dropFirst(2))) ?? "")
            } else {
                output += run
            }
            run = ""
        }
        for character in text {
            if character.isASCIIDigit || (run.count == 17 && (character == "X" || character == "x")) {
                run.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    private static func isMobile(_ digits: String) -> Bool {
        digits.count == 11 && digits.allSatisfy(\.isASCIIDigit) && digits.hasPrefix("1")
            && ("3"..."9").contains(digits[digits.index(after: digits.startIndex)])
    }

    // PostgreSQL quotes a row as "(v1, v2, ...)"; values may hold parentheses, so the
    // match runs to the last ")" of the line.
    nonisolated(unsafe) private static let failingRow = /Failing row contains \(.*\)/
    nonisolated(unsafe) private static let keyValues = /Key \(([^)]*)\)=\(.*?\)(?= already exists| is not present| conflicts|\.|$)/
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
