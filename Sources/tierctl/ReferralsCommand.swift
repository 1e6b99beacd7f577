import ArgumentParser
import TierClient
import TierWire

/// `tierctl referrals EMPLOYEE_ID`: an employee's referral reward account.
struct ReferralsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals", abstract: "Call referrals.account: an employee's commissions and clawbacks, newest first.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The employee's id.")
    var employeeId: Int64

    @Option(help: "Entries to show, 1 to 1000.")
    var limit: Int?

    @Option(help: "Continue from a next_cursor.")
    var cursor: String?

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let (raw, account) = try await session.call(
                ReferralsAccount.self, .init(employeeId: employeeId, cursor: cursor, limit: limit))
            if session.json { return Output.json(raw) }
            Output.print(TableRenderer.keyValues([
                ("employee", "\(account.employeeId) (\(account.employeeNo))"), ("accrued", account.accrued),
                ("clawed back", account.clawedBack), ("balance", account.balance),
            ]))
            Output.line()
            var table = TableRenderer(["ID", "KIND", "AMOUNT", "POLICY", "CUSTOMER", "AGENT", "COMPLAINT", "AT"], rightAligned: [0, 2])
            for entry in account.entries {
                table.append([
                    String(entry.id), entry.kind, entry.amount, entry.policyNo, String(entry.customerId),
                    Output.orDash(entry.sellingAgentId.map(String.init)), Output.orDash(entry.complaintId.map(String.init)),
                    entry.createdAt,
                ])
            }
            Output.print(account.entries.isEmpty ? "no entries\n" : table.render())
            if let next = account.nextCursor { Output.line("next_cursor: \(next)  (pass --cursor \(next))") }
        }
    }
}
