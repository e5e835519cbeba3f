import ArgumentParser

/// `sluice generate-event`: placeholder replaced once the event types land.
struct GenerateEventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate-event", abstract: "Print a sample event.")
}
