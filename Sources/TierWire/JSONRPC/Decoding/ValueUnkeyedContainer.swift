/// The elements of a JSON array, read in order.
struct ValueUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let path: ValuePath
    private(set) var currentIndex = 0

    init(elements: [JSONValue], path: ValuePath) {
        self.elements = elements
        self.path = path
    }

    var codingPath: [any CodingKey] { path.keys }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    /// Converts the next element and moves past it only on success.
    private mutating func next<T>(_ expected: String, _ convert: (JSONValue, ValuePath) throws -> T) throws -> T {
        let at = path.appending(index: currentIndex)
        guard !isAtEnd else {
            throw ValueDecodingFailure(at: at, "expected \(expected), found the end of the array")
        }
        let result = try convert(elements[currentIndex], at)
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next("a boolean", ValueConversion.bool) }
    mutating func decode(_ type: String.Type) throws -> String { try next("a string", ValueConversion.string) }
    mutating func decode(_ type: Double.Type) throws -> Double { try floatingPoint() }
    mutating func decode(_ type: Float.Type) throws -> Float { try floatingPoint() }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next("a value") { value, at in try ValueDecoder.decode(T.self, from: value, at: at) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next("an object") { value, at in try ValueDecoder(value: value, path: at).container(keyedBy: NestedKey.self) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next("an array") { value, at in try ValueDecoder(value: value, path: at).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next("a value") { value, at in ValueDecoder(value: value, path: at) }
    }

    private mutating func integer<I: FixedWidthInteger>() throws -> I {
        try next("an integer") { value, at in try ValueConversion.integer(I.self, value, at: at) }
    }

    private mutating func floatingPoint<F: BinaryFloatingPoint>() throws -> F {
        try next("a number") { value, at in try ValueConversion.floatingPoint(F.self, value, at: at) }
    }
}
