import Foundation
import Testing
import TierPolicy

/// Every policy set in `policies/` loads with no diagnostics and passes its own test
/// cases and broken-file corpus, exactly as `tierd policy test` runs them.
@Suite struct PolicySetsOnDiskTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("policies")

    /// `policies/branch` and each directory under `policies/examples`.
    static var setDirectories: [String] {
        let examples = root.appendingPathComponent("examples").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples)) ?? []
        return [root.appendingPathComponent("branch").path]
            + names.sorted().map { (examples as NSString).appendingPathComponent($0) }
                .filter { var isDirectory: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }

    static func files(_ directory: String, _ keep: (String) -> Bool) throws -> [PolicySourceFile] {
        try (FileManager.default.subpaths(atPath: directory) ?? []).sorted()
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && keep($0) }
            .map { PolicySourceFile(name: $0, text: try String(contentsOfFile: (directory as NSString).appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test(arguments: setDirectories)
    func setLoadsAndPassesItsTests(_ directory: String) throws {
        let sources = try Self.files(directory) { !$0.hasPrefix("tests/") }
        #expect(!sources.isEmpty, "\(directory) has no policy files")
        let set: PolicySet
        switch PolicyLoader.load(sources) {
        case .success(let loaded): set = loaded
        case .failure(let list):
            Issue.record("\(directory) does not load:\n\(list)")
            return
        }
        let cases = try Self.files(directory) { $0.hasPrefix("tests/") && !$0.hasPrefix("tests/broken/") }
        #expect(!cases.isEmpty, "\(directory) has no test cases")
        var report = PolicyTestRunner.run(set, testFiles: cases)
        report.results += PolicyTestRunner.checkBroken(try Self.files(directory) { $0.hasPrefix("tests/broken/") })
        #expect(report.problems.isEmpty, "\(report.problems)")
        for result in report.results where !result.passed {
            Issue.record("\(directory)/\(result.location) \(result.name): \(result.failures.joined(separator: "; "))")
        }
        #expect(report.passed > 0)
    }
}
