import TierStore

/// PostgreSQL text forms of the generator's values, built from integers only.
enum SyntheticText {
    /// Cents as `numeric` text: 123456 → "1234.56". Exact; money never passes through Double here.
    static func money(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Days since 1970-01-01 as `YYYY-MM-DD`.
    static func date(_ day: Int) -> String {
        PGDate(daysSinceEpoch: day).description
    }

    /// Shanghai wall-clock seconds since 1970-01-01 as a `timestamptz` with offset +08.
    static func shanghai(_ localSeconds: Int) -> String {
        let day = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        let second = localSeconds - day * 86_400
        return "\(date(day)) \(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))+08"
    }

    /// Zero-padded to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
