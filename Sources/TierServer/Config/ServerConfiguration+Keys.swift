extension ServerConfiguration {
    /// Every setting, in documentation order.
    public static let keys: [ConfigurationKey] = [
        .string("listen", "TCP address HOST:PORT; empty disables TCP", \.listen),
        .string("socket", "Unix socket path; empty disables it", \.socket),
        .string("policies", "policy directory", \.policies),
        .string("database", "libpq conninfo or postgresql:// URI", \.database),
        .string("read_database", "libpq conninfo of a read pool (a streaming replica) for entitlement reads; empty: reads use database",
                \.readDatabase),
        .string("http.listen", "HOST:PORT of the HTTP endpoint for /metrics, /healthz and /readyz; empty disables it", \.http.listen),
        .flag("http.rpc", "also serve protocol v1 as POST /rpc with a bearer token on the HTTP endpoint", \.http.rpc),
        .int("http.max_connections", "open HTTP connections; beyond it, 503 and close", \.http.maxConnections),
        .int("pool.connections", "database connections", \.pool.connections),
        .int("pool.acquire_timeout_ms", "wait for a free connection before `unavailable`", \.pool.acquireTimeoutMs),
        .string("tls.certificate", "PEM certificate chain; TLS is on when this and tls.key are set", \.tls.certificate),
        .string("tls.key", "PEM private key", \.tls.key),
        .string("tls.client_ca", "PEM CAs of client certificates; when set, TCP clients must present one (mutual TLS)", \.tls.clientCA),
        .int("limits.max_frame_bytes", "longest line accepted", \.limits.maxFrameBytes, minimum: 64),
        .int("limits.max_batch", "requests in one batch", \.limits.maxBatch),
        .int("limits.max_nesting_depth", "JSON nesting depth", \.limits.maxNestingDepth, minimum: 4),
        .int("limits.max_in_flight", "requests in flight per connection", \.limits.maxInFlight),
        .int("limits.max_connections", "open connections", \.limits.maxConnections),
        .seconds("limits.idle_timeout_seconds", "close a connection silent this long", \.limits.idleTimeoutSeconds),
        .seconds("limits.read_timeout_seconds", "close a connection whose started line stalls this long", \.limits.readTimeoutSeconds),
        .int("limits.hello_attempts", "failed hellos before the connection closes", \.limits.helloAttempts),
        .int("limits.hello_failures_per_address", "failed hellos from one address, over all its connections, before its hellos are refused; 0: no limit", \.limits.helloFailuresPerAddress, minimum: 0),
        .seconds("limits.hello_failure_window_seconds", "the window those failures are counted in, and how long the refusal lasts", \.limits.helloFailureWindowSeconds),
        .int("decision_log.batch_size", "rows per decision-log write", \.decisionLog.batchSize),
        .int("decision_log.flush_interval_ms", "longest a record waits before a write starts", \.decisionLog.flushIntervalMs),
        .int("decision_log.queue_capacity", "records held in memory before requests wait", \.decisionLog.queueCapacity),
        .int("decision_log.queue_bytes", "bytes of decision records held in memory before requests wait", \.decisionLog.queueBytes),
        .int("decision_log.enqueue_timeout_ms", "longest a request waits for room before `overloaded`", \.decisionLog.enqueueTimeoutMs),
        .int("facts_cache.capacity", "customers' facts kept between requests; 0 turns the cache off", \.factsCache.capacity),
        .choice("log.level", "log level", \.log.level, ["trace", "debug", "info", "notice", "warning", "error", "critical"]),
        .choice("log.format", "log format", \.log.format, ["json", "text"]),
        .seconds("shutdown_grace_seconds", "how long SIGTERM waits for in-flight requests", \.shutdownGraceSeconds),
        .flag("jobs.enabled", "schedule the periodic jobs in this daemon", \.jobs.enabled),
        .string("jobs.instance", "the name this daemon holds job leases under; empty: HOST:PID", \.jobs.instance),
        .seconds("jobs.lease_seconds", "a job leader's lease; longer than the longest run", \.jobs.leaseSeconds),
        .seconds("jobs.tick_seconds", "how often due slots are checked and leases renewed", \.jobs.tickSeconds),
        .int("jobs.catch_up_limit", "most missed slots of a job run after downtime", \.jobs.catchUpLimit),
    ] + ServerConfiguration.Jobs.scheduledJobs.map { job in
        ConfigurationKey.schedule(job, ServerConfiguration.Jobs.defaultSchedules[job] ?? .off)
    }

    /// The setting with a dotted path.
    public static func key(_ path: String) -> ConfigurationKey? {
        keys.first { $0.path == path }
    }
}
