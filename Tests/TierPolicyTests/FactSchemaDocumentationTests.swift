import Foundation
import Testing
import TierPolicy

/// docs/POLICY-LANGUAGE.md lists every fact of the schema, with its type and optionality.
@Suite struct FactSchemaDocumentationTests {
    @Test func referenceTableMatchesTheSchema() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/POLICY-LANGUAGE.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        var documented: [String: (type: String, optional: Bool)] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            documented[cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = (cells[2], cells[3] == "yes")
        }
        for declaration in FactSchema.standard.declarations {
            let entry = try #require(documented[declaration.path], "\(declaration.path) is missing from docs/POLICY-LANGUAGE.md")
            #expect(entry.type == declaration.type.description, "\(declaration.path)")
            #expect(entry.optional == declaration.optional, "\(declaration.path)")
        }
        let declared = Set(FactSchema.standard.declarations.map(\.path))
        for path in documented.keys where path.contains(".") && !declared.contains(path) {
            Issue.record("docs/POLICY-LANGUAGE.md documents \(path), which the schema does not declare")
        }
    }
}
