import Foundation
import Testing
import TierStore
import TierTestSupport

/// Every supported type goes to the server as a parameter and comes back equal.
@Suite struct ValueRoundTripTests {
    private func roundTrip<T: PGEncodable & PGDecodable>(_ value: T, as sqlType: String) async throws -> T {
        let db = try await TestDatabase.create(migrated: false)
        let connection = try db.connect()
        return try connection.execute("SELECT $1::\(sqlType)", [value]).scalar(T.self)
    }

    @Test func scalarsRoundTrip() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        #expect(try c.execute("SELECT $1::text", ["héllo, 世界 \"'\\"]).scalar(String.self) == "héllo, 世界 \"'\\")
        #expect(try c.execute("SELECT $1::bool", [true]).scalar(Bool.self) == true)
        #expect(try c.execute("SELECT $1::bool", [false]).scalar(Bool.self) == false)
        #expect(try c.execute("SELECT $1::int2", [Int16.min]).scalar(Int16.self) == Int16.min)
        #expect(try c.execute("SELECT $1::int4", [Int32.max]).scalar(Int32.self) == Int32.max)
        #expect(try c.execute("SELECT $1::int8", [Int64.min]).scalar(Int64.self) == Int64.min)
        #expect(try c.execute("SELECT $1::int8", [Int.max]).scalar(Int.self) == Int.max)
        #expect(try c.execute("SELECT $1::int4", [42]).scalar(Int.self) == 42)
        #expect(try c.execute("SELECT $1::float8", [0.1]).scalar(Double.self) == 0.1)
        let id = UUID()
        #expect(try c.execute("SELECT $1::uuid", [id]).scalar(UUID.self) == id)
    }

    @Test func numericIsExactAsDecimal() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        for text in ["0", "-0.01", "12345678.90", "99999999999999999999999999999999999999",
                     "0.00000000000000000000000000000000000001", "1234567890123456789012345678.9012345678"] {
            let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            #expect(try c.execute("SELECT $1::numeric", [value]).scalar(Decimal.self) == value, "\(text)")
            // The server keeps every digit we sent.
            #expect(try c.execute("SELECT $1::numeric = $2::numeric", [value, text]).scalar(Bool.self), "\(text)")
        }
        // Sums of money stay exact: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
        let sum = try c.execute("SELECT sum(x) FROM unnest($1::numeric[]) x", [[Decimal(string: "0.1")!, Decimal(string: "0.2")!]])
            .scalar(Decimal.self)
        #expect(sum == Decimal(string: "0.3")!)
        #expect(try c.execute("SELECT 'NaN'::numeric").scalar(Decimal.self).isNaN)
        // More digits than Decimal holds is refused, never rounded.
        #expect(throws: PGError.self) {
            try c.execute("SELECT 1234567890123456789012345678901234567890.5::numeric").scalar(Decimal.self)
        }
    }

    @Test func datesAndTimestamps() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        for date in [PGDate(year: 1970, month: 1, day: 1)!, PGDate(year: 2024, month: 2, day: 29)!,
                     PGDate(year: 1900, month: 3, day: 1)!, PGDate(year: 9999, month: 12, day: 31)!] {
            #expect(try c.execute("SELECT $1::date", [date]).scalar(PGDate.self) == date)
        }
        #expect(try c.execute("SELECT DATE '2026-11-23'").scalar(PGDate.self).description == "2026-11-23")
        let instant = Date(timeIntervalSince1970: 1_763_900_000.123456)
        let back = try c.execute("SELECT $1::timestamptz", [instant]).scalar(Date.self)
        #expect(abs(back.timeIntervalSince(instant)) < 0.000_001)
        // Whatever the session time zone, the instant is the same.
        try c.execute("SET TimeZone TO 'Asia/Shanghai'")
        let shanghai = try c.execute("SELECT $1::timestamptz", [instant]).scalar(Date.self)
        #expect(abs(shanghai.timeIntervalSince(instant)) < 0.000_001)
        try c.execute("SET TimeZone TO 'Asia/Kolkata'")
        let text = try c.execute("SELECT TIMESTAMPTZ '2026-01-02 03:04:05.5+00'::text").scalar(String.self)
        #expect(text.hasSuffix("+05:30"))
        #expect(try c.execute("SELECT TIMESTAMPTZ '2026-01-02 03:04:05.5+00'").scalar(Date.self)
            == Date(timeIntervalSince1970: 1_767_323_045.5))
    }

    @Test func jsonb() async throws {
        struct Params: Codable, Equatable { var sla_hours: Int; var note: String }
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        let value = Params(sla_hours: 72, note: "理赔绿色通道")
        let json = try PGJSON(encoding: value)
        let back = try c.execute("SELECT $1::jsonb", [json]).scalar(PGJSON.self)
        #expect(try back.decode(Params.self) == value)
        #expect(try c.execute("SELECT ($1::jsonb)->>'note'", [json]).scalar(String.self) == "理赔绿色通道")
    }

    @Test func arrays() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        let texts = ["a", "b,c", "{brace}", "quote\"d", "back\\slash", " spaced ", "NULL", "", "中文"]
        #expect(try c.execute("SELECT $1::text[]", [texts]).scalar([String].self) == texts)
        #expect(try c.execute("SELECT $1::int8[]", [[1, -2, 3]]).scalar([Int].self) == [1, -2, 3])
        #expect(try c.execute("SELECT $1::int4[]", [[Int32(7)]]).scalar([Int32].self) == [7])
        #expect(try c.execute("SELECT $1::int2[]", [[Int16(7), 8]]).scalar([Int16].self) == [7, 8])
        #expect(try c.execute("SELECT $1::bool[]", [[true, false]]).scalar([Bool].self) == [true, false])
        let money = [Decimal(string: "1.10")!, Decimal(string: "-99999999.99")!]
        #expect(try c.execute("SELECT $1::numeric[]", [money]).scalar([Decimal].self) == money)
        let dates = [PGDate(year: 2020, month: 1, day: 31)!, PGDate(year: 2021, month: 12, day: 1)!]
        #expect(try c.execute("SELECT $1::date[]", [dates]).scalar([PGDate].self) == dates)
        let instants = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_700_000_000.25)]
        #expect(try c.execute("SELECT $1::timestamptz[]", [instants]).scalar([Date].self) == instants)
        let docs = [PGJSON(text: "{\"a\": 1}"), PGJSON(text: "[1, \"x,y\"]")]
        #expect(try c.execute("SELECT $1::jsonb[]", [docs]).scalar([PGJSON].self) == docs)
        let withNulls: [Int?] = [1, nil, 3]
        #expect(try c.execute("SELECT $1::int8[]", [withNulls]).scalar([Int?].self) == withNulls)
        #expect(try c.execute("SELECT '{}'::int8[]").scalar([Int].self) == [])
        #expect(try c.execute("SELECT $1::text[]", [[String]()]).scalar([String].self) == [])
    }

    @Test func nullsForEveryType() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        let row = try #require(c.execute("""
            SELECT $1::text, $1::bool, $1::int2, $1::int4, $1::int8, $1::numeric, $1::date,
                   $1::timestamptz, $1::jsonb, $1::int8[], $1::uuid
            """, [nil]).first)
        #expect(try row.decode(0, as: String?.self) == nil)
        #expect(try row.decode(1, as: Bool?.self) == nil)
        #expect(try row.decode(2, as: Int16?.self) == nil)
        #expect(try row.decode(3, as: Int32?.self) == nil)
        #expect(try row.decode(4, as: Int?.self) == nil)
        #expect(try row.decode(5, as: Decimal?.self) == nil)
        #expect(try row.decode(6, as: PGDate?.self) == nil)
        #expect(try row.decode(7, as: Date?.self) == nil)
        #expect(try row.decode(8, as: PGJSON?.self) == nil)
        #expect(try row.decode(9, as: [Int]?.self) == nil)
        #expect(try row.decode(10, as: UUID?.self) == nil)
        // An optional Swift value that is nil is sent as NULL.
        let missing: Int? = nil
        #expect(try c.execute("SELECT $1::int8 IS NULL", [missing]).scalar(Bool.self))
        // NULL into a non-optional type is an error naming the column.
        let error = try #require(throws: PGError.self) {
            try c.execute("SELECT NULL::int8 AS premium").first!.decode("premium", as: Int.self)
        }
        #expect(error.code == .decode)
        #expect(error.column == "premium")
    }

    @Test func wrongTypeIsADecodeError() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        let error = try #require(throws: PGError.self) { try c.execute("SELECT 'x'::text").scalar(Int.self) }
        #expect(error.code == .decode)
        #expect(try await roundTrip("2026-01-01", as: "date") == "2026-01-01")
    }

    @Test func chineseNamesSurviveStorage() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        try c.execute("CREATE TABLE people (name text NOT NULL)")
        let names = ["张伟", "王秀英", "欧阳娜娜", "李 明", "𠀋"]
        for name in names { try c.execute("INSERT INTO people VALUES ($1)", [name]) }
        let rows = try c.execute("SELECT name, char_length(name) FROM people ORDER BY name")
        let stored = try rows.map { try $0.decode(0, as: String.self) }
        #expect(Set(stored) == Set(names))
        for row in rows {
            let name: String = try row.decode(0)
            #expect(try row.decode(1, as: Int.self) == name.count)
        }
        #expect(try c.execute("SELECT count(*) FROM people WHERE name = $1", ["王秀英"]).scalar(Int.self) == 1)
    }
}
