/// Where each known column sits in a file, from its header row.
struct HeaderLayout {
    /// Column name → field position.
    private let positions: [String: Int]
    /// The number of fields in the header.
    let width: Int

    /// Checks the header against the kind's columns. All problems (unknown,
    /// duplicate or unnamed columns; missing required ones) are reported together.
    init(header: CSVRecord, columns: [ImportColumn], branchOption: Bool) throws(ImportError) {
        var positions: [String: Int] = [:]
        var problems: [String] = []
        var unknown: [String] = []
        let known = Set(columns.map(\.name))
        for (position, raw) in header.fields.enumerated() {
            let name = FieldSyntax.trimmed(raw).lowercased()
            if name.isEmpty {
                problems.append("column \(position + 1) has no name")
            } else if !known.contains(name) {
                unknown.append(FieldSyntax.quoted(name))
            } else if positions[name] != nil {
                problems.append("column \(FieldSyntax.quoted(name)) appears twice")
            } else {
                positions[name] = position
            }
        }
        if !unknown.isEmpty {
            let names = columns.map(\.name).joined(separator: ", ")
            problems.insert("unknown column\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) (known: \(names))", at: 0)
        }
        let missing = columns.filter { column in
            guard positions[column.name] == nil else { return false }
            switch column.requirement {
            case .required: return true
            case .requiredWithoutBranchOption: return !branchOption
            case .optional: return false
            }
        }
        if !missing.isEmpty {
            let names = missing.map { $0.requirement == .required ? $0.name : "\($0.name) (or --branch)" }
            problems.append("missing required column\(missing.count == 1 ? "" : "s"): \(names.joined(separator: ", "))")
        }
        guard problems.isEmpty else {
            throw ImportError(.badHeader, "bad header: " + problems.joined(separator: "; "), line: header.line)
        }
        self.positions = positions
        width = header.fields.count
    }

    /// The field position of a column, nil when the header lacks it.
    func position(of column: String) -> Int? { positions[column] }
}
