import ArgumentParser
import Foundation
import TierWire

/// `tierctl call METHOD [PARAMS_JSON]`: any method, raw.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call", abstract: "Call any method with JSON params and print the result JSON.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The method, e.g. health.check.")
    var method: String

    @Argument(help: ArgumentHelp("The params as a JSON object, or - to read them from stdin (default {}).", valueName: "params-json"))
    var params: String?

    func run() async throws {
        let value: JSONValue? = try params.map { text throws(CtlFailure) in
            text == "-" ? try JSONInput.read(file: "-") : try JSONInput.parse(Data(text.utf8), source: "PARAMS_JSON")
        }
        try await withSession(global) { session throws(CtlFailure) in
            Output.json(try await session.callRaw(method, value))
        }
    }
}
