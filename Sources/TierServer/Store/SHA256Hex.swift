import Crypto
import Foundation

/// Lower-case hex, the form the schema's hash columns check for.
enum SHA256Hex {
    /// SHA-256 of the text's UTF-8, as 64 lower-case hex digits.
    static func of(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Bytes as lower-case hex.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(64)
        for byte in bytes {
            digits.append(Self.digits[Int(byte >> 4)])
            digits.append(Self.digits[Int(byte & 0x0F)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
