import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs PostgreSQL tools, as the cluster's OS user when the process is root.
struct CommandRunner: Sendable {
    /// The user server-side tools run as (`nil`: the current user).
    let user: ClusterUser?

    /// Runs `executable` as ``user`` (through `setpriv`, else `runuser`).
    func runAsClusterUser(_ executable: String, _ arguments: [String]) throws -> CommandResult {
        guard let user else { return try Self.run(executable, arguments) }
        let (wrapper, wrapperArguments) = try user.privilegeDropCommand()
        return try Self.run(
            wrapper, wrapperArguments + [executable] + arguments,
            environment: Self.environment(for: user)
        )
    }

    /// Runs `executable` directly, from `/`, with standard input from `/dev/null`,
    /// and waits for it. Output is captured; PG* and locale variables are removed
    /// from the environment (`LC_ALL=C`) so no outside setting redirects or
    /// translates the tools.
    ///
    /// Uses `posix_spawn` rather than Foundation's `Process`: the child must inherit
    /// no descriptor but its standard streams. `Process` hands every child a socket
    /// it watches to notice the exit, and a server daemonised by `pg_ctl start`
    /// would keep that socket (and the caller's wait) open for its whole life; any
    /// other inherited descriptor (a listening socket, another thread's pipe) would
    /// likewise stay open in the server.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = environment(for: nil)
    ) throws -> CommandResult {
        var output: [Int32] = [-1, -1]
        var error: [Int32] = [-1, -1]
        guard makePipe(&output) else {
            throw ClusterError(.binariesNotFound, "cannot run \(executable): pipe: \(String(cString: strerror(errno)))")
        }
        guard makePipe(&error) else {
            let reason = String(cString: strerror(errno))
            close(output[0]); close(output[1])
            throw ClusterError(.binariesNotFound, "cannot run \(executable): pipe: \(reason)")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, error[1], 2)
        SpawnExtensions.closeDescriptors(from: 3, in: &actions)
        SpawnExtensions.changeDirectory(to: "/", in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaultSignals, signal)
        }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        // Own process group: a Ctrl-C meant for tierd does not hit the tools.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(output[1])
        close(error[1])
        guard spawned == 0 else {
            close(output[0]); close(error[0])
            throw ClusterError(.binariesNotFound, "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        let (standardOutput, standardError) = drain(output[0], error[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return CommandResult(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            standardOutput: String(decoding: standardOutput, as: UTF8.self),
            standardError: String(decoding: standardError, as: UTF8.self)
        )
    }

    /// `pipe` with both ends close-on-exec (`pipe2` is not imported into Swift).
    private static func makePipe(_ descriptors: inout [Int32]) -> Bool {
        guard pipe(&descriptors) == 0 else { return false }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Reads both descriptors to end of file (with `poll`, so neither pipe can fill
    /// up and block the child), then closes them.
    private static func drain(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var descriptors = [pollfd(fd: first, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var collected: [[UInt8]] = [[], []]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while descriptors.contains(where: { $0.fd >= 0 }) {
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in descriptors.indices where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                }
            }
        }
        for descriptor in descriptors where descriptor.fd >= 0 { close(descriptor.fd) }
        return (collected[0], collected[1])
    }

    /// The inherited environment without PG*, LANG and LC_* variables, plus
    /// `LC_ALL=C`, and `HOME`, `USER`, `LOGNAME` of `user` when given.
    static func environment(for user: ClusterUser?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("PG") && !key.hasPrefix("LC_") && key != "LANG" && key != "LANGUAGE"
        }
        environment["LC_ALL"] = "C"
        if let user {
            environment["HOME"] = user.home
            environment["USER"] = user.name
            environment["LOGNAME"] = user.name
        }
        return environment
    }
}

/// glibc's `posix_spawn` extensions, which Swift's Glibc module does not import
/// (they need `_GNU_SOURCE`); looked up at run time.
private enum SpawnExtensions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(dlopen(nil, RTLD_LAZY), name)
    }

    /// Closes every descriptor from `lowest` up in the child (glibc ≥ 2.34).
    /// Without it, only close-on-exec descriptors stay out of the child.
    static func closeDescriptors(from lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        guard let address = symbol("posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(address, to: CloseFrom.self)(&actions, lowest)
    }

    /// Makes the child start in `directory` (glibc ≥ 2.29); without it the child
    /// inherits the current directory.
    static func changeDirectory(to directory: String, in actions: inout posix_spawn_file_actions_t) {
        guard let address = symbol("posix_spawn_file_actions_addchdir_np") else { return }
        _ = unsafeBitCast(address, to: ChangeDirectory.self)(&actions, directory)
    }
}
