import ArgumentParser
import TierClient
import TierWire

/// The kinds of fact `tierctl facts` can send, with their methods.
enum FactKind: String, ExpressibleByArgument, CaseIterable {
    case customer, policy, family, survey, complaint

    var method: String {
        switch self {
        case .customer: FactsCustomerUpsert.name
        case .policy: FactsPolicyUpsert.name
        case .family: FactsFamilyLink.name
        case .survey: FactsSurveyRecord.name
        case .complaint: FactsComplaintRecord.name
        }
    }
}

/// `tierctl facts KIND --file FILE`: pushes facts.
struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts", abstract: "Send facts: facts.customer.upsert, facts.policy.upsert, facts.family.link, ...",
        discussion: """
            The file holds the params as JSON: one object for one call, or an array of \
            objects for one call each (pipelined). The methods are idempotent by external \
            id, so a failed run can simply be repeated. Exits 3 if any call failed.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "customer, policy, family, survey or complaint.")
    var kind: FactKind

    @Option(help: ArgumentHelp("JSON file of params, or - for stdin.", valueName: "file"))
    var file: String

    func run() async throws {
        let input = try JSONInput.read(file: file)
        let records: [JSONValue]
        let single: Bool
        switch input {
        case .object: (records, single) = ([input], true)
        case .array(let items): (records, single) = (items, false)
        default: throw CtlFailure.usage("\(file) must hold a JSON object or an array of objects")
        }
        let method = kind.method
        try await withSession(global) { session throws(CtlFailure) in
            let outcomes = await withTaskGroup(of: (Int, Result<JSONValue, CtlFailure>).self) { group in
                for (index, record) in records.enumerated() {
                    group.addTask {
                        do throws(CtlFailure) {
                            return (index, .success(try await session.callRaw(method, record)))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                var outcomes = [Result<JSONValue, CtlFailure>?](repeating: nil, count: records.count)
                for await (index, outcome) in group { outcomes[index] = outcome }
                return outcomes.compactMap { $0 }
            }
            if single, case .failure(let failure) = outcomes[0] { throw failure }
            let failed = outcomes.filter { if case .failure = $0 { true } else { false } }.count
            if session.json {
                let values = outcomes.map { outcome -> JSONValue in
                    switch outcome {
                    case .success(let value): value
                    case .failure(let failure): .object(["error": .object(["code": .string(failure.code), "message": .string(failure.message)])])
                    }
                }
                Output.json(single ? values[0] : .array(values))
            } else if single, case .success(let value) = outcomes[0] {
                Output.print(TableRenderer.keyValues([("id", Output.cell(value["id"])), ("created", Output.cell(value["created"]))]))
            } else {
                var table = TableRenderer(["#", "ID", "CREATED", "ERROR"], rightAligned: [0, 1])
                for (index, outcome) in outcomes.enumerated() {
                    switch outcome {
                    case .success(let value):
                        table.append([String(index), Output.cell(value["id"]), Output.cell(value["created"]), ""])
                    case .failure(let failure):
                        table.append([String(index), "-", "-", ([failure.code + ": " + failure.message] + failure.details).joined(separator: "; ")])
                    }
                }
                Output.print(table.render())
                Output.line("\(outcomes.count - failed) ok, \(failed) failed")
            }
            if failed > 0 {
                throw CtlFailure(code: "partial", message: "\(failed) of \(outcomes.count) calls failed", status: CtlFailure.rpcStatus)
            }
        }
    }
}
