import Testing

@testable import SluiceJSON

@Suite struct SerializerTests {
    let sample: JSONValue = [
        "name": "Ada", "tags": ["x", "y/z"], "nested": ["b": 1, "a": nil], "empty": [], "none": [:],
    ]

    @Test func compact() {
        #expect(
            sample.jsonString()
                == #"{"name":"Ada","tags":["x","y/z"],"nested":{"b":1,"a":null},"empty":[],"none":{}}"#)
    }

    @Test func prettyAndSorted() {
        let expected = """
            {
              "empty" : [],
              "name" : "Ada",
              "nested" : {
                "a" : null,
                "b" : 1
              },
              "none" : {},
              "tags" : [
                "x",
                "y/z"
              ]
            }
            """
        #expect(sample.jsonString(formatting: [.prettyPrinted, .sortedKeys]) == expected)
        #expect(
            sample.jsonString(formatting: .sortedKeys)
                == #"{"empty":[],"name":"Ada","nested":{"a":null,"b":1},"none":{},"tags":["x","y/z"]}"#)
    }

    @Test func escaping() throws {
        let text = "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\u{08} ff\u{0C} nul\u{0} us\u{1F} del\u{7F} é 😀"
        let json = JSONValue.string(text).jsonString()
        #expect(
            json == #""quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f nul\u0000 us\u001f del"# + "\u{7F} é 😀\"")
        #expect(try JSONValue(parsing: json) == .string(text))
    }

    @Test func roundTripsThroughParser() throws {
        let text = #"{"a":[1,-2.5e-7,true,false,null,"s",{"":[]}],"b":{"c":{"d":"\u00e9"}},"u":18446744073709551615}"#
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.serialized()) == value)
        #expect(try JSONValue(parsing: value.serialized(formatting: .prettyPrinted)) == value)
    }
}
