/// The members of a JSON object. Members the type does not ask for are ignored.
struct ValueKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let path: ValuePath

    var codingPath: [any CodingKey] { path.keys }
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    /// True for an explicit `null` and for an absent member.
    func decodeNil(forKey key: Key) throws -> Bool {
        (members[key.stringValue] ?? .null) == .null
    }

    /// The member's value, or a "missing" error naming what was expected.
    private func member(_ key: Key, _ expected: String) throws -> (JSONValue, ValuePath) {
        let memberPath = path.appending(key)
        guard let value = members[key.stringValue] else {
            throw ValueDecodingFailure.missing(expected: expected, at: memberPath)
        }
        return (value, memberPath)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let (value, at) = try member(key, "a boolean")
        return try ValueConversion.bool(value, at: at)
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let (value, at) = try member(key, "a string")
        return try ValueConversion.string(value, at: at)
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try floatingPoint(key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try floatingPoint(key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, at) = try member(key, "a value")
        return try ValueDecoder.decode(T.self, from: value, at: at)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, at) = try member(key, "an object")
        return try ValueDecoder(value: value, path: at).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let (value, at) = try member(key, "an array")
        return try ValueDecoder(value: value, path: at).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        try superDecoder(forKey: Key(stringValue: "super")!)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: members[key.stringValue] ?? .null, path: path.appending(key))
    }

    private func integer<I: FixedWidthInteger>(_ key: Key) throws -> I {
        let (value, at) = try member(key, "an integer")
        return try ValueConversion.integer(I.self, value, at: at)
    }

    private func floatingPoint<F: BinaryFloatingPoint>(_ key: Key) throws -> F {
        let (value, at) = try member(key, "a number")
        return try ValueConversion.floatingPoint(F.self, value, at: at)
    }
}
