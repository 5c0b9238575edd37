import Testing
@testable import WispCLI

private struct Denied: Error, CustomStringConvertible { var description: String { "permission denied" } }

@Test func locationFollowsXDGThenHome() {
    #expect(ConfigFile.location(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/wisp/config")
    #expect(ConfigFile.location(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/wisp/config")
    #expect(ConfigFile.location(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/wisp/config")
    #expect(ConfigFile.location(environment: [:]) == nil)
}

@Test func displayPathShortensHome() {
    #expect(ConfigFile.displayPath("/h/.config/wisp/config", environment: ["HOME": "/h"]) == "~/.config/wisp/config")
    #expect(ConfigFile.displayPath("/h/.config/wisp/config", environment: ["HOME": "/h/"]) == "~/.config/wisp/config")
    #expect(ConfigFile.displayPath("/hx/config", environment: ["HOME": "/h"]) == "/hx/config")
    #expect(ConfigFile.displayPath("/x/wisp/config", environment: [:]) == "/x/wisp/config")
}

@Test func loadReadsTheFileAtTheLocation() throws {
    let files = ["/h/.config/wisp/config": "theme = light\n"]
    let file = try ConfigFile.load(environment: ["HOME": "/h"]) { files[$0] }
    #expect(file == ConfigFile(path: "~/.config/wisp/config", entries: [.init(key: .theme, value: "light", line: 1)]))
}

@Test func noFileIsNoConfig() throws {
    #expect(try ConfigFile.load(environment: ["HOME": "/h"]) { _ in nil } == nil)
    #expect(try ConfigFile.load(environment: [:]) { _ in "theme = x" } == nil)
}

@Test func loadErrorsUseTheDisplayPath() {
    #expect(throws: ConfigError(path: "/x/wisp/config", line: 1, problem: .unknownKey("thme", suggestion: "theme"))) {
        try ConfigFile.load(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) { _ in "thme = a" }
    }
    do {
        _ = try ConfigFile.load(environment: ["HOME": "/h"]) { _ in throw Denied() }
        Issue.record("expected an error")
    } catch {
        #expect(error.description == "~/.config/wisp/config: cannot be read: permission denied")
    }
}

@Test func readIfPresentOnRealPaths() throws {
    #expect(try ConfigFile.readIfPresent("/nonexistent/wisp/config") == nil)
    #expect(throws: (any Error).self) { try ConfigFile.readIfPresent("/") }
}
