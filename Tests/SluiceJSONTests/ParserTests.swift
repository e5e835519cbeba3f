import Testing

@testable import SluiceJSON

/// JSONTestSuite-style cases (y_: must be accepted, n_: must be rejected), written as inputs.
let acceptCases: [(String, String)] = [
    ("y_array_empty", "[]"),
    ("y_array_arraysWithSpaces", "[[]   ]"),
    ("y_array_empty-string", "[\"\"]"),
    ("y_array_heterogeneous", "[null, 1, \"1\", {}]"),
    ("y_array_with_leading_space", " [1]"),
    ("y_array_with_trailing_space", "[2] "),
    ("y_object_empty", "{}"),
    ("y_object_basic", "{\"asd\":\"sdf\"}"),
    ("y_object_duplicated_key", "{\"a\":\"b\",\"a\":\"c\"}"),
    ("y_object_empty_key", "{\"\":0}"),
    ("y_object_escaped_null_in_key", "{\"foo\\u0000bar\": 42}"),
    ("y_object_long_strings", "{\"x\":[{\"id\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}], \"id\": \"x\"}"),
    ("y_object_whitespace", " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n1 \t\r\n} \t\r\n"),
    ("y_number_0e+1", "[0e+1]"),
    ("y_number_0e1", "[0e1]"),
    ("y_number_negative_zero", "[-0]"),
    ("y_number_negative_int", "[-123]"),
    ("y_number_real_capital_e", "[1E22]"),
    ("y_number_real_capital_e_neg_exp", "[1E-2]"),
    ("y_number_real_fraction_exponent", "[123.456e78]"),
    ("y_number_huge_exp", "[0.4e00669999999999999999999999999999999999999999999999]"),
    ("y_number_after_space", "[ 4]"),
    ("y_string_1_2_3_bytes_UTF-8_sequences", "[\"\\u0060\\u012a\\u12AB\"]"),
    ("y_string_accepted_surrogate_pair", "[\"\\uD801\\udc37\"]"),
    ("y_string_allowed_escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"),
    ("y_string_nonCharacterInUTF-8_U+FFFF", "[\"\u{FFFF}\"]"),
    ("y_string_utf8", "[\"€𝄞\"]"),
    ("y_string_escaped_noncharacter", "[\"\\uFFFF\"]"),
    ("y_string_unicode_U+10FFFE_nonchar", "[\"\\uDBFF\\uDFFE\"]"),
    ("y_string_with_del_character", "[\"a\u{7F}a\"]"),
    ("y_structure_lonely_true", "true"),
    ("y_structure_lonely_null", "null"),
    ("y_structure_lonely_int", "42"),
    ("y_structure_lonely_string", "\"asd\""),
    ("y_structure_true_in_array", "[true]"),
]

let rejectCases: [(String, String)] = [
    ("n_array_extra_comma", "[\"\",]"),
    ("n_array_double_comma", "[1,,2]"),
    ("n_array_leading_comma", "[,1]"),
    ("n_array_missing_value", "[   , \"\"]"),
    ("n_array_unclosed", "[\"\""),
    ("n_array_colon_instead_of_comma", "[\"\": 1]"),
    ("n_array_just_minus", "[-]"),
    ("n_object_trailing_comma", "{\"id\":0,}"),
    ("n_object_unquoted_key", "{a: \"b\"}"),
    ("n_object_single_quote", "{'a':0}"),
    ("n_object_missing_colon", "{\"a\" b}"),
    ("n_object_missing_value", "{\"a\":"),
    ("n_object_non_string_key", "{1:1}"),
    ("n_object_trailing_comment", "{\"a\":\"b\"}/**/"),
    ("n_number_leading_zero", "[012]"),
    ("n_number_neg_int_starting_with_zero", "[-012]"),
    ("n_number_NaN", "[NaN]"),
    ("n_number_infinity", "[Infinity]"),
    ("n_number_minus_infinity", "[-Infinity]"),
    ("n_number_plus_1", "[+1]"),
    ("n_number_starting_with_dot", "[.123]"),
    ("n_number_real_without_fractional_part", "[1.]"),
    ("n_number_0.e1", "[0.e1]"),
    ("n_number_exponent_without_digits", "[1e]"),
    ("n_number_hex", "[0x1]"),
    ("n_number_minus_space_1", "[- 1]"),
    ("n_string_single_quote", "['single quote']"),
    ("n_string_unescaped_newline", "[\"new\nline\"]"),
    ("n_string_unescaped_tab", "[\"\t\"]"),
    ("n_string_escape_x", "[\"\\x00\"]"),
    ("n_string_invalid_unicode_escape", "[\"\\uqqqq\"]"),
    ("n_string_incomplete_escaped_character", "[\"\\u00A\"]"),
    ("n_string_lone_high_surrogate", "[\"\\uD800\"]"),
    ("n_string_lone_low_surrogate", "[\"\\uDC00\"]"),
    ("n_string_unterminated", "[\"a"),
    ("n_structure_no_data", ""),
    ("n_structure_whitespace_only", "  "),
    ("n_structure_double_array", "[][]"),
    ("n_structure_trailing_garbage", "[1]x"),
    ("n_structure_capitalized_True", "[True]"),
    ("n_structure_partial_null", "[nul]"),
    ("n_structure_UTF8_BOM", "\u{FEFF}{}"),
    ("n_structure_comma_instead_of_closing_brace", "{\"x\": true,"),
    ("n_structure_unclosed_object", "{\"a\":1"),
]

/// Ill-formed UTF-8 inside strings.
let invalidUTF8Cases: [(String, [UInt8])] = [
    ("lone continuation", [0x80]),
    ("overlong slash", [0xC0, 0xAF]),
    ("overlong 3-byte", [0xE0, 0x80, 0xAF]),
    ("encoded surrogate", [0xED, 0xA0, 0x80]),
    ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ("truncated 3-byte", [0xE2, 0x82]),
    ("invalid lead 0xFF", [0xFF]),
    ("truncated 4-byte at end", [0xF0, 0x9F, 0x98]),
]

@Suite struct ParserTests {
    @Test(arguments: acceptCases)
    func accepts(_ name: String, _ input: String) throws {
        _ = try JSONValue(parsing: input)
        _ = try JSONValue(parsing: Array(input.utf8))
    }

    @Test(arguments: rejectCases)
    func rejects(_ name: String, _ input: String) {
        #expect(throws: JSONParseError.self, "\(name)") { try JSONValue(parsing: input) }
    }

    @Test(arguments: invalidUTF8Cases)
    func rejectsInvalidUTF8(_ name: String, _ bytes: [UInt8]) {
        let input = Array("[\"ab".utf8) + bytes + Array("\"]".utf8)
        #expect(throws: JSONParseError(.invalidUTF8, at: 4)) { try JSONValue(parsing: input) }
        let escaped = Array("[\"\\n".utf8) + bytes + Array("\"]".utf8)
        #expect(throws: JSONParseError(.invalidUTF8, at: 4)) { try JSONValue(parsing: escaped) }
    }

    @Test func errorsCarryOffsetAndExpectation() {
        #expect(throws: JSONParseError(.unexpectedByte(UInt8(ascii: "]"), expected: "a value"), at: 4)) {
            try JSONValue(parsing: "[1, ]")
        }
        #expect(throws: JSONParseError(.unexpectedByte(UInt8(ascii: "}"), expected: "a string key"), at: 8)) {
            try JSONValue(parsing: "{\"id\":0,}")
        }
        #expect(throws: JSONParseError(.leadingZero, at: 1)) { try JSONValue(parsing: "[012]") }
        #expect(throws: JSONParseError(.controlCharacterInString(0x0A), at: 5)) { try JSONValue(parsing: "[\"new\nline\"]") }
        #expect(throws: JSONParseError(.unexpectedEndOfInput(expected: "',' or ']'"), at: 2)) { try JSONValue(parsing: "[1") }
        #expect(throws: JSONParseError(.unpairedSurrogate(0xD800), at: 2)) { try JSONValue(parsing: "[\"\\uD800x\"]") }
        let error = JSONParseError(.unexpectedByte(UInt8(ascii: "]"), expected: "a value"), at: 4)
        #expect(error.description == "Invalid JSON at byte offset 4: unexpected ']'; expected a value")
    }

    @Test func nestingLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONValue(parsing: ok)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError(.nestingTooDeep(limit: 512), at: 512)) { try JSONValue(parsing: tooDeep) }
        let hostile = String(repeating: "{\"a\":[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: hostile) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[[[1]]]", maxDepth: 2) }
    }

    @Test func stringsAndSurrogates() throws {
        #expect(try JSONValue(parsing: "\"\\uD83D\\uDE00 \\u00e9\\u0041\"") == .string("😀 éA"))
        #expect(try JSONValue(parsing: "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"") == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try JSONValue(parsing: "\"𝄞 naïve 日本\"") == .string("𝄞 naïve 日本"))
        #expect(try JSONValue(parsing: "\"a\\u0000b\"") == .string("a\u{0}b"))
    }

    @Test func numbersKeepTheirText() throws {
        let value = try JSONValue(parsing: "[18446744073709551615, -9223372036854775808, 1.50, 1e400, 0.1]")
        let numbers = try #require(value.arrayValue).map { $0.numberValue!.text }
        #expect(numbers == ["18446744073709551615", "-9223372036854775808", "1.50", "1e400", "0.1"])
        #expect(value[0]?.uint64Value == UInt64.max)
        #expect(value[0]?.int64Value == nil)
        #expect(value[1]?.int64Value == Int64.min)
        #expect(value[2]?.doubleValue == 1.5)
        #expect(value[2]?.intValue == nil)
        #expect(value[3]?.doubleValue == nil)
        #expect(value.jsonString() == "[18446744073709551615,-9223372036854775808,1.50,1e400,0.1]")
        #expect(JSONNumber("1e2")?.int == 100)
        #expect(JSONNumber("01") == nil)
        #expect(JSONNumber("-0.5e-3") != nil)
    }

    @Test func keyOrderAndDuplicates() throws {
        let value = try JSONValue(parsing: "{\"z\":1,\"a\":2,\"m\":3,\"a\":4}")
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m", "a"])
        #expect(object["a"] == 4)
        #expect(object.hasDuplicateKeys)
        #expect(value.jsonString() == "{\"z\":1,\"a\":2,\"m\":3,\"a\":4}")
        var edited = object
        edited["a"] = "x"
        edited["new"] = true
        #expect(JSONValue.object(edited).jsonString() == "{\"z\":1,\"a\":2,\"m\":3,\"a\":\"x\",\"new\":true}")
        edited["a"] = nil
        #expect(edited.keys == ["z", "m", "new"])
    }

    @Test func parsesFromRawBuffer() throws {
        let bytes = Array("{\"k\":[true,false,null]}".utf8)
        let value = try bytes.withUnsafeBytes { buffer in try JSONParser.parse(buffer) }
        #expect(value == ["k": [true, false, nil]])
        #expect(throws: JSONParseError(.unexpectedEndOfInput(expected: "a value"), at: 0)) {
            try JSONParser.parse(UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    /// A string holding escaped JSON (a Lambda proxy response's body) comes back exactly: runs of plain
    /// bytes between escapes, escapes next to each other, non-ASCII and `\u` escapes among them.
    @Test func escapeHeavyStringsRoundTrip() throws {
        let inner = #"{"items":[{"title":"Seed \"task\" 1","tags":["a","b"],"note":"é ✓ \n tab\t"}],"x":"\\","e":""}"#
        for text in [inner, String(repeating: inner, count: 20), "\"", "\"\"", "a\"", "\"a", "é\"é", "\u{1}x\u{1F}"] {
            let serialized = JSONValue.array([.string(text)]).serialized()
            #expect(try JSONValue(parsing: serialized) == .array([.string(text)]))
        }
        #expect(try JSONValue(parsing: #"["ab\"cd\u00e9ef\ud83d\ude00gh\/ij"]"#) == .array([.string("ab\"cdéef😀gh/ij")]))
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: Array("[\"ab\\\"cd\u{1}\"]".utf8)) }
    }
}
