import SluiceJSON
import Testing

/// Base64 over contiguous bytes (a buffer loop) and over any collection (the generic loop) agree, and
/// decode back (RFC 4648 test vectors first).
@Suite struct Base64Tests {
    @Test func vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func contiguousAndGenericPathsAgree() {
        var generator = SystemRandomNumberGenerator()
        for count in 0..<70 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Base64.encode(bytes)
            #expect(encoded == Base64.encode(bytes.lazy.map { $0 }))
            #expect(Base64.decode(encoded) == bytes)
        }
    }
}
