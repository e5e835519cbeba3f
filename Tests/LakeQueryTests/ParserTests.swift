import Testing
@testable import LakeQuery
