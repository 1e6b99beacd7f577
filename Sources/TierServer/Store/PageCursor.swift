import Foundation

/// An opaque keyset-pagination cursor: the sort key of the last row of a page,
/// as `v1|part|part...` in unpadded base64url. Clients hand it back unchanged; it
/// is not a promise about its contents.
enum PageCursor {
    /// The cursor for these key parts (none may contain `|`).
    static func encode(_ parts: [String]) -> String {
        let text = (["v1"] + parts).joined(separator: "|")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The key parts of a cursor made by ``encode(_:)`` with `count` parts, or nil
    /// when it is not one.
    static func decode(_ cursor: String, parts count: Int) -> [String]? {
        guard !cursor.isEmpty, cursor.count <= 512,
              cursor.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count + 1, parts[0] == "v1" else { return nil }
        return Array(parts.dropFirst())
    }
}
