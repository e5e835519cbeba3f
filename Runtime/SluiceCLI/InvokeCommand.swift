import ArgumentParser

/// `sluice invoke`: placeholder replaced once the template model lands.
struct InvokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoke", abstract: "Invoke a function of template.yaml once.")
}
