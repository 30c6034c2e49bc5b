import XCTest
@testable import PromptMCPKit

/// What an agent's shell command may not do.
final class ShellGuardTests: XCTestCase {
    private let guardian = ShellGuard(policy: .defaults, root: "/repo/", hooksFolder: ".githooks")

    func testSkippingHooksIsRefused() {
        for command in ["git commit --no-verify -m x", "git commit -nm wip", "git -C sub commit -a -n", "git push --no-verify",
                        "cd x && git commit -am 'msg' --no-verify", "bash -c 'git commit --no-verify'",
                        "git -c core.hooksPath=/dev/null commit -m x", "git config core.hooksPath /tmp/none", "FOO=1 sudo git commit -n"] {
            XCTAssertNotNil(guardian.refusal(command), command)
        }
    }

    func testOrdinaryGitCommandsPass() {
        for command in ["git commit -m 'no -n here'", "git commit -am fix", "git push -n origin main", "git commit -m --no-verify-later",
                        "git status", "git log -n 3"] {
            XCTAssertNil(guardian.refusal(command), command)
        }
    }

    func testWritesToThePolicyOrTheHooksAreRefused() {
        for command in ["echo 'version: 1' > .promptmcp/policy.yml", "cat x >> ./.promptmcp/policy.yml", "rm -rf .promptmcp",
                        "sed -i s/error/off/ .promptmcp/policy.yml", "cp /tmp/p .git/hooks/pre-commit", "chmod -x .githooks/pre-commit",
                        "tee /repo/.claude/settings.json < x", "python3 -c \"open('.promptmcp/policy.yml','w')\"", "mv .cursor/hooks.json /tmp"] {
            XCTAssertNotNil(guardian.refusal(command), command)
        }
    }

    func testReadingThePolicyPasses() {
        for command in ["cat .promptmcp/policy.yml", "grep caps .promptmcp/policy.yml | head -3", "git diff .promptmcp/policy.yml",
                        "echo done > notes.txt", "ls .git/hooks"] {
            XCTAssertNil(guardian.refusal(command), command)
        }
    }

    func testAllowPolicyEditsLetsThePolicyBeWrittenButNotTheHooksSkipped() throws {
        let policy = try PolicyLoader.load("version: 1\nagents:\n  allow_policy_edits: true\n", file: "p.yml")
        let lenient = ShellGuard(policy: policy, root: "/repo", hooksFolder: nil)
        XCTAssertNil(lenient.refusal("echo x > .promptmcp/policy.yml"))
        XCTAssertNotNil(lenient.refusal("git commit --no-verify"))
    }
}
