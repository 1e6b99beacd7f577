import TierPolicy
import TierStore
import TierWire

/// The facts the policy's value table reads, computed in the classification pass
/// itself when they are all purchase-history facts: one aggregate column each over
/// the customer's policies, by the same rules as ``FactQuery`` (a policy counts once
/// issued by the day; active means ``FactQuery/active(_:day:)``). The classify job
/// then decides each customer's tier in process, with no query per customer.
///
/// Facts the table does not read get placeholders of their type: by
/// ``PolicySet/factsRead(byTier:)`` they cannot change the table's result. When the
/// table reads anything else (household, staff, complaints, ...), `init` returns nil
/// and the job loads each customer's full facts instead.
struct ClassificationFacts {
    enum Kind {
        case count, money, date, lines
    }

    struct Column {
        var fact: String
        var name: String
        var aggregate: String
        var kind: Kind
    }

    /// The history facts the pass can compute, with `$1` the as-of day.
    static let computable: [Column] = {
        let active = FactQuery.active("p", day: "$1")
        return [
            Column(fact: "history.active_policies", name: "h_active", aggregate: "count(p.id) FILTER (WHERE \(active))", kind: .count),
            Column(fact: "history.long_term_policies", name: "h_long_term",
                   aggregate: "count(p.id) FILTER (WHERE \(active) AND p.term = 'long')", kind: .count),
            Column(fact: "history.lapsed_policies", name: "h_lapsed",
                   aggregate: "count(p.id) FILTER (WHERE p.status = 'lapsed' AND p.lapsed_on <= $1::date)", kind: .count),
            Column(fact: "history.annual_premium", name: "h_premium",
                   aggregate: "(coalesce(sum(p.premium) FILTER (WHERE \(active)), 0))::text", kind: .money),
            Column(fact: "history.purchases", name: "h_purchases", aggregate: "count(p.id)", kind: .count),
            Column(fact: "history.first_purchase_on", name: "h_first_on", aggregate: "min(p.issued_on)", kind: .date),
            Column(fact: "history.last_purchase_on", name: "h_last_on", aggregate: "max(p.issued_on)", kind: .date),
            Column(fact: "history.product_lines", name: "h_lines",
                   aggregate: "coalesce(array_agg(DISTINCT p.product_line ORDER BY p.product_line) FILTER (WHERE \(active)), '{}'::text[])",
                   kind: .lines),
            Column(fact: "history.referred_policies", name: "h_referred",
                   aggregate: "count(p.id) FILTER (WHERE \(active) AND p.referring_employee_id IS NOT NULL)", kind: .count),
        ]
    }()

    /// Facts every request has, filled in per customer.
    private static let given: Set<String> = ["customer.id", "context.as_of", "context.channel"]

    /// The columns to add to ``ClassificationQuery/classes(facts:)``, in order.
    let columns: [Column]
    private let template: [String: PolicyValue]
    private let schema: FactSchema

    /// Nil when the table reads a fact the pass cannot compute (or there is no such table).
    init?(_ set: PolicySet, table: String) {
        guard let read = set.factsRead(byTier: table) else { return nil }
        let byFact = Dictionary(uniqueKeysWithValues: Self.computable.map { ($0.fact, $0) })
        guard read.allSatisfy({ byFact[$0] != nil || Self.given.contains($0) }) else { return nil }
        columns = Self.computable.filter { read.contains($0.fact) }
        schema = set.schema
        var template: [String: PolicyValue] = [:]
        for declaration in set.schema.declarations where !declaration.optional {
            template[declaration.path] = Self.placeholder(declaration.type)
        }
        self.template = template
    }

    /// The numeric columns (counts and premiums, never NULL) by fact path, for
    /// ``ValueTierSQL``.
    var numericColumns: [String: String] {
        var out: [String: String] = [:]
        for column in columns {
            switch column.kind {
            case .count: out[column.fact] = column.name
            case .money: out[column.fact] = "\(column.name)::numeric"
            case .date, .lines: break
            }
        }
        return out
    }

    /// The customer's facts: the computed columns of `row` (starting at `offset`)
    /// and placeholders for the facts the table does not read.
    func facts(_ row: PGRow, offset: Int, customerId: Int64, asOf: Int) throws -> FactSet {
        var values = template
        values["customer.id"] = .int(customerId)
        values["context.as_of"] = .date(asOf)
        values["context.channel"] = .string("other")
        for (index, column) in columns.enumerated() {
            let at = offset + index
            switch column.kind {
            case .count:
                values[column.fact] = .int(try row.decode(at, as: Int64.self))
            case .money:
                let text: String = try row.decode(at)
                guard let money = FixedDecimal(text) else { throw RPCError.internalError("\(column.fact) \(text) is not a decimal the policy engine can hold") }
                values[column.fact] = .decimal(money)
            case .date:
                values[column.fact] = (try row.decode(at, as: PGDate?.self)).map { .date($0.daysSinceEpoch) } ?? .missing
            case .lines:
                values[column.fact] = .list(try row.decode(at, as: [String].self).map(PolicyValue.string))
            }
        }
        return try FactSet(values, schema: schema)
    }

    private static func placeholder(_ type: PolicyType) -> PolicyValue {
        switch type {
        case .bool: .bool(false)
        case .int: .int(0)
        case .decimal: .decimal(FixedDecimal(scaled: 0))
        case .string: .string("")
        case .date: .date(0)
        case .duration: .duration(0)
        case .list, .emptyList: .list([])
        }
    }
}
