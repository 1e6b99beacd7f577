import ArgumentParser
import Foundation
import TierServer
import TierStore
import TierWire

/// `tierbench inputs`: the facts of real customers of a database, as JSON lines, so
/// both engines of the evaluation benchmark decide on the same inputs.
struct InputsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inputs",
        abstract: "Write the facts of customers spread over a database as JSON lines.")

    @Option(help: ArgumentHelp("libpq conninfo.", valueName: "conninfo"))
    var database: String

    @Option(help: ArgumentHelp("Policy directory (its schema decides the facts).", valueName: "dir"))
    var policies = "policies/branch"

    @Option(help: "Inputs to write.")
    var count = 20_000

    @Option(help: ArgumentHelp("Where to write them.", valueName: "file"))
    var out: String

    @Option(help: "Channels the inputs cycle through.")
    var channels = "counter,website,wechat,phone,agent"

    func run() throws {
        let policy = try PolicyHolder.load(policies)
        let connection = try PGConnection(conninfo: database)
        let ids: [Int64] = try connection.execute(
            """
            SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM customers) c
            WHERE (n - 1) % greatest(total / \(count), 1) = 0 ORDER BY id LIMIT \(count)
            """
        ).map { try $0.decode(0) }
        let channelList = channels.split(separator: ",").map(String.init)
        let today = WireTime.today()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = Data()
        for (index, id) in ids.enumerated() {
            let customer = try FactLoader.load(
                customerId: id, asOf: today, channel: channelList[index % channelList.count], policy: policy, on: connection)
            let input = BenchInput(facts: DecisionFacts.json(customer.facts, schema: policy.set.schema), quotaUsed: customer.quotaUsed)
            output.append(try encoder.encode(input))
            output.append(UInt8(ascii: "\n"))
        }
        try output.write(to: URL(fileURLWithPath: out))
        print("wrote \(ids.count) inputs to \(out)")
    }
}
