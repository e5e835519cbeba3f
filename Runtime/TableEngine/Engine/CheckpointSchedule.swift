/// When the writer asks ``Checkpointer`` for a background pass, and when it checkpoints inline itself.
///
/// - Past `pages` WAL frames the writer asks for a background pass, and again after each further
///   `pages` of growth.
/// - SQLite starts the WAL over only when a write begins with every frame copied, which a steady stream of
///   commits rarely allows, so the writer has to checkpoint inline now and then, holding up the requests
///   queued behind it. Past 4 × `pages` it first asks for one more pass, which also syncs the database
///   file, and checkpoints inline only once that pass has finished: the inline copy and sync are then just
///   the frames committed while the pass ran. An
///   inline checkpoint started as soon as the WAL crossed the line had to copy everything since the last
///   pass (up to `pages` frames), which grew to 28 ms with the database and was the tail of write latency.
/// - Past 5 × `pages` the writer checkpoints inline whatever the background is doing, so the WAL stays
///   bounded even when the passes cannot keep up.
/// - Without a background thread the writer checkpoints inline past `pages`.
struct CheckpointSchedule: Sendable, Equatable {
    /// WAL frames per background pass.
    let pages: Int32
    /// WAL length at the last request for a pass.
    private(set) var requestedAt: Int32 = 0
    /// The pass that must finish before the inline checkpoint (asked for past 4 × `pages`).
    private(set) var finalPass: Int?

    init(pages: Int) {
        self.pages = Int32(clamping: max(1, min(pages, Int(Int32.max / 5))))
    }

    /// Decides after a group that left `walFrames` frames in the WAL. `finishedPasses`: how many background
    /// passes have finished (nil: no background thread); `request` asks for a pass and returns its number
    /// (its argument: the pass is the final one before an inline checkpoint, and ends with a sync of the
    /// database file). Returns whether to checkpoint inline now.
    mutating func afterGroup(walFrames: Int32, finishedPasses: Int?, request: (_ final: Bool) -> Int) -> Bool {
        if walFrames < requestedAt {  // the WAL started over
            requestedAt = 0
            finalPass = nil
        }
        guard let finishedPasses else { return walFrames >= pages ? inline() : false }
        if walFrames >= 5 * pages { return inline() }
        if walFrames >= 4 * pages {
            guard let finalPass else {
                finalPass = request(true)
                requestedAt = walFrames
                return false
            }
            return finishedPasses >= finalPass ? inline() : false
        }
        if walFrames - requestedAt >= pages {
            _ = request(false)
            requestedAt = walFrames
        }
        return false
    }

    private mutating func inline() -> Bool {
        requestedAt = 0
        finalPass = nil
        return true
    }
}
