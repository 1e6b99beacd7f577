import ArgumentParser
import TierClient
import TierWire

/// `tierctl revisits`: the lapsed-customer revisit list.
struct RevisitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisits", abstract: "Call revisits.list: lapsed customers to call back, longest lapsed first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this branch.")
    var branch: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day, YYYY-MM-DD (default today).", valueName: "date"))
    var asOf: String?

    @Option(help: "Customers per page, 1 to 1000 (default 100).")
    var limit: Int?

    @Option(help: "Start at this next_cursor of an earlier page.")
    var cursor: String?

    @Flag(help: "Follow next_cursor to the last page.")
    var all = false

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            var customers: [LapsedCustomer] = []
            var rawCustomers: [JSONValue] = []
            var cursor = self.cursor
            var first: RevisitsList.Result?
            var seen: Set<String> = []
            repeat {
                let params = RevisitsList.Params(asOf: asOf, branch: branch, limit: limit, cursor: cursor)
                let (raw, page) = try await session.call(RevisitsList.self, params)
                if first == nil { first = page }
                customers += page.customers
                if case .array(let items)? = raw["customers"] { rawCustomers += items }
                cursor = page.nextCursor
                if let next = cursor, !seen.insert(next).inserted {
                    throw CtlFailure(code: "invalid_reply", message: "the daemon sent the cursor \(next) twice", status: 4)
                }
            } while all && cursor != nil
            guard let first else { return }
            if session.json {
                var object: [String: JSONValue] = [
                    "as_of": .string(first.asOf), "lapse_days": .int(Int64(first.lapseDays)), "customers": .array(rawCustomers),
                ]
                if let cursor { object["next_cursor"] = .string(cursor) }
                return Output.json(.object(object))
            }
            Output.print(TableRenderer.keyValues([("as of", first.asOf), ("lapsed after", "\(first.lapseDays) days")]))
            Output.line()
            var table = TableRenderer(
                ["CUSTOMER", "NAME", "BRANCH", "LAST PURCHASE", "DAYS", "CLASS", "PHONE"], rightAligned: [0, 4])
            for customer in customers {
                table.append([
                    String(customer.customerId), customer.name, customer.branch, customer.lastPurchaseOn,
                    String(customer.daysSinceLastPurchase), Output.orDash(customer.valueClass), Output.orDash(customer.phoneMasked),
                ])
            }
            Output.print(customers.isEmpty ? "no customers\n" : table.render())
            Output.line("\(customers.count) customers")
            if let cursor { Output.line("next_cursor: \(cursor)  (pass --cursor \(cursor), or --all)") }
        }
    }
}
