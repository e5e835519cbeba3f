import Testing
@testable import TableEngine

/// The writer's checkpoint decisions, group by group, with the background thread's passes simulated.
@Suite struct CheckpointScheduleTests {
    /// Drives a schedule of `pages`: each call reports the WAL after a group and how many passes finished.
    struct Driver {
        var schedule: CheckpointSchedule
        var requests: [Int32] = []
        /// The WAL length at each request for a final pass (one that syncs the database file).
        var finalRequests: [Int32] = []
        var nextPass = 1

        init(pages: Int) { schedule = CheckpointSchedule(pages: pages) }

        /// Whether the writer checkpoints inline after a group that left `wal` frames.
        mutating func group(_ wal: Int32, finished: Int?) -> Bool {
            var asked = false, final = false
            let inline = schedule.afterGroup(walFrames: wal, finishedPasses: finished) { isFinal in
                asked = true
                final = isFinal
                defer { nextPass += 1 }
                return nextPass
            }
            if asked { requests.append(wal) }
            if final { finalRequests.append(wal) }
            return inline
        }
    }

    @Test func backgroundPassesOncePerThresholdOfGrowth() {
        var d = Driver(pages: 100)
        for wal in stride(from: Int32(10), through: 390, by: 10) {
            let inline = d.group(wal, finished: 0)
            #expect(!inline)
        }
        #expect(d.requests == [100, 200, 300])
    }

    /// Past 4 × pages the writer asks for one more pass and checkpoints inline only when it has finished,
    /// so the inline copy is short; past 5 × it does not wait any longer.
    @Test func inlineCheckpointWaitsForAFreshPass() {
        var d = Driver(pages: 100)
        for wal in stride(from: Int32(50), through: 350, by: 50) { _ = d.group(wal, finished: 0) }
        #expect(d.requests == [100, 200, 300])
        let inline1 = d.group(400, finished: 3)
        #expect(!inline1)  // passes 1–3 done: asks for pass 4, does not copy yet
        #expect(d.requests.last == 400 && d.schedule.finalPass == 4)
        #expect(d.finalRequests == [400])  // only the pass before the inline checkpoint syncs the database file
        let inline2 = d.group(420, finished: 3)
        #expect(!inline2)  // pass 4 still running
        let inline3 = d.group(440, finished: 4)
        #expect(inline3)  // pass 4 finished: the inline copy is 40 frames
        #expect(d.schedule.finalPass == nil && d.schedule.requestedAt == 0)

        // A background thread that never finishes a pass still cannot let the WAL grow past 5 ×.
        var slow = Driver(pages: 100)
        for wal in stride(from: Int32(100), through: 490, by: 30) {
            let inline = slow.group(wal, finished: 0)
            #expect(!inline)
        }
        let inline4 = slow.group(500, finished: 0)
        #expect(inline4)
    }

    @Test func theWALStartingOverResetsTheSchedule() {
        var d = Driver(pages: 100)
        _ = d.group(150, finished: 0)
        _ = d.group(410, finished: 1)  // final pass requested
        #expect(d.schedule.finalPass != nil)
        let inline5 = d.group(20, finished: 2)
        #expect(!inline5)  // the pass copied everything and a write started the WAL over
        #expect(d.schedule.finalPass == nil && d.schedule.requestedAt == 0)
        let short = d.group(90, finished: 2), alone = d.group(100, finished: nil)
        #expect(!short && alone)  // no background thread: inline at `pages`
    }
}
