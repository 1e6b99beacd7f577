import NIOCore

/// Runs a connection's request tasks on the connection's own event loop thread.
///
/// Without a preference a request task runs on Swift's global executor: the event
/// loop hands the request to another thread and that thread hands the answer back,
/// two thread wake-ups per request that showed as a tenth of the daemon's profile.
/// The work is short (an evaluation, JSON); what blocks (libpq) runs on the pool's
/// own threads, whose continuations resume here.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the event loop is Sendable and the class has no other state.
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
