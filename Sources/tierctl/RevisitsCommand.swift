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

    @OptionGroup var page: PageOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            var customers: [LapsedCustomer] = []
            let walk = try await PageWalk.walk(
                RevisitsList.self, session: session, from: page.cursor, all: page.all, itemsKey: "customers",
                params: { RevisitsList.Params(asOf: asOf, branch: branch, limit: page.limit, cursor: $0) },
                nextCursor: \.nextCursor, onPage: { customers += $0.customers })
            let cursor = walk.cursor
            guard let first = walk.first else { return }
            if session.json {
                var object: [String: JSONValue] = [
                    "as_of": .string(first.asOf), "lapse_days": .int(Int64(first.lapseDays)), "customers": .array(walk.rawItems),
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
