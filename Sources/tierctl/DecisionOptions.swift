import ArgumentParser

/// What a decision is asked for: `CUSTOMER_ID`, `--channel` and `--as-of`, shared by
/// the commands that evaluate a customer (entitlements, explain, bundles).
struct DecisionOptions: ParsableArguments {
    @Argument(help: "The customer's tierd id.")
    var customerId: Int64

    @Option(help: "counter, website, wechat, phone, agent, bancassurance or other (default counter).")
    var channel: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to decide for, YYYY-MM-DD (default today).", valueName: "date"))
    var asOf: String?
}
