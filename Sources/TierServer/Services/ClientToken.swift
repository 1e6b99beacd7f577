import Crypto
import Foundation

/// API tokens and how they are stored.
///
/// A token is `tdk_`, a 16-hex-digit id and 64 hex digits of secret: 40 bytes from the
/// system's CSPRNG, of which 32 (256 bits) are secret. `api_clients` keeps the id (the
/// lookup key), a random 16-byte salt per client, and SHA-256(salt ‖ SHA-256(token)).
/// The token itself is never stored, and a check compares digests in constant time.
///
/// Tokens issued before salting (`tdk_` and 64 hex digits) still work: migration 0014
/// salted their stored SHA-256 in place, and their id is the first 16 hex digits of
/// that SHA-256.
public struct ClientToken: Sendable, Hashable {
    /// The prefix that makes tierd tokens recognisable in configs and leaks.
    public static let prefix = "tdk_"
    static let idDigits = 16
    static let secretDigits = 64
    static let saltBytes = 16

    /// The whole token, as the client sends it.
    public let text: String
    /// The lookup key stored in `api_clients.token_id`.
    public let id: String

    /// Parses a presented token; nil when it cannot be a tierd token.
    public init?(_ text: String) {
        let utf8 = text.utf8
        guard text.hasPrefix(Self.prefix) else { return nil }
        let body = utf8.dropFirst(Self.prefix.utf8.count)
        guard body.allSatisfy(Self.isLowerHex) else { return nil }
        switch body.count {
        case Self.idDigits + Self.secretDigits:
            id = String(decoding: body.prefix(Self.idDigits), as: UTF8.self)
        case Self.secretDigits:
            id = String(SHA256Hex.of(text).prefix(Self.idDigits))
        default:
            return nil
        }
        self.text = text
    }

    /// A fresh token from the system's CSPRNG.
    public static func generate() -> ClientToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(idDigits + secretDigits) / 2).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return ClientToken(prefix + SHA256Hex.hex(bytes))!
    }

    /// A fresh random salt, as the 32 hex digits `api_clients.token_salt` holds.
    static func newSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return SHA256Hex.hex((0..<saltBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// What `api_clients.token_hash` holds for this token under a hex `salt`:
    /// SHA-256(salt ‖ SHA-256(token)) in hex.
    func saltedHash(salt: String) -> String {
        let inner = SHA256.hash(data: Data(text.utf8))
        var hasher = SHA256()
        hasher.update(data: Self.bytes(hex: salt))
        hasher.update(data: Data(inner))
        return SHA256Hex.hex(hasher.finalize())
    }

    /// Whether this token hashes to `stored` under `salt`, in time that does not depend
    /// on where the hashes differ.
    func matches(salt: String, stored: String) -> Bool {
        Self.constantTimeEqual(Array(saltedHash(salt: salt).utf8), Array(stored.utf8))
    }

    /// The bytes of lower-case hex digits (a stray digit counts as 0: the schema checks the form).
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
    }

    private static func nibble(_ digit: UInt8) -> UInt8 {
        guard isLowerHex(digit) else { return 0 }
        return digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
    }

    /// Equal lengths and equal bytes, looking at every byte whatever the first difference.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
