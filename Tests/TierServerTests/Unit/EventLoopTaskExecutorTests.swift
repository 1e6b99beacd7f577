import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import TierServer

/// A request task preferring a connection's event loop runs on that loop's thread,
/// before and after it awaits work elsewhere.
@Suite struct EventLoopTaskExecutorTests {
    @Test func tasksRunOnTheEventLoopAcrossSuspensions() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loop = group.next()
        let executor = EventLoopTaskExecutor(loop)
        let onLoop = await Task(executorPreference: executor) { () async -> [Bool] in
            let before = loop.inEventLoop
            // Suspend on work done by another thread, as a pooled database call does.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                Thread { continuation.resume() }.start()
            }
            return [before, loop.inEventLoop]
        }.value
        #expect(onLoop == [true, true])
        let elsewhere = await Task { loop.inEventLoop }.value
        #expect(!elsewhere)
        try await group.shutdownGracefully()
    }
}
