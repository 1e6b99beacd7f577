import Foundation
import Logging
import TierStore
import TierWire

/// `policy.status`, `policy.reload` and `health.check`.
public struct PolicyService: Sendable {
    let pool: PGPool
    let policies: PolicyHolder
    let startedAt: ContinuousClock.Instant
    let logger: Logger

    public init(pool: PGPool, policies: PolicyHolder, logger: Logger) {
        self.pool = pool
        self.policies = policies
        self.startedAt = .now
        self.logger = logger
    }

    public func status() -> PolicyRevisionInfo {
        info(policies.current, previous: nil)
    }

    /// Reloads; on failure the running revision keeps serving and the diagnostics
    /// go back in `policy_invalid`. A reload through the protocol is audited.
    public func reload(by principal: String) async throws -> PolicyRevisionInfo {
        do {
            let (previous, current) = try policies.reload()
            logger.notice("policy reloaded", metadata: [
                "revision": "\(current.revision)", "previous": "\(previous.revision)", "by": "\(principal)",
            ])
            try await audit(principal, ok: true, revision: current.revision, detail: previous.revision)
            return info(current, previous: previous.revision)
        } catch let error as PolicyReloadError {
            logger.error("policy reload refused; the running revision keeps serving", metadata: [
                "revision": "\(policies.current.revision)", "errors": "\(error.diagnostics.count)",
                "diagnostics": "\(error.diagnostics.prefix(20).joined(separator: "; "))",
            ])
            try? await audit(principal, ok: false, revision: policies.current.revision, detail: "\(error.diagnostics.count) errors")
            throw RPCError(
                .policyInvalid, "the policy directory has \(error.diagnostics.count) error(s); revision \(policies.current.revision.prefix(12)) keeps serving",
                data: ["diagnostics": .array(error.diagnostics.map(JSONValue.string))])
        }
    }

    /// Simulates the candidate set in `params.directory` against every customer,
    /// beside the revision serving now. A candidate that does not compile fails
    /// with `policy_invalid` and its diagnostics. It holds one pool connection for
    /// the whole walk of the customers.
    public func simulate(_ params: PolicySimulateParams, by principal: String) async throws -> PolicySimulationReport {
        let samples = params.samples ?? 5
        guard (0...100).contains(samples) else { throw RPCError.invalidParams(path: "samples", "must be 0 to 100") }
        let candidate: LoadedPolicy
        do {
            candidate = try PolicyHolder.load(params.directory)
        } catch {
            throw RPCError(
                .policyInvalid, "the candidate policy set has \(error.diagnostics.count) error(s)",
                data: ["diagnostics": .array(error.diagnostics.map(JSONValue.string))])
        }
        let simulator = PolicySimulator(active: policies.current, candidate: candidate, samples: samples)
        let today = WireTime.today()
        let report = try await pool.withConnection { try simulator.run(asOf: today, on: $0) }
        logger.notice("policy simulated", metadata: [
            "candidate": "\(report.candidateRevision)", "active": "\(report.activeRevision)", "by": "\(principal)",
            "customers": "\(report.customers)", "changed": "\(report.changedCustomers)",
        ])
        return report
    }

    public func health() async -> HealthCheck.Result {
        let database: String
        do {
            _ = try await pool.withConnection { try $0.execute("SELECT 1").scalar(Int.self) }
            database = "ok"
        } catch {
            database = "unavailable"
        }
        return HealthCheck.Result(
            status: database == "ok" ? "ok" : "degraded", database: database, revision: policies.current.revision,
            uptimeSeconds: (ContinuousClock.now - startedAt).components.seconds, version: TierdVersion.current)
    }

    private func info(_ policy: LoadedPolicy, previous: String?) -> PolicyRevisionInfo {
        PolicyRevisionInfo(
            revision: policy.revision, previousRevision: previous, loadedAt: WireTime.format(policy.loadedAt),
            directory: policy.directory, files: policy.files, entitlements: policy.set.catalogue.count)
    }

    private func audit(_ principal: String, ok: Bool, revision: String, detail: String) async throws {
        _ = try await pool.withConnection { connection in
            try connection.executePrepared(
                """
                INSERT INTO audit_log (principal, action, target_kind, target_id, detail)
                VALUES ($1, $2, 'policy_revision', $3, jsonb_build_object('ok', $4::boolean, 'detail', $5::text))
                """, [principal, ok ? "policy.reload" : "policy.reload_refused", revision, ok, detail])
        }
    }
}

/// The daemon's version, reported by `health.check`.
public enum TierdVersion {
    public static let current = "0.4.0"
}
