import Foundation
import Testing
import TierFuzzTargets

/// Every committed fuzz input, seeds and crashes found since, runs through its target
/// on every test run: a crash that was fixed stays fixed.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus").path

    static func inputs(_ target: FuzzTarget) -> [String] {
        let directory = corpus + "/" + target.rawValue
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        return names.sorted().map { directory + "/" + $0 }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func theCorpusRunsThroughItsTarget(_ target: FuzzTarget) throws {
        let inputs = Self.inputs(target)
        #expect(inputs.count >= 5, "the \(target.rawValue) corpus has lost its seeds")
        for path in inputs {
            let data = try #require(FileManager.default.contents(atPath: path), "\(path)")
            target.run(Array(data))
        }
    }
}
