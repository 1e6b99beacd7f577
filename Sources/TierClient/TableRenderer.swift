/// Plain-text tables and key/value lists for terminals, aligned by display width
/// (Chinese characters take two columns).
///
/// ```
/// CODE              NAME                QUOTA
/// counter_priority  柜面优先 / Counter…  -
/// ```
///
/// Columns are separated by two spaces; the last column is not padded, so lines
/// have no trailing spaces. Newlines and tabs inside cells become spaces.
public struct TableRenderer: Sendable, Hashable {
    /// How a column's cells line up.
    public enum Alignment: Sendable, Hashable {
        case left, right
    }

    public var headers: [String]
    public var alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    /// A table with these column headers; `rightAligned` are column indexes (numbers).
    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.alignments = headers.indices.map { rightAligned.contains($0) ? .right : .left }
    }

    /// Adds a row; missing cells are empty, extra cells are dropped.
    public mutating func append(_ row: [String]) {
        var cells = Array(row.prefix(headers.count))
        while cells.count < headers.count { cells.append("") }
        rows.append(cells)
    }

    /// The header line and one line per row, each ending in a newline.
    public func render() -> String {
        let lines = [headers] + rows
        let cleaned = lines.map { $0.map(Self.singleLine) }
        var widths = Array(repeating: 0, count: headers.count)
        for line in cleaned {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], Self.displayWidth(cell)) }
        }
        var output = ""
        for line in cleaned {
            var text = ""
            for (column, cell) in line.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - Self.displayWidth(cell))
                let isLast = column == line.count - 1
                if column > 0 { text += "  " }
                switch alignments[column] {
                case .right: text += padding + cell
                case .left: text += isLast ? cell : cell + padding
                }
            }
            while text.last == " " { text.removeLast() }
            output += text + "\n"
        }
        return output
    }

    /// `key: value` lines with the values aligned, each ending in a newline.
    public static func keyValues(_ pairs: [(String, String)]) -> String {
        let width = pairs.map { displayWidth($0.0) }.max() ?? 0
        return pairs.map { key, value in
            let padding = String(repeating: " ", count: width - displayWidth(key))
            var line = "\(key):\(padding) \(singleLine(value))"
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    /// Columns the text takes in a terminal: 2 for East Asian wide characters,
    /// 0 for combining marks, 1 otherwise.
    public static func displayWidth(_ text: String) -> Int {
        text.reduce(0) { total, character in
            guard let first = character.unicodeScalars.first else { return total }
            return total + width(of: first)
        }
    }

    private static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
            return 0
        }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(value) } ? 2 : 1
    }

    private static func singleLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
