import Testing
import TierServer
import TierWire

@Suite struct SessionStateTests {
    let counter = Principal(name: "counter-01", role: .counter)

    @Test func everyCallBeforeHelloIsUnauthenticated() {
        var session = SessionState(maxHelloAttempts: 3)
        guard case .reject(let error) = session.admit(method: EntitlementsGet.name) else {
            Issue.record("a call before hello was admitted")
            return
        }
        #expect(error.code == .unauthenticated)
        #expect(session.phase == .awaitingHello)
    }

    @Test func callsDuringHelloWaitThenRunAsThePrincipal() {
        var session = SessionState(maxHelloAttempts: 3)
        #expect(session.admit(method: SessionHello.name) == .hello)
        #expect(session.admit(method: EntitlementsGet.name) == .wait)
        session.helloSucceeded(counter)
        #expect(session.admit(method: EntitlementsGet.name) == .dispatch(counter))
    }

    @Test func aSecondHelloWhileOneIsCheckedIsRefused() {
        var session = SessionState(maxHelloAttempts: 3)
        _ = session.admit(method: SessionHello.name)
        guard case .reject(let error) = session.admit(method: SessionHello.name) else {
            Issue.record("two hellos at once were admitted")
            return
        }
        #expect(error.code == .invalidRequest)
    }

    @Test func rolesMayCallOnlyTheirOwnMethods() {
        var session = SessionState(maxHelloAttempts: 3)
        _ = session.admit(method: SessionHello.name)
        session.helloSucceeded(counter)
        #expect(session.admit(method: GreenChannelOpen.name) == .dispatch(counter))
        for method in [PolicyReload.name, RevisitsList.name, FactsCustomerUpsert.name] {
            guard case .reject(let error) = session.admit(method: method) else {
                Issue.record("counter was allowed \(method)")
                continue
            }
            #expect(error.code == .forbidden)
        }
        guard case .reject(let unknown) = session.admit(method: "entitlements.grant") else {
            Issue.record("an unknown method was admitted")
            return
        }
        #expect(unknown.code == .methodNotFound)
    }

    @Test func theConnectionClosesAfterTheLastAllowedFailedHello() {
        var session = SessionState(maxHelloAttempts: 2)
        _ = session.admit(method: SessionHello.name)
        #expect(session.helloFailed() == false)
        #expect(session.phase == .awaitingHello)
        _ = session.admit(method: SessionHello.name)
        #expect(session.helloFailed() == true)
    }

    @Test func everyMethodHasAtLeastOneRoleAndAdminMayCallEverything() {
        for entry in MethodCatalog.all {
            #expect(!entry.roles.isEmpty, "\(entry.name)")
            #expect(entry.roles.contains(.admin), "\(entry.name)")
        }
        #expect(MethodCatalog.methods(for: .scheduler).contains(RevisitsList.name))
        #expect(!MethodCatalog.methods(for: .scheduler).contains(GreenChannelOpen.name))
    }
}
