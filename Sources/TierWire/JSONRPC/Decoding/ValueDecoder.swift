/// The `Decoder` behind `JSONValueDecoder`: one value and where it sits.
struct ValueDecoder: Decoder {
    let value: JSONValue
    let path: ValuePath

    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes any `Decodable`; `JSONValue` is returned as is.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, at path: ValuePath) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        return try T(from: ValueDecoder(value: value, path: path))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw ValueDecodingFailure.mismatch(expected: "an object", found: value, at: path)
        }
        return KeyedDecodingContainer(ValueKeyedContainer<Key>(members: members, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw ValueDecodingFailure.mismatch(expected: "an array", found: value, at: path)
        }
        return ValueUnkeyedContainer(elements: elements, path: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ValueSingleContainer(value: value, path: path)
    }
}
