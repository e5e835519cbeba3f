import DynamoAPI
import DynamoModel

/// The single-table design: key attributes, prefixes and the one overloaded GSI.
///
/// | item | PK | SK | GSI1PK | GSI1SK |
/// |---|---|---|---|---|
/// | user profile | `USER#<id>` | `PROFILE` | `USERS` | `<lowercased email>#<id>` |
/// | task | `USER#<userId>` | `TASK#<taskId>` | `STATUS#<status>` | `<dueDate or NODUE>#<taskId>` |
/// | email guard | `EMAIL#<lowercased email>` | `EMAIL` | – | – |
///
/// `NODUE` sorts after every date, so due-date ranges on the GSI never include undated tasks.
public enum TableDesign {
    public static let partitionKey = "PK"
    public static let sortKey = "SK"
    public static let gsi1 = "GSI1"
    public static let gsi1PartitionKey = "GSI1PK"
    public static let gsi1SortKey = "GSI1SK"
    /// Attribute that DynamoDB's TTL reads (epoch seconds); not set by this API, enabled for future expiring items.
    public static let ttlAttribute = "expiresAt"

    public static let profileSortKey = "PROFILE"
    public static let emailSortKey = "EMAIL"
    public static let usersIndexPartition = "USERS"
    public static let noDueDate = "NODUE"
    /// Above every `TASK#…` sort key ("$" follows "#"): `SK BETWEEN PROFILE AND TASK$` is a user's whole
    /// partition, profile first (nothing else lives there).
    public static let taskSortKeyUpperBound = "TASK$"

    public static func userPartition(_ userId: String) -> String { "USER#" + userId }
    public static func taskSortKey(_ taskId: String) -> String { "TASK#" + taskId }
    public static func emailPartition(_ normalizedEmail: String) -> String { "EMAIL#" + normalizedEmail }
    public static func statusPartition(_ status: TaskStatus) -> String { "STATUS#" + status.rawValue }
    public static func taskIndexSortKey(dueDate: String?, taskId: String) -> String { (dueDate ?? noDueDate) + "#" + taskId }

    /// The primary key of a user's profile.
    public static func profileKey(_ userId: String) -> Item {
        [partitionKey: .s(userPartition(userId)), sortKey: .s(profileSortKey)]
    }
    /// The primary key of a task.
    public static func taskKey(userId: String, taskId: String) -> Item {
        [partitionKey: .s(userPartition(userId)), sortKey: .s(taskSortKey(taskId))]
    }
    /// The primary key of an email guard.
    public static func emailKey(_ normalizedEmail: String) -> Item {
        [partitionKey: .s(emailPartition(normalizedEmail)), sortKey: .s(emailSortKey)]
    }

    /// The table as CreateTable wants it (tests and local set-up; `template.yaml` declares the same).
    public static func createTableInput(name: String) -> CreateTableInput {
        CreateTableInput(
            tableName: name,
            keySchema: [.init(attributeName: partitionKey, keyType: .hash), .init(attributeName: sortKey, keyType: .range)],
            attributeDefinitions: [
                .init(attributeName: partitionKey, attributeType: .s), .init(attributeName: sortKey, attributeType: .s),
                .init(attributeName: gsi1PartitionKey, attributeType: .s), .init(attributeName: gsi1SortKey, attributeType: .s),
            ],
            globalSecondaryIndexes: [
                .init(indexName: gsi1,
                      keySchema: [.init(attributeName: gsi1PartitionKey, keyType: .hash), .init(attributeName: gsi1SortKey, keyType: .range)],
                      projection: .init(projectionType: .all)),
            ],
            billingMode: "PAY_PER_REQUEST",
            streamSpecification: .init(streamEnabled: true, streamViewType: .newAndOldImages))
    }
}
