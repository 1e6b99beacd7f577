/// A cheap single pass over JSON text, run before parsing: it measures nesting
/// (skipping string contents), notes what the top-level value is, and counts the
/// elements of a top-level array, so deep or oversized input is refused before
/// a recursive parser ever sees it.
enum JSONShapeScanner {
    /// The kind of the top-level value, judged by its first byte.
    enum Top: Equatable {
        case object, array, scalar, nothing
    }

    /// What the scan found.
    enum Outcome: Equatable {
        /// Within the depth limit; `elements` counts a top-level array's elements.
        case shape(top: Top, elements: Int)
        /// Arrays and objects nest deeper than the limit.
        case tooDeep
        /// A NUL byte, never valid in JSON text (and a sign of UTF-16 or UTF-32).
        case nulByte
    }

    static func scan(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) -> Outcome {
        var top = Top.nothing
        var depth = 0
        var elements = 0
        var expectingElement = false
        var inString = false
        var escaped = false
        for byte in bytes {
            if byte == 0 { return .nulByte }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if top == .nothing { top = byte == UInt8(ascii: "[") ? .array : .object }
                if depth == 1 && expectingElement {
                    elements += 1
                    expectingElement = false
                }
                depth += 1
                if depth > maxDepth { return .tooDeep }
                if depth == 1 { expectingElement = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(depth - 1, 0)
                expectingElement = false
            case UInt8(ascii: ","):
                if depth == 1 { expectingElement = true }
            default:
                if byte == UInt8(ascii: "\"") { inString = true }
                if top == .nothing { top = .scalar }
                if depth == 1 && expectingElement {
                    elements += 1
                    expectingElement = false
                }
            }
        }
        return .shape(top: top, elements: top == .array ? elements : 0)
    }
}
