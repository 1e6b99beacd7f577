import Foundation

/// The one `JSONEncoder` used for results and params: compact, `/` unescaped.
/// `JSONEncoder` is `Sendable` and `encode` is safe to call concurrently, so it is
/// configured once and shared.
enum SharedJSONEncoder {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Appends the JSON encoding of `value` to `out`.
    static func append<T: Encodable>(_ value: T, to out: inout [UInt8]) throws {
        let data = try encoder.encode(value)
        out.append(contentsOf: data)
    }
}
