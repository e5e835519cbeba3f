import SluiceTemplate

/// The template `sluice package` writes beside the zips: the source text with only each packaged function's
/// `CodeUri` value replaced (and `Architectures` set when `--arch` differs from the template), so comments,
/// order and CloudFormation's short tags (`!Ref`, `!GetAtt`, `!Sub`) stay exactly as written.
///
/// Lines are found through the parser's source locations, not by searching the text.
public struct PackagedTemplate: Sendable {
    /// The template's text, as read.
    public var text: String
    /// The same text, parsed.
    public var template: SAMTemplate

    public init(text: String, template: SAMTemplate) {
        self.text = text
        self.template = template
    }

    /// One function's edit: its new `CodeUri`, and the architecture to set when it must change.
    public struct Edit: Sendable {
        public var logicalId: String
        public var codeUri: String
        public var architecture: String?

        public init(logicalId: String, codeUri: String, architecture: String? = nil) {
            self.logicalId = logicalId
            self.codeUri = codeUri
            self.architecture = architecture
        }
    }

    /// The text with `edits` applied.
    ///
    /// SAM appends a function's list properties to those of `Globals`, so a changed architecture is written
    /// where the template states it: in `Globals.Function.Architectures` when that exists (for every
    /// function), in the function's own `Architectures` when it has one, else as a new line in the function.
    public func rewritten(_ edits: [Edit]) throws(PackageError) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let global = template.location(of: "Globals.Function.Architectures")
        // Later lines first, so an inserted line does not move the ones still to edit.
        let ordered = edits.sorted { line(of: $0.logicalId, "CodeUri") ?? 0 > line(of: $1.logicalId, "CodeUri") ?? 0 }
        for edit in ordered {
            let properties = "Resources.\(edit.logicalId).Properties"
            guard let codeUri = template.location(of: "\(properties).CodeUri") else {
                throw .templateEdit(function: edit.logicalId, reason: "it has no CodeUri property to point at the zip")
            }
            let indent = try replaceValue(in: &lines, at: codeUri, key: "CodeUri", with: edit.codeUri, function: edit.logicalId)
            guard let architecture = edit.architecture else { continue }
            if let existing = template.location(of: "\(properties).Architectures") {
                try replaceList(in: &lines, at: existing, with: architecture, function: edit.logicalId)
            } else if global == nil {
                lines.insert(indent + "Architectures: [\(architecture)]", at: codeUri.line)
            }
        }
        if let global, let architecture = edits.lazy.compactMap(\.architecture).first {
            try replaceList(in: &lines, at: global, with: architecture, function: "Globals")
        }
        return lines.joined(separator: "\n")
    }

    /// Sets a one-line `Architectures: [...]` to `[architecture]`.
    private func replaceList(in lines: inout [String], at location: SourceLocation, with architecture: String, function: String)
        throws(PackageError)
    {
        guard location.line - 1 < lines.count, lines[location.line - 1].contains("[") else {
            throw .templateEdit(function: function, reason: "its Architectures is a block list; write it as [\(architecture)] on one line")
        }
        _ = try replaceValue(in: &lines, at: location, key: "Architectures", with: "[\(architecture)]", function: function)
    }

    private func line(of logicalId: String, _ property: String) -> Int? {
        template.location(of: "Resources.\(logicalId).Properties.\(property)")?.line
    }

    /// Replaces the value after `key:` on the location's line (block style only); returns the line's indentation.
    private func replaceValue(
        in lines: inout [String], at location: SourceLocation, key: String, with value: String, function: String
    ) throws(PackageError) -> String {
        guard location.line - 1 < lines.count else { throw .templateEdit(function: function, reason: "\(key) is beyond the text") }
        let line = lines[location.line - 1]
        let indent = String(line.prefix { $0 == " " })
        guard line.dropFirst(indent.count).hasPrefix(key + ":") else {
            throw .templateEdit(function: function, reason: "\(key) at line \(location.line) is not in block style (`\(key): value` on its own line)")
        }
        lines[location.line - 1] = indent + key + ": " + value
        return indent
    }
}
