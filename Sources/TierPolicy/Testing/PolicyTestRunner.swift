import TierCalendar

/// Runs a set's YAML test cases and checks its broken-file corpus.
public enum PolicyTestRunner {
    /// The as-of date and channel of a case that does not give them.
    public static let defaultAsOf = CivilDate.days(year: 2026, month: 1, day: 1)
    public static let defaultChannel = "counter"

    /// Runs the cases in `testFiles` against `set`.
    public static func run(_ set: PolicySet, testFiles: [PolicySourceFile]) -> PolicyTestReport {
        var report = PolicyTestReport()
        for file in testFiles.sorted(by: { $0.name < $1.name }) {
            switch YAMLReader.read(file.text, file: file.name) {
            case .failure(let list): report.problems += list.diagnostics
            case .success(let documents):
                for document in documents {
                    guard let cases = document.entries?.first(where: { $0.key == "cases" })?.value.items else {
                        report.problems.append(PolicyDiagnostic(.missingKey, "a test file holds 'cases:', a list of cases", at: document.location))
                        continue
                    }
                    for node in cases { report.results.append(runCase(node, set)) }
                }
            }
        }
        return report
    }

    /// Loads each broken file alone and checks it reports what its first line expects:
    /// `# expect: CODE LINE:COL`.
    public static func checkBroken(_ files: [PolicySourceFile], schema: FactSchema = .standard) -> [PolicyTestReport.Result] {
        files.sorted(by: { $0.name < $1.name }).map { file in
            let at = PolicyLocation(file: file.name, line: 1, column: 1)
            let header = file.text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            let words = header.split(separator: " ").map(String.init)
            guard words.count == 4, words[0] == "#", words[1] == "expect:",
                  let code = PolicyDiagnostic.Code(rawValue: words[2]) else {
                return .init(name: file.name, location: at, failures: ["the first line must be '# expect: CODE LINE:COL'"])
            }
            let place = words[3].split(separator: ":").compactMap { Int($0) }
            guard place.count == 2 else {
                return .init(name: file.name, location: at, failures: ["'\(words[3])' is not LINE:COL"])
            }
            switch PolicyLoader.load([file], schema: schema) {
            case .success:
                return .init(name: file.name, location: at, failures: ["loaded without errors; expected \(code.rawValue) at \(words[3])"])
            case .failure(let list):
                let hit = list.diagnostics.contains { $0.code == code && $0.location.line == place[0] && $0.location.column == place[1] }
                return .init(name: file.name, location: at, failures: hit ? [] : [
                    "expected \(code.rawValue) at \(words[3]); got " + list.diagnostics.map { "\($0.code.rawValue) at \($0.location.line):\($0.location.column)" }.joined(separator: ", "),
                ])
            }
        }
    }
}
