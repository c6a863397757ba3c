import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// Choosing the tenant on a platform that isolates tenants: the prompt while none is chosen, and `:tenant`.
extension ConsoleSession {
    /// The line shown instead of the panes on a tenant-isolated database while no tenant is chosen.
    func tenantPrompt() -> String {
        let tenants = (try? connection.tenants(limit: 6)) ?? []
        let list = tenants.prefix(5).map { TenantContext.short($0) }.joined(separator: ", ") + (tenants.count > 5 ? ", …" : "")
        return "this database isolates tenants and none is chosen: type :tenant ID (or :tenant all)"
            + (tenants.isEmpty ? "" : "; tenants: \(list) (:tenant lists them)")
    }

    /// `:tenant` lists the tenants; `:tenant ID|all` makes the session work there and reloads the pane.
    func switchTenant(_ text: String?) {
        let isolated = (try? connection.isolatesTenants()) ?? false
        guard lanes.allSatisfy({ $0.pending == nil }) else { model.say("a query is running: wait for it (Esc cancels), then :tenant again", error: true); return }
        guard let text else {
            guard isolated else { model.say("this database does not isolate tenants"); return }
            let tenants = (try? connection.tenants()) ?? []
            model.say(tenants.isEmpty ? "no tenants found" : "tenants: " + tenants.map(\.string).joined(separator: " "))
            return
        }
        guard let context = TenantContext(text) else { model.say(TenantError.notATenant(text).description, error: true); return }
        do {
            // Both servers: the standby's reads must see the same tenant as the primary's actions.
            for lane in lanes { try lane.connection.enter(context) }
        } catch {
            model.say("\(error)", error: true)
            return
        }
        tenant = context
        model.header.tenant = context.description
        if model.unavailable?.hasPrefix("this database isolates") == true { model.unavailable = nil }
        model.say("now working in \(context.description)")
        changes.reset()
        perform(model.start())
    }
}
