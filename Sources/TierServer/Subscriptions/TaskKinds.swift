/// Task kinds as the schema allows them (`tasks_kind_check`): lower_snake_case words.
enum TaskKinds {
    static func isValid(_ kind: String) -> Bool {
        guard let first = kind.unicodeScalars.first, ("a"..."z").contains(first), kind.utf8.count <= 100 else { return false }
        return kind.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
