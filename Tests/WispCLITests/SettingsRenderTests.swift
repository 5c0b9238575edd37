import Testing
@testable import WispCLI

@Test func rendersEverySettingWithItsSource() throws {
    let file = try ConfigFile.parse(text: "layout = top\nheader = X-Team: search\nheader = Authorization: Basic abc\nuser-agent = \"qa # bot\"",
                                    path: "~/.config/wisp/config")
    let args = try Arguments(["--debounce", "0", "--no-mouse", "--subprotocol", "v1", "--connect-timeout=2.25"], command: "",
                             valued: ["--debounce", "--subprotocol", "--connect-timeout"], flagNames: ["--no-mouse"])
    let s = try Settings.resolve(arguments: args, environment: ["WISP_TOKEN": "secret", "WISP_URL": "wss://u:pw@h/ws?token=abc&x=1"],
                                 config: file, defaultUserAgent: "wisp/0.1.0")
    #expect(s.rendered() == #"""
        url = wss://u:***@h/ws?token=***&x=1                         (from $WISP_URL)
        theme = (automatic: default, or mono when NO_COLOR is set)   (default)
        layout = top                                                 (from ~/.config/wisp/config line 1)
        debounce = 0                                                 (from the command line)
        min-chars = 3                                                (default)
        token = ***                                                  (from $WISP_TOKEN)
        header = X-Team: search                                      (from ~/.config/wisp/config line 2)
        header = Authorization: ***                                  (from ~/.config/wisp/config line 3)
        origin = (not set)                                           (default)
        subprotocol = v1                                             (from the command line)
        cacert = (system trust store)                                (default)
        connect-timeout = 2.25                                       (from the command line)
        ping-interval = 20                                           (default)
        pong-timeout = 10                                            (default)
        max-message-size = 67108864                                  (default)
        user-agent = "qa # bot"                                      (from ~/.config/wisp/config line 4)
        query-type = productSearchQuery                              (default)
        suggestions-event = aiSuggestions                            (default)
        error-event = error                                          (default)
        mouse = false                                                (from the command line)
        transcript = true                                            (default)
        """#)
}

@Test func emptyListsAndUnsetTokenRenderAsNone() {
    let lines = Settings.defaults(userAgent: "wisp").rendered().split(separator: "\n").map(String.init)
    #expect(lines.count == SettingKey.allCases.count)
    #expect(lines.contains { $0.hasPrefix("token = (not set) ") })
    #expect(lines.contains { $0.hasPrefix("header = (none) ") && $0.hasSuffix("(default)") })
    #expect(lines.contains { $0.hasPrefix("subprotocol = (none) ") })
}

@Test func renderedValuesReadBackAsTheSameConfig() throws {
    #expect(Settings.quoted("plain value") == "plain value")
    #expect(Settings.quoted(" padded") == #"" padded""#)
    #expect(Settings.quoted(#"a "b" \ c#"#) == #""a \"b\" \\ c#""#)
    let file = try ConfigFile.parse(text: "user-agent = " + Settings.quoted(#"a "b" \ c # d "#), path: "p")
    #expect(file.entries.first?.value == #"a "b" \ c # d "#)
}

@Test func secondsRenderAsAConfigFileWritesThem() {
    #expect(Settings.seconds(.seconds(10)) == "10")
    #expect(Settings.seconds(.milliseconds(250)) == "0.25")
    #expect(Settings.seconds(.milliseconds(1005)) == "1.005")
    #expect(Settings.seconds(.zero) == "0")
}

@Test func secretsAreMasked() {
    #expect(Secrets.url("ws://h/ws?access_token=a&q=1#f") == "ws://h/ws?access_token=***&q=1#f")
    #expect(Secrets.url("ws://user@h/ws") == "ws://user@h/ws")
    #expect(Secrets.url("ws://h:80/ws") == "ws://h:80/ws")
    #expect(Secrets.url("ws://u:p@h:80/x?Token=1") == "ws://u:***@h:80/x?Token=***")
    #expect(Secrets.headerValue("Bearer x", name: "authorization") == "***")
    #expect(Secrets.headerValue("Basic x", name: "Proxy-Authorization") == "***")
    #expect(Secrets.headerValue("a=b", name: "Cookie") == "***")
    #expect(Secrets.headerValue("search", name: "X-Team") == "search")
}
