import ArgumentParser
import Foundation
import TierImport
import TierStore

/// `tierd import customers|policies FILE.csv`: loads a CSV file, all or nothing.
struct ImportCommand: ParsableCommand {
    /// What the file holds.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case customers, policies

        var importKind: ImportKind {
            switch self {
            case .customers: .customers
            case .policies: .policies
            }
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers or policies from a CSV file (all rows or none).",
        discussion: """
            The file is RFC 4180 CSV in UTF-8 (BOM optional, LF or CRLF) with a header row \
            naming the columns; docs/IMPORT.md lists them. Every row is checked and every \
            error is reported as FILE:LINE: reason. A file with any bad row loads nothing \
            and exits 1, unless --skip-bad, which loads the good rows and reports the bad ones. \
            Keys already in the database (external_ref, policy_no) are errors: rows are never \
            updated.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "What the file holds: customers or policies.")
    var kind: Kind

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv"))
    var file: String

    @Flag(name: .long, help: "Load the good rows and report the bad ones instead of refusing the file.")
    var skipBad = false

    @Option(name: .long, help: ArgumentHelp(
        "The branch the file belongs to. Customers: fills an empty or missing branch column. Policies: every customer must be in it.",
        valueName: "code"))
    var branch: String?

    @Option(name: .customLong("max-errors"), help: "Print at most this many row errors (all are counted).")
    var maxErrors = 50

    func validate() throws {
        guard maxErrors >= 0 else { throw ValidationError("--max-errors must not be negative") }
    }

    func run() throws {
        let connection = try database.connect()
        let options = ImportOptions(skipBad: skipBad, branch: branch, maxStoredErrors: max(maxErrors, 1))
        let importer = CSVImporter(kind: kind.importKind, options: options)
        let bar = TerminalProgressBar.standardError()
        let report: ImportReport
        do {
            report = try importer.run(file: file, connection: connection) { bar?.update($0) }
            bar?.finish()
        } catch {
            bar?.finish()
            printError(error.line.map { "\(file):\($0): \(error.message)" } ?? "\(file): \(error.message)")
            throw ExitCode.failure
        }
        for error in report.errors.prefix(maxErrors) {
            printError("\(file):\(error.line): \(error.reason)")
        }
        if report.errorCount > maxErrors {
            printError("\(file): ... and \(report.errorCount - min(maxErrors, report.errors.count)) more errors")
        }
        print(report.summary)
        if report.isRefused {
            printError("\(file): refused: \(report.rowsRejected) bad row\(report.rowsRejected == 1 ? "" : "s"), nothing loaded (--skip-bad loads the good rows)")
            throw ExitCode.failure
        }
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
