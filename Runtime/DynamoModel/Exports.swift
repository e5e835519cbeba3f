// Binary attribute values travel as base64: `Base64` lives in SluiceJSON and is visible to every user of DynamoModel.
@_exported import SluiceJSON
