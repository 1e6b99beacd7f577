/// A PostgreSQL type OID, as used for parameter types and result columns.
public struct PGOID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Let the server infer the type from context.
    public static let unspecified = PGOID(rawValue: 0)
    public static let bool = PGOID(rawValue: 16)
    public static let bytea = PGOID(rawValue: 17)
    public static let name = PGOID(rawValue: 19)
    public static let int8 = PGOID(rawValue: 20)
    public static let int2 = PGOID(rawValue: 21)
    public static let int4 = PGOID(rawValue: 23)
    public static let text = PGOID(rawValue: 25)
    public static let oid = PGOID(rawValue: 26)
    public static let json = PGOID(rawValue: 114)
    public static let float4 = PGOID(rawValue: 700)
    public static let float8 = PGOID(rawValue: 701)
    public static let unknown = PGOID(rawValue: 705)
    public static let bpchar = PGOID(rawValue: 1042)
    public static let varchar = PGOID(rawValue: 1043)
    public static let date = PGOID(rawValue: 1082)
    public static let timestamp = PGOID(rawValue: 1114)
    public static let timestamptz = PGOID(rawValue: 1184)
    public static let numeric = PGOID(rawValue: 1700)
    public static let uuid = PGOID(rawValue: 2950)
    public static let jsonb = PGOID(rawValue: 3802)

    public static let boolArray = PGOID(rawValue: 1000)
    public static let int2Array = PGOID(rawValue: 1005)
    public static let int4Array = PGOID(rawValue: 1007)
    public static let textArray = PGOID(rawValue: 1009)
    public static let varcharArray = PGOID(rawValue: 1015)
    public static let int8Array = PGOID(rawValue: 1016)
    public static let float8Array = PGOID(rawValue: 1022)
    public static let dateArray = PGOID(rawValue: 1182)
    public static let timestamptzArray = PGOID(rawValue: 1185)
    public static let numericArray = PGOID(rawValue: 1231)
    public static let uuidArray = PGOID(rawValue: 2951)
    public static let jsonbArray = PGOID(rawValue: 3807)

    /// The array type whose elements are of this type, where the wrapper knows it.
    public var arrayType: PGOID {
        switch self {
        case .bool: return .boolArray
        case .int2: return .int2Array
        case .int4: return .int4Array
        case .int8: return .int8Array
        case .text, .unspecified: return .textArray
        case .varchar: return .varcharArray
        case .float8: return .float8Array
        case .date: return .dateArray
        case .timestamptz: return .timestamptzArray
        case .numeric: return .numericArray
        case .uuid: return .uuidArray
        case .jsonb: return .jsonbArray
        default: return .unspecified
        }
    }

    /// The element type of this array type, or nil when this is not a known array type.
    public var elementType: PGOID? {
        switch self {
        case .boolArray: return .bool
        case .int2Array: return .int2
        case .int4Array: return .int4
        case .int8Array: return .int8
        case .textArray: return .text
        case .varcharArray: return .varchar
        case .float8Array: return .float8
        case .dateArray: return .date
        case .timestamptzArray: return .timestamptz
        case .numericArray: return .numeric
        case .uuidArray: return .uuid
        case .jsonbArray: return .jsonb
        default: return nil
        }
    }

    public var description: String { "oid \(rawValue)" }
}
