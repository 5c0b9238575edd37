import Testing
@testable import WispCLI

private let path = "~/.config/wisp/config"

private func parse(_ text: String) throws(ConfigError) -> ConfigFile { try ConfigFile.parse(text: text, path: path) }

private func message(_ text: String) -> String? {
    do { _ = try parse(text); return nil } catch { return error.description }
}

@Test func parsesKeysValuesCommentsAndBlankLines() throws {
    let file = try parse("""
        # wisp settings

        url = wss://search.example.com/ws
          debounce=200   # a comment after a space
        header = X-Team: search
        header = X-Run: 7
        mouse = false\r
        """)
    #expect(file.entries == [
        .init(key: .url, value: "wss://search.example.com/ws", line: 3),
        .init(key: .debounce, value: "200", line: 4),
        .init(key: .header, value: "X-Team: search", line: 5),
        .init(key: .header, value: "X-Run: 7", line: 6),
        .init(key: .mouse, value: "false", line: 7),
    ])
    #expect(file.entries(for: .header).map(\.value) == ["X-Team: search", "X-Run: 7"])
    #expect(file.path == path)
}

@Test func hashInsideAWordIsPartOfTheValue() throws {
    #expect(try parse("url = ws://h/p#frag").entries.first?.value == "ws://h/p#frag")
}

@Test func quotesKeepSpacesHashesAndEscapes() throws {
    let file = try parse(#"""
        user-agent = "  qa bot # 7 "  # trailing comment
        origin = "say \"hi\" \\ bye"
        """#)
    #expect(file.entries.map(\.value) == ["  qa bot # 7 ", #"say "hi" \ bye"#])
}

@Test func everyKeyIsAccepted() throws {
    let text = """
        url = ws://x
        theme = light
        layout = top
        debounce = 0
        min-chars = 1
        token = t
        header = A: b
        origin = https://x
        subprotocol = p
        cacert = /etc/ssl/private-ca.pem
        connect-timeout = 2.5
        ping-interval = 0
        pong-timeout = 3
        max-message-size = 125
        user-agent = ua
        query-type = q
        suggestions-event = s
        error-event = e
        mouse = true
        transcript = false
        """
    #expect(try parse(text).entries.map(\.key) == SettingKey.allCases)
}

@Test func unknownKeysNameFileLineAndSuggestion() {
    #expect(message("\n\n\ndebounse = 5") == #"~/.config/wisp/config line 4: unknown key "debounse" (did you mean "debounce"?)"#)
    #expect(message("colour = red") == #"~/.config/wisp/config line 1: unknown key "colour""#)
    #expect(message("--debounce = 5") == #"~/.config/wisp/config line 1: unknown key "--debounce" (did you mean "debounce"?)"#)
}

@Test func badValuesNameTheKeyAndTheValue() {
    let cases: [(String, String)] = [
        ("debounce = fast", #"line 1: debounce must be a whole number of milliseconds, got "fast""#),
        ("debounce = 20000", #"line 1: debounce must be from 0 to 10000 milliseconds, got "20000""#),
        ("min-chars = 0", #"line 1: min-chars must be from 1 to 100 characters, got "0""#),
        ("max-message-size = big", #"line 1: max-message-size must be a whole number of bytes, got "big""#),
        ("connect-timeout = soon", #"line 1: connect-timeout must be a number of seconds, got "soon""#),
        ("pong-timeout = -1", #"line 1: pong-timeout must be from 0 to 999999 seconds, got "-1""#),
        ("ping-interval = nan", #"line 1: ping-interval must be a number of seconds, got "nan""#),
        ("layout = left", #"line 1: layout must be bottom or top, got "left""#),
        ("mouse = yes", #"line 1: mouse must be true or false, got "yes""#),
        ("transcript = 1", #"line 1: transcript must be true or false, got "1""#),
        ("header = NoColon", #"line 1: header must look like "Name: value", got "NoColon""#),
        ("header = : v", #"line 1: header must look like "Name: value", got ": v""#),
        ("header = Bad Name: v", #"line 1: header must look like "Name: value", got "Bad Name: v""#),
        ("origin =", #"line 1: origin needs a value, got """#),
        ("theme = \"\"", #"line 1: theme needs a value, got """#),
        ("url = # nothing", #"line 1: url needs a value, got """#),
    ]
    for (text, expected) in cases {
        #expect(message(text) == "~/.config/wisp/config " + expected, "\(text)")
    }
}

@Test func malformedLines() {
    #expect(message("debounce 150") == #"~/.config/wisp/config line 1: expected key = value, got "debounce 150""#)
    #expect(message("= 150") == #"~/.config/wisp/config line 1: expected key = value, got "= 150""#)
    #expect(message(#"user-agent = "open"#) == "~/.config/wisp/config line 1: the quoted value of user-agent has no closing quote")
    #expect(message(#"user-agent = "a" b"#) == #"~/.config/wisp/config line 1: unexpected "b" after the quoted value of user-agent"#)
    #expect(message("theme = a\n# x\ntheme = b")
        == "~/.config/wisp/config line 3: theme is already set on line 1 (only header and subprotocol may repeat)")
}

@Test func errorsAreTyped() {
    #expect(throws: ConfigError(path: path, line: 2, problem: .unknownKey("debounse", suggestion: "debounce"))) {
        try parse("url = ws://x\ndebounse = 5")
    }
}
