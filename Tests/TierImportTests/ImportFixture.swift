import Foundation
import TierStore
import TierTestSupport
import TierImport

/// A migrated test database with the reference data imports point at:
/// branches SH01 and BJ01, customer E-1 (王芳, in SH01) who is employee EMP1,
/// and sales agent A1.
struct ImportFixture {
    let database: TestDatabase
    let connection: PGConnection

    static func make() async throws -> ImportFixture {
        let database = try await TestDatabase.create()
        let connection = try database.connect()
        try connection.executeScript("""
            INSERT INTO branches (code, name) VALUES ('SH01', '上海分公司'), ('BJ01', '北京分公司');
            INSERT INTO households (branch_id, address) SELECT id, '上海市黄浦区' FROM branches WHERE code = 'SH01';
            INSERT INTO customers (name, branch_id, household_id, external_ref)
                SELECT '王芳', b.id, h.id, 'E-1' FROM branches b, households h WHERE b.code = 'SH01';
            INSERT INTO employees (customer_id, employee_no, branch_id, hired_on)
                SELECT c.id, 'EMP1', c.branch_id, DATE '2010-03-01' FROM customers c WHERE c.external_ref = 'E-1';
            INSERT INTO sales_agents (agent_no, name, branch_id) SELECT 'A1', '李娜', id FROM branches WHERE code = 'SH01';
            """)
        return ImportFixture(database: database, connection: connection)
    }

    /// Imports `csv` (written to a temporary file) and returns the report.
    func run(_ kind: ImportKind, _ csv: String, _ options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let path = try TemporaryCSV.write(csv, name: kind.rawValue)
        defer { TemporaryCSV.remove(path) }
        return try CSVImporter(kind: kind, options: options).run(file: path, connection: connection)
    }

    /// The value of a one-row, one-column query.
    func scalar<T: PGDecodable>(_ sql: String, _ parameters: PGParameters = [], as type: T.Type = T.self) throws -> T {
        try connection.execute(sql, parameters).scalar(type)
    }

    /// `line: reason` for each error, for compact expectations.
    static func lines(_ report: ImportReport) -> [String] {
        report.errors.map { "\($0.line): \($0.reason)" }
    }
}
