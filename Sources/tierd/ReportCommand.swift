import ArgumentParser
import Foundation
import TierImport
import TierPolicy
import TierServer

/// `tierd report --out DIR`: the branch report as a self-contained HTML page with
/// SVG charts, and the same figures as JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the branch report: index.html (charts) and report.json.",
        discussion: """
            The Pareto curve of customers against premium with the ABC cuts, value tiers and their \
            upgrades and downgrades over the latest classification runs, RFM types, the yearly \
            entitlement cost per tier against its budget (every customer decided under --policies), \
            and the revisit funnel with outcomes and churn reasons. With --candidate, a policy \
            simulation of that set is added. Progress shows on standard error when it is a terminal.
            """)

    @Option(name: .long, help: ArgumentHelp("The directory to write index.html and report.json into.", valueName: "dir"))
    var out: String
    @Option(name: .long, help: "The active policy set's directory.") var policies = "policies/branch"
    @Option(name: .long, help: ArgumentHelp("A candidate policy set to simulate in the report.", valueName: "dir"))
    var candidate: String?
    @Option(name: .long, help: ArgumentHelp("The day to report for. Default: today.", valueName: "YYYY-MM-DD"))
    var asOf: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let asOf, CivilDate.parse(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD") }
    }

    func run() throws {
        let query = BranchReportQuery(
            policy: try PolicyCommand.loaded(policies), candidate: try candidate.map(PolicyCommand.loaded))
        let day = asOf.flatMap(CivilDate.parse) ?? WireTime.today()
        let connection = try database.connect()
        let bar = TerminalProgressBar.standardError()
        let report: BranchReport
        do {
            report = try query.run(asOf: day, on: connection) { phase, done, total in
                bar?.update(label: phase, done: done, total: total, unit: total == nil ? "" : "customers")
            }
            bar?.finish()
        } catch {
            bar?.finish()
            throw error
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try BranchReportHTML.render(report).write(toFile: out + "/index.html", atomically: true, encoding: .utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(report).write(to: URL(fileURLWithPath: out + "/report.json"), options: .atomic)
        print("\(out)/index.html: \(report.customers) customers, \(report.runs.count) classification runs, "
              + "\(report.funnel.first?.count ?? 0) revisit calls\(report.simulation == nil ? "" : ", a policy simulation")")
    }
}
