import Testing
@testable import WispCLI

private let interfaceValued: Set<String> = Set(SettingKey.allCases.flatMap(\.options))
private let interfaceFlags: Set<String> = ["--no-mouse", "--no-transcript"]
private let path = "~/.config/wisp/config"

private func args(_ list: [String]) throws -> Arguments {
    try Arguments(list, command: "", valued: interfaceValued, flagNames: interfaceFlags)
}

private func config(_ text: String) throws -> ConfigFile { try ConfigFile.parse(text: text, path: path) }

private func resolve(_ flags: [String] = [], env: [String: String] = [:], config file: ConfigFile? = nil,
                     url: String? = nil) throws -> Settings {
    try Settings.resolve(arguments: args(flags), environment: env, config: file, commandLineURL: url, defaultUserAgent: "wisp/1.0")
}

@Test func defaultsWithNothingGiven() throws {
    #expect(try resolve() == Settings.defaults(userAgent: "wisp/1.0"))
    let s = try resolve()
    #expect(s.url == Setting("ws://localhost:6001/ws", from: .default))
    #expect(s.debounceMilliseconds.value == 150)
    #expect(s.minChars.value == 3)
    #expect(s.pingInterval.value == .seconds(20))
    #expect(s.maxMessageSize.value == 67_108_864)
    #expect(s.userAgent.value == "wisp/1.0")
    #expect(s.queryType.value == "productSearchQuery")
    #expect(s.mouse.value && s.transcript.value)
    #expect(s.theme.value == nil && s.token.value == nil && s.origin.value == nil)
}

@Test func configOverridesDefaults() throws {
    let s = try resolve(config: config("""
        url = ws://conf/ws
        theme = light
        debounce = 40
        mouse = false
        ping-interval = 0.5
        """))
    #expect(s.url == Setting("ws://conf/ws", from: .config(path: path, line: 1)))
    #expect(s.theme == Setting("light", from: .config(path: path, line: 2)))
    #expect(s.debounceMilliseconds == Setting(40, from: .config(path: path, line: 3)))
    #expect(s.mouse == Setting(false, from: .config(path: path, line: 4)))
    #expect(s.pingInterval == Setting(.milliseconds(500), from: .config(path: path, line: 5)))
    #expect(s.layout == Setting(.bottom, from: .default))
}

@Test func environmentOverridesConfig() throws {
    let file = try config("url = ws://conf/ws\ntoken = conf\ntheme = light")
    let s = try resolve(env: ["WISP_URL": "ws://env/ws", "WISP_TOKEN": "envtoken", "WISP_THEME": "mono"], config: file)
    #expect(s.url == Setting("ws://env/ws", from: .environment("WISP_URL")))
    #expect(s.token == Setting("envtoken", from: .environment("WISP_TOKEN")))
    #expect(s.theme == Setting("mono", from: .environment("WISP_THEME")))
}

@Test func emptyEnvironmentVariablesAreIgnored() throws {
    let s = try resolve(env: ["WISP_TOKEN": "", "WISP_URL": ""], config: config("token = conf"))
    #expect(s.token == Setting("conf", from: .config(path: path, line: 1)))
    #expect(s.url.source == .default)
}

@Test func onlyTheThreeVariablesAreRead() throws {
    #expect(try resolve(env: ["WISP_DEBOUNCE": "5", "WISP_ORIGIN": "o"]) == Settings.defaults(userAgent: "wisp/1.0"))
}

@Test func flagsOverrideEnvironmentAndConfig() throws {
    let file = try config("url = ws://conf/ws\ntoken = conf\ntheme = light\ndebounce = 40\nmouse = true\ntranscript = true")
    let env = ["WISP_URL": "ws://env/ws", "WISP_TOKEN": "envtoken", "WISP_THEME": "mono"]
    let s = try resolve(["--token", "flag", "--theme=high-contrast", "--debounce", "0", "--no-mouse", "--no-transcript"],
                        env: env, config: file, url: "ws://arg/ws")
    #expect(s.url == Setting("ws://arg/ws", from: .flag))
    #expect(s.token == Setting("flag", from: .flag))
    #expect(s.theme == Setting("high-contrast", from: .flag))
    #expect(s.debounceMilliseconds == Setting(0, from: .flag))
    #expect(s.mouse == Setting(false, from: .flag))
    #expect(s.transcript == Setting(false, from: .flag))
}

@Test func lastFlagWins() throws {
    #expect(try resolve(["--layout", "bottom", "--layout=top"]).layout == Setting(.top, from: .flag))
}

@Test func repeatableSettingsComeWholeFromTheHighestSource() throws {
    let file = try config("header = A: 1\nsubprotocol = conf\nheader = B: 2")
    let fromConfig = try resolve(config: file)
    #expect(fromConfig.headers == [
        Setting(.init(name: "A", value: "1"), from: .config(path: path, line: 1)),
        Setting(.init(name: "B", value: "2"), from: .config(path: path, line: 3)),
    ])
    #expect(fromConfig.subprotocols == [Setting("conf", from: .config(path: path, line: 2))])

    let fromFlags = try resolve(["-H", "C: 3", "--header", "D:4"], config: file)
    #expect(fromFlags.headers == [Setting(.init(name: "C", value: "3"), from: .flag), Setting(.init(name: "D", value: "4"), from: .flag)])
    #expect(fromFlags.subprotocols == [Setting("conf", from: .config(path: path, line: 2))])
}

@Test func tokenBecomesABearerHeaderAfterTheOthers() throws {
    let s = try resolve(["-H", "X-A: 1", "--token", "t"])
    #expect(s.handshakeHeaders == [.init(name: "X-A", value: "1"), .init(name: "Authorization", value: "Bearer t")])
}

@Test func optionsTheCommandDidNotDeclareFallThrough() throws {
    let query = try Arguments(["--json"], command: "query", valued: [], flagNames: ["--json"])
    let s = try Settings.resolve(arguments: query, environment: [:], config: config("theme = light"))
    #expect(s.theme == Setting("light", from: .config(path: path, line: 1)))
    #expect(s.userAgent == Setting("wisp", from: .default))
}

@Test func badFlagValuesAreUsageErrors() throws {
    let cases: [([String], String)] = [
        (["--debounce", "fast"], "--debounce must be a whole number of milliseconds, got 'fast'"),
        (["--min-chars=200"], "--min-chars must be from 1 to 100 characters, got '200'"),
        (["--layout", "left"], "--layout must be bottom or top, got 'left'"),
        (["-H", "nocolon"], "--header must look like \"Name: value\", got 'nocolon'"),
        (["--connect-timeout", "x"], "--connect-timeout must be a number of seconds, got 'x'"),
        (["--max-message-size", "12"], "--max-message-size must be from 125 to 1099511627776 bytes, got '12'"),
        (["--origin="], "--origin needs a value, got ''"),
    ]
    for (flags, message) in cases {
        #expect(throws: UsageError(message: message, command: "")) { try resolve(flags) }
    }
}

@Test func badValuesInAHandBuiltConfigNameTheLine() throws {
    let file = ConfigFile(path: path, entries: [.init(key: .debounce, value: "fast", line: 6)])
    #expect(throws: UsageError(message: #"~/.config/wisp/config line 6: debounce must be a whole number of milliseconds, got "fast""#, command: "")) {
        try resolve(config: file)
    }
}

@Test func pathsInTheConfigFileAreRelativeToItsFolderAndTildeIsHome() {
    let env = ["HOME": "/home/qa"]
    let fromConfig = { (value: String) in Setting<String?>(value, from: .config(path: "~/.config/wisp/config", line: 2)) }
    #expect(fromConfig("ca.pem").resolvedPath(environment: env) == "/home/qa/.config/wisp/ca.pem")
    #expect(fromConfig("../certs/ca.pem").resolvedPath(environment: env) == "/home/qa/.config/wisp/../certs/ca.pem")
    #expect(fromConfig("~/ca.pem").resolvedPath(environment: env) == "/home/qa/ca.pem")
    #expect(fromConfig("/etc/ca.pem").resolvedPath(environment: env) == "/etc/ca.pem")
    #expect(Setting<String?>("ca.pem", from: .flag).resolvedPath(environment: env) == "ca.pem")
    #expect(Setting<String?>("~/ca.pem", from: .flag).resolvedPath(environment: env) == "/home/qa/ca.pem")
    #expect(Setting<String?>(nil, from: .default).resolvedPath(environment: env) == nil)
    #expect(Setting<String?>("ca.pem", from: .config(path: "/etc/wisp/config", line: 1)).resolvedPath(environment: [:]) == "/etc/wisp/ca.pem")
}
