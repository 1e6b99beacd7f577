/// PostgreSQL's text form of one-dimensional arrays: `{1,2,NULL,"a \"b\""}`.
enum PGArrayText {
    /// Encodes elements (nil is NULL), quoting every non-NULL element so that commas,
    /// braces, quotes, backslashes, blanks and the word NULL survive.
    static func encode(_ elements: [String?]) -> String {
        var out = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { out += "," }
            guard let element else { out += "NULL"; continue }
            out += "\""
            for scalar in element.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
            out += "\""
        }
        return out + "}"
    }

    /// Decodes a one-dimensional array literal into its elements (nil for NULL).
    static func decode(_ text: String) throws -> [String?] {
        var scalars = Substring(text).unicodeScalars[...]
        // An optional dimension decoration such as "[0:2]=" precedes the braces.
        if scalars.first == "[", let equals = scalars.firstIndex(of: "=") {
            scalars = scalars[scalars.index(after: equals)...]
        }
        guard scalars.first == "{", scalars.last == "}" else { throw malformed(text) }
        scalars = scalars.dropFirst().dropLast()
        var elements: [String?] = []
        if scalars.allSatisfy({ $0 == " " }) { return elements }
        var iterator = scalars.makeIterator()
        var current = String.UnicodeScalarView()
        var quoted = false, wasQuoted = false, pending = true
        while let scalar = iterator.next() {
            if quoted {
                switch scalar {
                case "\\": if let next = iterator.next() { current.append(next) } else { throw malformed(text) }
                case "\"": quoted = false
                default: current.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true; wasQuoted = true
            case "\\": if let next = iterator.next() { current.append(next) } else { throw malformed(text) }
            case "{": throw PGError(.decode, "multi-dimensional arrays are not supported: \(text.prefix(64))")
            case ",":
                elements.append(finish(current, wasQuoted))
                current = String.UnicodeScalarView(); wasQuoted = false; pending = true
                continue
            default: current.append(scalar)
            }
            pending = false
        }
        guard !quoted else { throw malformed(text) }
        if pending || !current.isEmpty || wasQuoted { elements.append(finish(current, wasQuoted)) }
        return elements
    }

    private static func finish(_ scalars: String.UnicodeScalarView, _ wasQuoted: Bool) -> String? {
        let value = String(scalars)
        if wasQuoted { return value }
        let trimmed = value.trimmingSpaces
        return trimmed.uppercased() == "NULL" ? nil : trimmed
    }

    private static func malformed(_ text: String) -> PGError {
        PGError(.decode, "malformed array literal: \(text.prefix(64))")
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while view.first == " " { view.removeFirst() }
        while view.last == " " { view.removeLast() }
        return String(view)
    }
}
