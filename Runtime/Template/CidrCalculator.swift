/// IPv4 arithmetic for `Fn::Cidr`.
enum CidrCalculator {
    /// Splits `block` (`10.0.0.0/16`) into `count` consecutive subnets with `hostBits` host bits each
    /// (`Fn::Cidr [block, count, hostBits]`). Nil when the input is invalid or does not fit.
    static func subnets(of block: String, count: Int, hostBits: Int) -> [String]? {
        let parts = block.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix),
            let base = parseIPv4(String(parts[0])), (1...256).contains(count), (0...32).contains(hostBits)
        else { return nil }
        let newPrefix = 32 - hostBits
        guard newPrefix >= prefix else { return nil }
        let available = UInt64(1) << UInt64(newPrefix - prefix)
        guard UInt64(count) <= available else { return nil }
        let mask: UInt64 = prefix == 0 ? 0 : (~UInt64(0) << UInt64(32 - prefix)) & 0xFFFF_FFFF
        let network = UInt64(base) & mask
        let step = UInt64(1) << UInt64(hostBits)
        return (0..<count).map { index in format(UInt32(network + UInt64(index) * step)) + "/\(newPrefix)" }
    }

    static func parseIPv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let number = UInt32(octet), number <= 255 else { return nil }
            value = value << 8 | number
        }
        return value
    }

    static func format(_ address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}
