/// Why a synthetic branch could not be loaded.
public enum SyntheticBranchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target database already holds data in `table` (`rows` rows); the generator
    /// only loads into an empty, migrated database.
    case databaseNotEmpty(table: String, rows: Int)
    /// A profile setting is out of range.
    case invalidProfile(String)

    /// A message for people, saying what to do.
    public var description: String {
        switch self {
        case let .databaseNotEmpty(table, rows):
            return "refusing to seed: table \(table) already has \(rows) row\(rows == 1 ? "" : "s"); "
                + "seed only an empty, freshly migrated database"
        case let .invalidProfile(message):
            return "invalid synthetic branch profile: \(message)"
        }
    }
}
