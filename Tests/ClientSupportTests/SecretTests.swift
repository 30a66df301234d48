import ClientSupport
import Testing

@Suite struct SecretTests {
    @Test func aSecretNeverPrintsItself() {
        let secret = Secret("s3cr3t-token")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        #expect("\(Secret(""))" == "<empty>")
        #expect(secret.revealed == "s3cr3t-token")
    }

    @Test func scrubbingRemovesEveryOccurrence() {
        let secret = Secret("pw")
        #expect(secret.scrubbed(from: "user pw said pw") == "user <redacted> said <redacted>")
        #expect(Secret("").scrubbed(from: "nothing to hide") == "nothing to hide")
    }
}
