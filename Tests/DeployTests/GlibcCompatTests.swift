import Deploy
import Foundation
import TestSupport
import Testing

/// `Runtime/CGlibcCompat`'s `hypotf`, compiled with gcc and compared with glibc's own over a sweep of values.
@Suite struct GlibcCompatTests {
    static let driver = """
        #include <math.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <string.h>
        float sluice_hypotf(float x, float y);
        static uint32_t bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
        int main(void) {
            const float specials[] = {0.0f, -0.0f, 1.0f, -3.0f, 4.0f, 1e-45f, 1.17549435e-38f, 3.4028235e38f, -3.4028235e38f,
                                      INFINITY, -INFINITY, NAN, 1e19f, 1e-19f, 0.1f, 12345.678f};
            long checked = 0, off = 0, wrong = 0;
            for (unsigned i = 0; i < 16; i++) for (unsigned j = 0; j < 16; j++) {
                float x = specials[i], y = specials[j], ours = sluice_hypotf(x, y), theirs = hypotf(x, y);
                checked++;
                if (isnan(theirs) ? !isnan(ours) : ours != theirs) wrong++;
            }
            uint32_t seed = 12345;
            for (long n = 0; n < 2000000; n++) {
                seed = seed * 1664525u + 1013904223u; uint32_t a = seed;
                seed = seed * 1664525u + 1013904223u; uint32_t b = seed;
                float x, y; memcpy(&x, &a, 4); memcpy(&y, &b, 4);
                if (isnan(x) || isnan(y)) continue;
                float ours = sluice_hypotf(x, y), theirs = hypotf(x, y);
                checked++;
                if (bits(ours) == bits(theirs)) continue;
                long distance = (long)bits(ours) - (long)bits(theirs);
                if (distance == 1 || distance == -1) off++; else wrong++;
            }
            printf("%ld %ld %ld\\n", checked, off, wrong);
            return 0;
        }
        """

    @Test func matchesGlibcWithinOneUlpAndNeedsNoVersionedSymbol() throws {
        let directory = try temporaryFolder("sluice-deploy")
        let source = repositoryRoot + "/Runtime/CGlibcCompat/GlibcCompat.c"
        let object = try runProgram(
            ["gcc", "-O2", "-c", "-Dhypotf=sluice_hypotf", "-I", repositoryRoot + "/Runtime/CGlibcCompat/include", source, "-o", "compat.o"],
            in: directory)
        #expect(object.status == 0, "\(object.output)")
        let program = try compileC(Self.driver, named: "driver", in: directory, flags: [directory + "/compat.o", "-lm"])
        let counts = try runProgram([program]).output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(counts.count == 3)
        #expect(counts[0] > 1_900_000)
        #expect(counts[2] == 0, "values more than one ulp away from glibc's hypotf")
        #expect(counts[1] * 10_000 < counts[0], "one-ulp differences should be rare double-rounding cases")

        // Built as a bootstrap would be (hypotf itself defined here), the program asks libm for no hypotf at all.
        let linked = try compileC(
            "#include <math.h>\n#include <stdlib.h>\n#include <stdio.h>\nint main(int c, char **v) { printf(\"%f\\n\", hypotf(strtof(v[0], 0), c)); return 0; }\n",
            named: "linked", in: directory, flags: [source, "-I", repositoryRoot + "/Runtime/CGlibcCompat/include", "-lm"])
        let file = try ELFFile(bytes: bytes(of: linked))
        #expect(!file.versionRequirements.contains { $0.symbols.contains("hypotf") })
        #expect(AL2023Compatibility(architecture: "x86_64").problems(of: file).isEmpty)
    }
}
