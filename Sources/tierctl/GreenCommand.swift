import ArgumentParser
import Foundation
import TierClient
import TierWire

/// `tierctl green`: green-channel tickets.
struct GreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "green", abstract: "Open, close and list green-channel tickets.",
        subcommands: [GreenOpenCommand.self, GreenCloseCommand.self, GreenListCommand.self])
}

/// The kinds of green channel.
enum GreenKind: String, ExpressibleByArgument, CaseIterable {
    case counter, claims, underwriting
}

/// How a ticket is closed.
enum GreenOutcome: String, ExpressibleByArgument, CaseIterable {
    case resolved, cancelled
}

/// Ticket statuses.
enum GreenStatus: String, ExpressibleByArgument, CaseIterable {
    case open, inProgress = "in_progress", closed, cancelled
}

/// `tierctl green open`: opens a ticket, idempotently.
struct GreenOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Call greenchannel.open (idempotent by --key).",
        discussion: """
            Without --key a new key (a UUID) is made and printed on stderr; retry with \
            --key KEY to get the same ticket back instead of a second one.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The customer's tierd id.")
    var customer: Int64

    @Option(help: "counter, claims or underwriting.")
    var kind: GreenKind

    @Option(help: "Branch code, e.g. SH-PD.")
    var branch: String

    @Option(help: "Employee id of the staff member opening it.")
    var staff: Int64

    @Option(help: "Idempotency key (default: a new UUID, printed).")
    var key: String?

    @Option(help: "A note on the ticket.")
    var note: String?

    func run() async throws {
        let key = self.key ?? UUID().uuidString.lowercased()
        if self.key == nil {
            Output.error("tierctl: idempotency key \(key) (to retry this request safely: --key \(key))")
        }
        try await withSession(global) { session throws(CtlFailure) in
            let params = GreenChannelOpen.Params(
                customerId: customer, kind: kind.rawValue, branch: branch, staffId: staff, idempotencyKey: key, note: note)
            let (raw, result) = try await session.call(GreenChannelOpen.self, params)
            if session.json { return Output.json(raw) }
            Output.print(TableRenderer.keyValues([
                ("ticket", String(result.ticketId)),
                ("status", result.status),
                ("priority", String(result.priority)),
                ("sla due", result.slaDueAt),
                ("entitlement", result.entitlement),
                ("replayed", String(result.replayed)),
                ("idempotency key", key),
            ]))
        }
    }
}

/// `tierctl green close TICKET`: closes a ticket.
struct GreenCloseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Call greenchannel.close.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The ticket id.")
    var ticket: Int64

    @Option(help: "resolved or cancelled.")
    var outcome: GreenOutcome

    @Option(help: "A note on the ticket.")
    var note: String?

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            let params = GreenChannelClose.Params(ticketId: ticket, outcome: outcome.rawValue, note: note)
            let (raw, result) = try await session.call(GreenChannelClose.self, params)
            if session.json { return Output.json(raw) }
            Output.print(Self.render(result))
        }
    }

    static func render(_ ticket: GreenChannelTicket) -> String {
        TableRenderer.keyValues([
            ("ticket", String(ticket.ticketId)),
            ("customer", String(ticket.customerId)),
            ("kind", ticket.kind),
            ("branch", ticket.branch),
            ("staff", ticket.staffId.map(String.init) ?? "-"),
            ("status", ticket.status),
            ("priority", String(ticket.priority)),
            ("sla due", ticket.slaDueAt),
            ("opened", ticket.openedAt),
            ("closed", Output.orDash(ticket.closedAt)),
            ("note", Output.orDash(ticket.note)),
        ])
    }
}

/// `tierctl green list`: tickets, newest first.
struct GreenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Call greenchannel.list.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this branch.")
    var branch: String?

    @Option(help: "open, in_progress, closed or cancelled.")
    var status: GreenStatus?

    @OptionGroup var page: PageOptions

    func run() async throws {
        try await withSession(global) { session throws(CtlFailure) in
            var tickets: [GreenChannelTicket] = []
            let walk = try await PageWalk.walk(
                GreenChannelList.self, session: session, from: page.cursor, all: page.all, itemsKey: "tickets",
                params: { GreenChannelList.Params(branch: branch, status: status?.rawValue, cursor: $0, limit: page.limit) },
                nextCursor: \.nextCursor, onPage: { tickets += $0.tickets })
            let cursor = walk.cursor
            if session.json {
                var object: [String: JSONValue] = ["tickets": .array(walk.rawItems)]
                if let cursor { object["next_cursor"] = .string(cursor) }
                return Output.json(.object(object))
            }
            var table = TableRenderer(
                ["TICKET", "CUSTOMER", "KIND", "BRANCH", "STAFF", "STATUS", "PRI", "SLA DUE", "OPENED", "CLOSED"],
                rightAligned: [0, 1, 4, 6])
            for ticket in tickets {
                table.append([
                    String(ticket.ticketId), String(ticket.customerId), ticket.kind, ticket.branch,
                    ticket.staffId.map(String.init) ?? "-", ticket.status, String(ticket.priority), ticket.slaDueAt,
                    ticket.openedAt, Output.orDash(ticket.closedAt),
                ])
            }
            Output.print(tickets.isEmpty ? "no tickets\n" : table.render())
            Output.line("\(tickets.count) tickets")
            if let cursor { Output.line("next_cursor: \(cursor)  (pass --cursor \(cursor), or --all)") }
        }
    }
}
