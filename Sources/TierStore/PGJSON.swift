import Foundation

/// A `json` or `jsonb` value, kept as its JSON text.
public struct PGJSON: Hashable, Sendable, CustomStringConvertible, PGEncodable, PGDecodable {
    /// The JSON document's text.
    public var text: String

    /// Wraps JSON text as it is (the server validates it).
    public init(text: String) { self.text = text }

    /// Encodes a value with `JSONEncoder` (keys sorted, so equal values give equal text).
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the document into a value with `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw PGError(.decode, "JSON does not decode as \(T.self): \(error)")
        }
    }

    public static var pgType: PGOID { .jsonb }
    public var pgText: String? { text }
    public var description: String { text }

    public static func pgDecode(_ text: String, type: PGOID) throws -> PGJSON {
        try require(type, in: [.json, .jsonb])
        return PGJSON(text: text)
    }
}
