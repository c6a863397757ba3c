import PaymentData
import Screens

/// With `--read-dsn`: where a read goes, the standby's lag in the header, a lost standby, and reading your own
/// writes (after an action, the standby's reads wait until it has replayed the action's commit, within a limit).
struct StandbyRouting {
    let plan: ReadPlan
    /// The standby's connection is lost; its lane is reconnecting.
    var lost = false
    /// An action committed on the primary that the standby may not have replayed yet: the standby's reads wait.
    var barrier: Barrier?
    var nextLagProbeAt = 0
    var nextReplayCheckAt = 0

    /// What the standby's reads wait for: the commit position (nil until the primary has said it), since when.
    struct Barrier {
        var lsn: String?
        let since: Int
    }

    /// How long reads wait for the standby to replay an action before that read goes to the primary once.
    static let replayWaitMilliseconds = 2000
    /// How often the standby is asked whether it has replayed the action yet.
    static let replayCheckMilliseconds = 50

    /// True while the standby's reads are held back.
    var holdsReads: Bool { barrier != nil }
    /// True while the loop should come round often (replay checks).
    var isWaiting: Bool { barrier != nil }

    init(plan: ReadPlan) { self.plan = plan }
}

extension ConsoleSession {
    /// The words that replace the panes while the standby is lost and reads may not go to the primary.
    static let standbyLostPrefix = "the standby the panes read from"

    /// Where a read goes now: the primary for an action form's preview or dry run (it must see, and some lock, the
    /// rows the action will change) and while a lost standby's reads fall back to it; else the read lane.
    func lane(forRead modal: Bool) -> Lane {
        guard let standby, reads !== primary else { return primary }
        if modal || (standby.lost && standby.plan.fallback) { return primary }
        return reads
    }

    /// Every loop: the replay check or its time limit, and the standby's lag at the refresh cadence.
    func standbyStep(now: Int) {
        guard let routing = standby else { return }
        if let barrier = routing.barrier {
            if now - barrier.since > StandbyRouting.replayWaitMilliseconds {
                releaseBarrier(since: barrier.since, reason: "the standby had not replayed it within "
                               + "\(StandbyRouting.replayWaitMilliseconds / 1000) s")
            } else if let lsn = barrier.lsn, !reads.reconnector.active, !reads.hasProbe, now >= routing.nextReplayCheckAt {
                standby?.nextReplayCheckAt = now + StandbyRouting.replayCheckMilliseconds
                let since = barrier.since
                reads.queue.insert(.probe(Probe(ReplicationQueries.replayed(lsn), failed: { [weak self] error in
                    self?.releaseBarrier(since: since, reason: "the standby could not say what it replayed (\(ConsoleSession.words(for: error)))")
                }) { [weak self] replayed in
                    guard let self, replayed, standby?.barrier?.since == since else { return }
                    standby?.barrier = nil
                }), at: 0)
            }
        }
        if routing.lost, !routing.plan.fallback, model.unavailable?.hasPrefix(Self.standbyLostPrefix) == true {
            model.unavailable = standbyLostLine(now: now)
        }
        if now >= routing.nextLagProbeAt, !reads.reconnector.active, reads.pending == nil, !reads.hasProbe {
            standby?.nextLagProbeAt = now + model.interval * 1000
            reads.queue.insert(.probe(Probe(ReplicationQueries.standbyState(), failed: { [weak self] error in
                if (error as? PGError)?.isCancellation == true { return }     // Esc
                self?.model.say("standby: \(ConsoleSession.words(for: error))", error: true)
            }) { [weak self] state in
                self?.model.header.reads?.state = !state.inRecovery ? .notStandby
                    : state.streaming ? .streaming(lagSeconds: state.lagSeconds) : .notStreaming(lagSeconds: state.lagSeconds)
            }), at: 0)
        }
    }

    /// The header's spinner while a read waits for the standby to replay an action.
    var replayWait: (name: String, sinceMilliseconds: Int)? {
        guard let barrier = standby?.barrier, reads.queue.contains(where: { if case .data = $0 { true } else { false } }) else { return nil }
        return ("standby replaying the action", barrier.since)
    }

    /// A probe that has had no answer for a second (a standby that stopped answering) shows in the header like a
    /// read, so that Esc can cancel it and the operator sees what the pane waits behind.
    func slowProbe(now: Int) -> (name: String, sinceMilliseconds: Int)? {
        guard let probe = lanes.lazy.filter(\.pendingIsProbe).compactMap(\.pending).first, now - probe.startedAt > 1000 else { return nil }
        return (probe.name, probe.startedAt)
    }

    /// An action committed on the primary: read its commit position in the same session, before anything else
    /// there, and hold the standby's reads until the standby has replayed it.
    func actionCommitted() {
        guard standby != nil, reads !== primary, standby?.lost != true else { return }
        let since = monotonicMilliseconds()
        standby?.barrier = StandbyRouting.Barrier(lsn: nil, since: since)
        standby?.nextReplayCheckAt = 0
        primary.queue.insert(.probe(Probe(ReplicationQueries.commitPosition(), failed: { [weak self] error in
            self?.releaseBarrier(since: since, reason: "the primary did not give its commit position (\(ConsoleSession.words(for: error)))")
        }) { [weak self] lsn in
            guard let self, standby?.barrier?.since == since else { return }
            standby?.barrier?.lsn = lsn
        }), at: 0)
    }

    /// The wait is over without the standby: the reads it held go to the primary, once, and the status line says so.
    func releaseBarrier(since: Int, reason: String) {
        guard standby?.barrier?.since == since else { return }
        standby?.barrier = nil
        let held = reads.queue.filter { if case .data = $0 { true } else { false } }
        guard !held.isEmpty else { return }
        reads.queue.removeAll { if case .data = $0 { true } else { false } }
        primary.queue.append(contentsOf: held)
        let note = "read from the primary: \(reason)"
        model.say(model.status.isEmpty ? note : "\(model.status) · \(note)", error: model.statusIsError)
    }

    /// The standby is gone: the header says so; with `--read-fallback` the pane reloads from the primary, without
    /// it the panes say the standby is lost and nothing is read until it is back.
    func standbyLost(_ error: PGError) {
        let now = monotonicMilliseconds()
        let first = standby?.lost != true
        reads.pending = nil
        reads.queue.removeAll()
        reads.reconnector.begin(now: now, reason: error.message)
        standby?.lost = true
        standby?.barrier = nil
        model.header.reads?.state = .lost
        guard first else { return }
        if standby?.plan.fallback == true {
            model.say("standby lost (\(error.message)): reading from the primary until it is back (read fallback is on)", error: true)
            perform(model.start())
        } else {
            if model.unavailable == nil { model.unavailable = standbyLostLine(now: now) }
            model.say("standby lost: \(error.message) — reconnecting; no read goes to the primary (see --read-fallback)", error: true)
        }
    }

    /// The standby is back: reads go there again and the pane reloads.
    func standbyBack() {
        standby?.lost = false
        standby?.nextLagProbeAt = 0
        model.header.reads?.state = .unknown
        model.header.reads?.server = reads.serverLabel
        if model.unavailable?.hasPrefix(Self.standbyLostPrefix) == true { model.unavailable = nil }
        model.say("standby back: the panes read from it again")
        perform(model.start())
    }

    /// "the standby the panes read from (local:5433) is lost — reconnecting, attempt 3, next in 2 s; reads wait for it …"
    func standbyLostLine(now: Int) -> String {
        let note = reads.reconnector.note(now: now)
        return "\(Self.standbyLostPrefix) (\(reads.serverLabel)) is lost — "
            + (note.hasPrefix("connection lost: ") ? String(note.dropFirst("connection lost: ".count)) : note)
            + "; reads wait for it (--read-fallback reads the primary meanwhile)"
    }
}
