import TierStore

/// Policies files: one row per policy, keyed by `policy_no`, referring to the
/// policyholder by `customer_ref`, the agent by `agent_no`, the referring
/// employee by `employee_no`.
struct PolicyRows: ImportRows {
    static let columns: [ImportColumn] = [
        ImportColumn("policy_no", .required, "policy number; unique in the file, new to the database"),
        ImportColumn("customer_ref", .required, "the policyholder's external_ref; the customer must exist"),
        ImportColumn("product_code", .required, "product code"),
        ImportColumn("product_line", .required, Vocabulary.productLine.joined(separator: " | ")),
        ImportColumn("term", .required, Vocabulary.term.joined(separator: " | ")),
        ImportColumn("premium", .required, "annualised premium, decimal >= 0 with at most 2 decimals (e.g. 12000.50)"),
        ImportColumn("premium_frequency", .optional, Vocabulary.premiumFrequency.joined(separator: " | ") + "; empty = annual"),
        ImportColumn("status", .optional, Vocabulary.status.joined(separator: " | ") + "; empty = active"),
        ImportColumn("issued_on", .required, "YYYY-MM-DD"),
        ImportColumn("lapsed_on", .optional, "YYYY-MM-DD, not before issued_on; required when status is lapsed"),
        ImportColumn("channel", .required, Vocabulary.channel.joined(separator: " | ")),
        ImportColumn("agent_no", .optional, "selling agent's agent_no; must exist when given"),
        ImportColumn("employee_no", .optional, "referring employee's employee_no; must exist when given"),
    ]

    static let keyColumn = "policy_no"

    static let stagingColumns: [(name: String, type: String)] = [
        ("policy_no", "text"),
        ("customer_ref", "text"),
        ("product_code", "text"),
        ("product_line", "text"),
        ("term", "text"),
        ("premium", "numeric(14,2)"),
        ("premium_frequency", "text"),
        ("status", "text"),
        ("issued_on", "date"),
        ("lapsed_on", "date"),
        ("channel", "text"),
        ("agent_no", "text"),
        ("employee_no", "text"),
    ]

    let options: ImportOptions

    init(options: ImportOptions, today: PGDate) {
        self.options = options
    }

    func stage(_ row: inout RowReader) -> [String?] {
        let policyNo = row.required("policy_no")
        let customerRef = row.required("customer_ref")
        let productCode = row.required("product_code")
        let productLine = row.choice("product_line", from: Vocabulary.productLine)
        let term = row.choice("term", from: Vocabulary.term)
        let premium = row.money("premium")
        let frequency = row.choice("premium_frequency", from: Vocabulary.premiumFrequency, fallback: "annual")
        let status = row.choice("status", from: Vocabulary.status, fallback: "active")
        let issuedOn = row.date("issued_on", required: true)
        let lapsedOn = row.date("lapsed_on")
        let channel = row.choice("channel", from: Vocabulary.channel)
        let agentNo = row.text("agent_no")
        let employeeNo = row.text("employee_no")
        // policies_lapsed_requires_lapsed_on_check, policies_lapsed_on_check.
        if status == "lapsed", lapsedOn == nil, !row.problems.contains(where: { $0.column == "lapsed_on" }) {
            row.fail("lapsed_on", "required when status is lapsed")
        }
        if let issuedOn, let lapsedOn, lapsedOn < issuedOn {
            row.fail("lapsed_on", "\(lapsedOn) is before issued_on \(issuedOn)")
        }
        return [
            policyNo, customerRef, productCode, productLine, term, premium, frequency, status,
            issuedOn?.description, lapsedOn?.description, channel, agentNo, employeeNo,
        ]
    }

    func checks(staging s: String) -> [[SQLCheck]] {
        var checks = [
            SQLCheck(sql: """
                SELECT s.line, 'customer_ref', format('no customer with external_ref "%s"', s.customer_ref)
                FROM \(s) s
                WHERE s.customer_ref IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_ref = s.customer_ref)
                """),
            SQLCheck(sql: """
                SELECT s.line, 'agent_no', format('no sales agent with agent_no "%s"', s.agent_no)
                FROM \(s) s
                WHERE s.agent_no IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM sales_agents a WHERE a.agent_no = s.agent_no)
                """),
            SQLCheck(sql: """
                SELECT s.line, 'employee_no', format('no employee with employee_no "%s"', s.employee_no)
                FROM \(s) s
                WHERE s.employee_no IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM employees e WHERE e.employee_no = s.employee_no)
                """),
            SQLCheck(sql: """
                SELECT s.line, 'policy_no', format('"%s" is already in the database (policy id %s)', s.policy_no, p.id)
                FROM \(s) s JOIN policies p ON p.policy_no = s.policy_no
                """),
        ]
        if let branch = options.branch {
            checks.append(SQLCheck(sql: """
                SELECT s.line, 'customer_ref', format('customer "%s" is in branch "%s", not "%s"', s.customer_ref, b.code, $1::text)
                FROM \(s) s
                JOIN customers c ON c.external_ref = s.customer_ref
                JOIN branches b ON b.id = c.branch_id
                WHERE b.code <> $1::text
                """, parameters: [branch]))
        }
        return [checks]
    }

    func insert(_ connection: PGConnection, staging s: String) throws -> (rows: Int, households: Int) {
        let rows = try connection.execute("""
            INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium,
                                  premium_frequency, status, issued_on, lapsed_on, channel,
                                  selling_agent_id, referring_employee_id)
            SELECT s.policy_no, c.id, s.product_code, s.product_line, s.term, s.premium,
                   s.premium_frequency, s.status, s.issued_on, s.lapsed_on, s.channel, a.id, e.id
            FROM \(s) s
            JOIN customers c ON c.external_ref = s.customer_ref
            LEFT JOIN sales_agents a ON a.agent_no = s.agent_no
            LEFT JOIN employees e ON e.employee_no = s.employee_no
            ORDER BY s.line
            """).affectedRows
        return (rows, 0)
    }
}
