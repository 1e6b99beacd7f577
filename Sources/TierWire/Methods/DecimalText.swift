/// A decimal amount as written by the client: a JSON string (`"1234.50"`, exact) or
/// a JSON number. The daemon checks it; on the wire tierd always writes strings.
public struct DecimalText: Codable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { self.text = value }
    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let int = try? container.decode(Int64.self) {
            text = String(int)
        } else {
            let double = try container.decode(Double.self)
            text = "\(double)"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
