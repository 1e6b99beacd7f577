import Testing
@testable import TierServer

/// Token shapes, salted hashes and the constant-time comparison, without a database.
@Suite struct ClientTokenTests {
    @Test func aFreshTokenCarriesItsIdAndParsesBack() throws {
        let token = ClientToken.generate()
        #expect(token.text.count == 4 + 16 + 64)
        #expect(token.id == String(token.text.dropFirst(4).prefix(16)))
        #expect(ClientToken(token.text) == token)
        #expect(ClientToken.generate() != token)
    }

    @Test func aTokenIssuedBeforeSaltingTakesItsIdFromItsHash() throws {
        let legacy = "tdk_" + String(repeating: "ab", count: 32)
        let token = try #require(ClientToken(legacy))
        #expect(token.id == String(SHA256Hex.of(legacy).prefix(16)))
    }

    @Test func whatCannotBeATokenIsNotParsed() {
        for text in ["", "tdk_", "tdk_xyz", "TDK_" + String(repeating: "a", count: 80), "tdk_" + String(repeating: "A", count: 80),
                     "tdk_" + String(repeating: "a", count: 79), "tdk_" + String(repeating: "a", count: 81),
                     "tdk_" + String(repeating: "a", count: 63) + "é", String(repeating: "a", count: 84)] {
            #expect(ClientToken(text) == nil, "\(text)")
        }
    }

    @Test func theSaltChangesTheHashAndOnlyTheRightTokenMatches() throws {
        let token = ClientToken.generate()
        let (salt, otherSalt) = (ClientToken.newSalt(), ClientToken.newSalt())
        #expect(salt.count == 32 && salt != otherSalt)
        let stored = token.saltedHash(salt: salt)
        #expect(stored.count == 64)
        #expect(stored != token.saltedHash(salt: otherSalt))
        #expect(stored != SHA256Hex.of(token.text))
        #expect(token.matches(salt: salt, stored: stored))
        #expect(!token.matches(salt: otherSalt, stored: stored))
        #expect(!ClientToken.generate().matches(salt: salt, stored: stored))
    }

    @Test func constantTimeEqualityComparesWholeValues() {
        #expect(ClientToken.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!ClientToken.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!ClientToken.constantTimeEqual([0, 2, 3], [1, 2, 3]))
        #expect(!ClientToken.constantTimeEqual([1, 2], [1, 2, 3]))
        #expect(ClientToken.constantTimeEqual([], []))
        #expect(ClientToken.bytes(hex: "00ff10a5") == [0x00, 0xFF, 0x10, 0xA5])
    }
}
