import SluiceJSON

extension TaskItem {
    /// Appends the API representation as JSON text: `id`, `userId`, `title`, `description` (when set),
    /// `status`, `priority`, `dueDate` (when set), `tags` (sorted, always present), `metadata`, `createdAt`,
    /// `updatedAt`, `version`. Written straight to bytes, without a `JSONValue` tree: a list page writes
    /// twenty of these per request, and this is the only place the fields are listed.
    func appendJSON(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"id":"#.utf8)
        JSONSerializer.appendString(id, to: &bytes)
        bytes.append(contentsOf: #","userId":"#.utf8)
        JSONSerializer.appendString(userId, to: &bytes)
        bytes.append(contentsOf: #","title":"#.utf8)
        JSONSerializer.appendString(title, to: &bytes)
        if let description {
            bytes.append(contentsOf: #","description":"#.utf8)
            JSONSerializer.appendString(description, to: &bytes)
        }
        bytes.append(contentsOf: #","status":"#.utf8)
        JSONSerializer.appendString(status.rawValue, to: &bytes)
        bytes.append(contentsOf: #","priority":"#.utf8)
        JSONSerializer.appendString(priority.rawValue, to: &bytes)
        if let dueDate {
            bytes.append(contentsOf: #","dueDate":"#.utf8)
            JSONSerializer.appendString(dueDate, to: &bytes)
        }
        bytes.append(contentsOf: #","tags":["#.utf8)
        for (index, tag) in tags.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONSerializer.appendString(tag, to: &bytes)
        }
        bytes.append(contentsOf: #"],"metadata":"#.utf8)
        JSONSerializer.serialize(.object(metadata), into: &bytes)
        bytes.append(contentsOf: #","createdAt":"#.utf8)
        JSONSerializer.appendString(createdAt, to: &bytes)
        bytes.append(contentsOf: #","updatedAt":"#.utf8)
        JSONSerializer.appendString(updatedAt, to: &bytes)
        bytes.append(contentsOf: #","version":"#.utf8)
        bytes.append(contentsOf: JSONNumber(version).text.utf8)
        bytes.append(UInt8(ascii: "}"))
    }
}
