/// A single JSON value, for types that decode from one scalar.
struct ValueSingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let path: ValuePath

    var codingPath: [any CodingKey] { path.keys }

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try ValueConversion.bool(value, at: path) }
    func decode(_ type: String.Type) throws -> String { try ValueConversion.string(value, at: path) }
    func decode(_ type: Double.Type) throws -> Double { try ValueConversion.floatingPoint(Double.self, value, at: path) }
    func decode(_ type: Float.Type) throws -> Float { try ValueConversion.floatingPoint(Float.self, value, at: path) }
    func decode(_ type: Int.Type) throws -> Int { try ValueConversion.integer(Int.self, value, at: path) }
    func decode(_ type: Int8.Type) throws -> Int8 { try ValueConversion.integer(Int8.self, value, at: path) }
    func decode(_ type: Int16.Type) throws -> Int16 { try ValueConversion.integer(Int16.self, value, at: path) }
    func decode(_ type: Int32.Type) throws -> Int32 { try ValueConversion.integer(Int32.self, value, at: path) }
    func decode(_ type: Int64.Type) throws -> Int64 { try ValueConversion.integer(Int64.self, value, at: path) }
    func decode(_ type: UInt.Type) throws -> UInt { try ValueConversion.integer(UInt.self, value, at: path) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try ValueConversion.integer(UInt8.self, value, at: path) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try ValueConversion.integer(UInt16.self, value, at: path) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try ValueConversion.integer(UInt32.self, value, at: path) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try ValueConversion.integer(UInt64.self, value, at: path) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ValueDecoder.decode(T.self, from: value, at: path)
    }
}
