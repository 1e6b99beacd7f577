import TierStore

/// Customers files: one row per customer, keyed by `external_ref`, with
/// households created from `household_ref`.
struct CustomerRows: ImportRows {
    static let columns: [ImportColumn] = [
        ImportColumn("external_ref", .required, "the customer's id in the core system; unique in the file, new to the database"),
        ImportColumn("name", .required, "full name, any script (e.g. 张伟)"),
        ImportColumn("gender", .optional, "male | female | other | unknown; empty = unknown"),
        ImportColumn("birth_date", .optional, "YYYY-MM-DD, from 1900-01-01 to tomorrow; empty = unknown"),
        ImportColumn("address", .optional, "postal address"),
        ImportColumn("phone", .optional, "phone number, kept as text"),
        ImportColumn("branch", .requiredWithoutBranchOption, "branch code; must exist; empty = --branch"),
        ImportColumn("household_ref", .optional, "household key: same value = same household; empty = the customer's own external_ref"),
        ImportColumn("photo_ref", .optional, "URI of the photo (scheme:rest)"),
    ]

    static let keyColumn = "external_ref"

    static let stagingColumns: [(name: String, type: String)] = [
        ("external_ref", "text"),
        ("name", "text"),
        ("gender", "text"),
        ("birth_date", "date"),
        ("address", "text"),
        ("phone", "text"),
        ("branch_code", "text"),
        ("household_ref", "text"),
        ("household_key", "text"),
        ("photo_ref", "text"),
    ]

    /// The temporary table mapping household keys to household ids.
    static let households = "pg_temp.tierd_import_households"

    private static let earliestBirthDate = PGDate(year: 1900, month: 1, day: 1)!

    let options: ImportOptions
    let latestBirthDate: PGDate

    init(options: ImportOptions, today: PGDate) {
        self.options = options
        latestBirthDate = today.adding(days: 1)
    }

    func stage(_ row: inout RowReader) -> [String?] {
        let externalRef = row.required("external_ref")
        let name = row.required("name")
        let gender = row.choice("gender", from: Vocabulary.gender, fallback: "unknown")
        let birthDate = row.date("birth_date")
        if let birthDate, birthDate < Self.earliestBirthDate {
            row.fail("birth_date", "\(birthDate) is before 1900-01-01")
        } else if let birthDate, birthDate > latestBirthDate {
            row.fail("birth_date", "\(birthDate) is in the future")
        }
        let address = row.text("address")
        let phone = row.text("phone")
        var branch = row.text("branch")
        if let option = options.branch {
            if let given = branch, given != option {
                row.fail("branch", "\(FieldSyntax.quoted(given)) is not the branch of this import (--branch \(option))")
            }
            branch = option
        } else if branch == nil {
            row.fail("branch", "required")
        }
        let householdRef = row.text("household_ref")
        let photoRef = row.text("photo_ref")
        if let photoRef, !FieldSyntax.isURI(photoRef) {
            row.fail("photo_ref", "\(FieldSyntax.quoted(photoRef)) is not a URI (scheme:rest, no spaces)")
        }
        return [
            externalRef, name, gender, birthDate?.description, address, phone, branch,
            householdRef, householdRef ?? externalRef, photoRef,
        ]
    }

    func checks(staging s: String) -> [[SQLCheck]] {
        let rowChecks = [
            SQLCheck(sql: """
                SELECT s.line, 'branch', format('no branch with code "%s"', s.branch_code)
                FROM \(s) s
                WHERE s.branch_code IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM branches b WHERE b.code = s.branch_code)
                """),
            SQLCheck(sql: """
                SELECT s.line, 'external_ref', format('"%s" is already in the database (customer id %s)', s.external_ref, c.id)
                FROM \(s) s JOIN customers c ON c.external_ref = s.external_ref
                """),
        ]
        let householdChecks = [
            // household_ref names a customer of this file who is in another household.
            SQLCheck(sql: """
                SELECT s.line, 'household_ref',
                       format('"%s" is the customer on line %s, whose household is "%s"; give everyone in a household the same household_ref',
                              s.household_ref, t.line, t.household_key)
                FROM \(s) s JOIN \(s) t ON t.external_ref = s.household_key AND t.line <> s.line
                WHERE t.household_key <> s.household_key
                """),
            // household_ref joins an existing customer's household in another branch.
            SQLCheck(sql: """
                SELECT s.line, 'branch',
                       format('household "%s" already exists in branch "%s", not "%s"', s.household_key, hb.code, s.branch_code)
                FROM \(s) s
                JOIN customers c ON c.external_ref = s.household_key
                JOIN households h ON h.id = c.household_id
                JOIN branches hb ON hb.id = h.branch_id
                WHERE hb.code <> s.branch_code
                """),
            // A new household's members must share a branch (the first row's).
            SQLCheck(sql: """
                SELECT s.line, 'branch',
                       format('household "%s" is in branch "%s" (line %s), not "%s"', s.household_key, f.branch_code, f.line, s.branch_code)
                FROM \(s) s
                JOIN (SELECT DISTINCT ON (household_key) household_key, branch_code, line
                      FROM \(s) ORDER BY household_key, line) f ON f.household_key = s.household_key
                WHERE s.branch_code <> f.branch_code
                  AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_ref = s.household_key)
                """),
        ]
        return [rowChecks, householdChecks]
    }

    func insert(_ connection: PGConnection, staging s: String) throws -> (rows: Int, households: Int) {
        let h = Self.households
        try connection.execute("DROP TABLE IF EXISTS \(h)")
        // One row per household key: the existing household of the customer the
        // key names, or a new id from the households sequence.
        try connection.execute("""
            CREATE TEMP TABLE tierd_import_households ON COMMIT DROP AS
            SELECT d.household_key, d.branch_id, d.address, d.existing_id,
                   CASE WHEN d.existing_id IS NULL
                        THEN nextval(pg_get_serial_sequence('households', 'id'))
                        ELSE d.existing_id END AS household_id
            FROM (SELECT DISTINCT ON (s.household_key)
                         s.household_key, b.id AS branch_id, s.address, c.household_id AS existing_id
                  FROM \(s) s
                  JOIN branches b ON b.code = s.branch_code
                  LEFT JOIN customers c ON c.external_ref = s.household_key
                  ORDER BY s.household_key, s.address IS NULL, s.line) d
            """)
        try connection.execute("ANALYZE \(h)")
        let households = try connection.execute("""
            INSERT INTO households (id, branch_id, address)
            SELECT household_id, branch_id, address FROM \(h) WHERE existing_id IS NULL ORDER BY household_id
            """).affectedRows
        let rows = try connection.execute("""
            INSERT INTO customers (name, gender, birth_date, address, phone, branch_id, household_id, photo_ref, external_ref)
            SELECT s.name, s.gender, s.birth_date, s.address, s.phone, b.id, h.household_id, s.photo_ref, s.external_ref
            FROM \(s) s
            JOIN branches b ON b.code = s.branch_code
            JOIN \(h) h ON h.household_key = s.household_key
            ORDER BY s.line
            """).affectedRows
        return (rows, households)
    }
}
