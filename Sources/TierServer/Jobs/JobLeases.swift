import Foundation
import TierStore

/// The leader leases of periodic jobs (`job_leases`). Each call is one statement,
/// blocking: call them on a pooled connection's worker thread.
public enum JobLeases {
    /// Takes the lease on `job` for `ttl`: creates it, takes it over when it has
    /// expired (incrementing the fencing token), or renews it when `holder` already
    /// holds it (same token). Nil when another holder's lease is live.
    ///
    /// One upsert, so two holders racing for the lease serialise on the row: the
    /// second sees the first's live lease and gets nil. A live lease of another
    /// holder is seen first by a plain read, which takes no row lock: the leader's
    /// run holds its row `FOR SHARE` (``guardCurrent(_:on:)``), and the upsert would
    /// wait for that whole run only to return nil. An expired lease still goes
    /// through the upsert and waits, which is the fence against a deposed leader.
    public static func acquire(job: String, holder: String, ttl: Duration, on connection: PGConnection) throws -> JobLease? {
        let held = try connection.executePrepared(
            "SELECT 1 FROM job_leases WHERE job = $1::text AND holder <> $2::text AND expires_at > now()", [job, holder])
        if !held.isEmpty { return nil }
        let rows = try connection.executePrepared(
            """
            INSERT INTO job_leases AS l (job, holder, fencing_token, expires_at)
            VALUES ($1::text, $2::text, 1, now() + $3::double precision * interval '1 second')
            ON CONFLICT ON CONSTRAINT job_leases_pkey DO UPDATE
            SET fencing_token = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > now()
                                     THEN l.fencing_token ELSE l.fencing_token + 1 END,
                holder = EXCLUDED.holder,
                expires_at = EXCLUDED.expires_at
            WHERE l.holder = EXCLUDED.holder OR l.expires_at <= now()
            RETURNING fencing_token, expires_at
            """, [job, holder, seconds(ttl)])
        guard let row = rows.first else { return nil }
        return JobLease(job: job, holder: holder, token: try row.decode(0), expiresAt: try row.decode(1))
    }

    /// The lease on `job` as it is now (live or expired), nil when there is none.
    public static func current(job: String, on connection: PGConnection) throws -> JobLease? {
        let rows = try connection.executePrepared(
            "SELECT holder, fencing_token, expires_at FROM job_leases WHERE job = $1::text", [job])
        guard let row = rows.first else { return nil }
        return JobLease(job: job, holder: try row.decode(0), token: try row.decode(1), expiresAt: try row.decode(2))
    }

    /// Gives the lease up early, so another holder need not wait for it to expire.
    /// Does nothing when `lease` is no longer the current one.
    public static func release(_ lease: JobLease, on connection: PGConnection) throws {
        try connection.executePrepared(
            // Expire rather than delete: the row keeps the token, so the next holder's is higher.
            """
            UPDATE job_leases SET expires_at = least(expires_at, now())
            WHERE job = $1::text AND holder = $2::text AND fencing_token = $3::bigint
            """,
            [lease.job, lease.holder, lease.token])
    }

    /// Throws ``JobError/deposed(job:holder:token:)`` unless `lease` is the job's
    /// current, live lease. Call it first inside the job's write transaction: the
    /// `FOR SHARE` lock it takes makes a takeover wait until that transaction ends,
    /// so a deposed leader cannot commit a write after it lost the lease.
    public static func guardCurrent(_ lease: JobLease, on connection: PGConnection) throws {
        let rows = try connection.executePrepared(
            """
            SELECT 1 FROM job_leases
            WHERE job = $1::text AND holder = $2::text AND fencing_token = $3::bigint AND expires_at > now()
            FOR SHARE
            """, [lease.job, lease.holder, lease.token])
        if rows.isEmpty { throw JobError.deposed(job: lease.job, holder: lease.holder, token: lease.token) }
    }

    /// `duration` in (fractional) seconds, for an SQL interval.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
