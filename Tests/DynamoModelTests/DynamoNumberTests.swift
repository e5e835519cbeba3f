import Testing
@testable import DynamoModel

@Suite struct DynamoNumberTests {
    @Test(arguments: [
        ("1", "1"), ("-0.5", "-0.5"), ("1E+3", "1000"), ("1e3", "1000"), ("1.50", "1.5"), ("-0", "0"),
        ("0.000", "0"), ("+5", "5"), ("007", "7"), (".5", "0.5"), ("5.", "5"), ("1.5E2", "150"),
        ("12.345E-2", "0.12345"), ("-1E-3", "-0.001"), ("100", "100"),
        ("1E-130", "0." + String(repeating: "0", count: 129) + "1"),
        ("9.9999999999999999999999999999999999999E+125",
         "99999999999999999999999999999999999999" + String(repeating: "0", count: 88)),
        (String(repeating: "1", count: 38), String(repeating: "1", count: 38)),
        ("1" + String(repeating: "0", count: 50), "1" + String(repeating: "0", count: 50)),
    ])
    func normalises(input: String, expected: String) throws {
        #expect(try DynamoNumber(parsing: input).description == expected)
    }

    @Test(arguments: [
        ("", "The parameter cannot be converted to a numeric value"),
        ("abc", "The parameter cannot be converted to a numeric value: abc"),
        ("  1", "The parameter cannot be converted to a numeric value:   1"),
        ("1 ", "The parameter cannot be converted to a numeric value: 1 "),
        ("1e", "The parameter cannot be converted to a numeric value: 1e"),
        ("1.2.3", "The parameter cannot be converted to a numeric value: 1.2.3"),
        ("--1", "The parameter cannot be converted to a numeric value: --1"),
        ("NaN", "The parameter cannot be converted to a numeric value: NaN"),
        ("Infinity", "The parameter cannot be converted to a numeric value: Infinity"),
        (".", "The parameter cannot be converted to a numeric value: ."),
        ("1" + String(repeating: "2", count: 38), "Attempting to store more than 38 significant digits in a Number"),
        ("1E+126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
        ("-1E+126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
        ("9.9E-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
        ("1E-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
    ])
    func rejects(input: String, message: String) {
        #expect(throws: DynamoError.validationException(message)) { try DynamoNumber(parsing: input) }
    }

    @Test func comparesNumerically() throws {
        let ordered = ["-1E+100", "-10", "-9.5", "-1", "-0.001", "0", "1E-130", "0.5", "1", "1.0001", "2", "10", "1E+125"]
        let numbers = try ordered.map { try DynamoNumber(parsing: $0) }
        for i in numbers.indices {
            for j in numbers.indices {
                #expect((numbers[i] < numbers[j]) == (i < j), "\(ordered[i]) vs \(ordered[j])")
                #expect((numbers[i] == numbers[j]) == (i == j))
            }
        }
        #expect(try DynamoNumber(parsing: "1.0") == DynamoNumber(parsing: "1"))
    }

    @Test(arguments: [
        ("1", "2", "3"), ("0.1", "0.2", "0.3"), ("1", "-1", "0"), ("-5", "3", "-2"), ("3", "-5", "-2"),
        ("1E+10", "1E-10", "10000000000.0000000001"), ("999", "1", "1000"), ("-0.5", "-0.5", "-1"),
        ("12345678901234567890123456789012345678", "2", "12345678901234567890123456789012345680"),
        ("0", "-7", "-7"), ("1.5", "0", "1.5"),
    ])
    func adds(a: String, b: String, sum: String) throws {
        let x = try DynamoNumber(parsing: a), y = try DynamoNumber(parsing: b)
        #expect(try x.adding(y).description == sum)
        #expect(try DynamoNumber(parsing: sum).subtracting(y) == x)
    }

    @Test func additionAppliesLimits() throws {
        let big = try DynamoNumber(parsing: "99999999999999999999999999999999999999")
        #expect(throws: DynamoError.validationException("Attempting to store more than 38 significant digits in a Number")) {
            try big.adding(DynamoNumber(parsing: "0.1"))
        }
        let max = try DynamoNumber(parsing: "9.9999999999999999999999999999999999999E+125")
        #expect(
            throws: DynamoError.validationException(
                "Number overflow. Attempting to store a number with magnitude larger than supported range")
        ) {
            try max.adding(DynamoNumber(parsing: "1E+88"))
        }
    }

    @Test func integersAndCodable() throws {
        #expect(DynamoNumber(42).description == "42")
        #expect(DynamoNumber(-1_000).description == "-1000")
        #expect(DynamoNumber(Int64.min).description == "-9223372036854775808")
        #expect(try DynamoNumber(parsing: "1E+3").int64Value == 1000)
        #expect(try DynamoNumber(parsing: "1.5").int64Value == nil)
        #expect(AttributeValue.n("1.50").number?.description == "1.5")
    }
}
