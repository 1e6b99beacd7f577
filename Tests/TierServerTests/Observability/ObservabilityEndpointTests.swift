import Testing
import TierServer

/// The HTTP routes, without sockets.
@Suite struct ObservabilityEndpointTests {
    let ready = ObservabilityEndpoint(metrics: { Array("tierd_up 1\n".utf8) }, readiness: { Readiness(problems: []) })
    let unready = ObservabilityEndpoint(
        metrics: { [] }, readiness: { Readiness(problems: ["the database does not answer", "shutting down"]) })

    @Test func metricsAreServedInPrometheusTextFormat() async {
        let reply = await ready.reply(method: "GET", target: "/metrics")
        #expect(reply.status == 200)
        #expect(reply.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(String(decoding: reply.body, as: UTF8.self) == "tierd_up 1\n")
        // A query string does not change the route.
        #expect(await ready.reply(method: "GET", target: "/metrics?name=x").status == 200)
    }

    @Test func livenessDoesNotDependOnReadiness() async {
        let reply = await unready.reply(method: "GET", target: "/healthz")
        #expect(reply.status == 200)
        #expect(String(decoding: reply.body, as: UTF8.self) == "ok\n")
    }

    @Test func readinessSaysWhyNot() async {
        #expect(await ready.reply(method: "GET", target: "/readyz").status == 200)
        let reply = await unready.reply(method: "GET", target: "/readyz")
        #expect(reply.status == 503)
        #expect(String(decoding: reply.body, as: UTF8.self) == "not ready: the database does not answer; shutting down\n")
    }

    @Test func otherPathsAndMethodsAreRefused() async {
        #expect(await ready.reply(method: "GET", target: "/").status == 404)
        #expect(await ready.reply(method: "GET", target: "/metrics/x").status == 404)
        let post = await ready.reply(method: "POST", target: "/metrics")
        #expect(post.status == 405)
        #expect(post.headers["Allow"] == "GET, HEAD")
        #expect(await ready.reply(method: "HEAD", target: "/healthz").status == 200)
    }
}
