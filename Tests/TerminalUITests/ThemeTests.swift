import Foundation
import Testing
import TerminalUI

@Suite struct ThemeFileTests {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shippedText(_ name: String) throws -> String {
        try String(contentsOf: repoRoot.appendingPathComponent("themes/\(name).theme"), encoding: .utf8)
    }

    @Test func shippedFilesAreExactlyTheBuiltInThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.repoRoot.appendingPathComponent("themes").path)
            .filter { $0.hasSuffix(".theme") }
            .map { String($0.dropLast(".theme".count)) }
        #expect(Set(files) == Set(BuiltinThemes.names))
        #expect(BuiltinThemes.names == ["default", "light", "high-contrast", "mono"])
    }

    @Test(arguments: BuiltinThemes.names)
    func embeddedTextEqualsTheFile(name: String) throws {
        #expect(BuiltinThemes.source(named: name) == (try Self.shippedText(name)))
    }

    @Test(arguments: BuiltinThemes.names)
    func shippedThemeParsesAndSetsEveryRole(name: String) throws {
        let theme = try Theme.parse(try Self.shippedText(name), name: name, file: "\(name).theme")
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(Role.allCases))
        #expect(BuiltinThemes.theme(named: name) == theme)
    }

    @Test(arguments: BuiltinThemes.names)
    func shippedThemeKeepsTheKeyRolesVisible(name: String) throws {
        let theme = try #require(BuiltinThemes.theme(named: name))
        let normal = theme.style(for: .normal)
        for role in [Role.selected, .error, .highlight, .selectedHighlight, .placeholder, .status] {
            #expect(theme.style(for: role) != normal, "\(role) looks like normal text in \(name)")
        }
        #expect(theme.style(for: .selected) != theme.style(for: .selectedHighlight))
    }

    @Test func readmeExampleParses() throws {
        let readme = try String(contentsOf: Self.repoRoot.appendingPathComponent("themes/README.md"), encoding: .utf8)
        let example = try #require(readme.components(separatedBy: "### Example").last)
        let lines = example.split(separator: "\n").filter { $0.hasPrefix("    ") }
        let theme = try Theme.parse(lines.joined(separator: "\n"), name: "ocean", file: "README.md")
        #expect(theme.styles[.selected] == Style(foreground: .named(.brightWhite), background: .rgb(0, 0x5F, 0x87), attributes: .bold))
        #expect(theme.styles[.status] == Style(foreground: .named(.white), background: .indexed(24)))
    }

    @Test func monoHasNoColours() throws {
        let mono = try #require(BuiltinThemes.theme(named: "mono"))
        for role in Role.allCases {
            let style = mono.style(for: role)
            #expect(style.foreground == nil && style.background == nil, "\(role)")
        }
        #expect(mono.style(for: .selected).attributes.contains(.reverse))
    }
}

@Suite struct ThemeParserTests {
    func style(_ value: String) throws -> Style? {
        try Theme.parse("selected = \(value)", name: "t", file: "t.theme").styles[.selected]
    }

    func failure(_ text: String) -> String {
        do {
            _ = try Theme.parse(text, name: "mytheme", file: "mytheme.theme")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func valueWords() throws {
        #expect(try style("fg:red bg:#102030 bold underline")
            == Style(foreground: .named(.red), background: .rgb(16, 32, 48), attributes: [.bold, .underline]))
        #expect(try style("bright-blue on 236 reverse")
            == Style(foreground: .named(.brightBlue), background: .indexed(236), attributes: .reverse))
        #expect(try style("dim italic") == Style(attributes: [.dim, .italic]))
        #expect(try style("default on default") == Style(foreground: .default_, background: .default_))
        #expect(try style("none") == Style())
        #expect(try style("Bold  RED\ton #ABCDEF") == Style(foreground: .named(.red), background: .rgb(0xAB, 0xCD, 0xEF), attributes: .bold))
        #expect(try style("bg:0 fg:255") == Style(foreground: .indexed(255), background: .indexed(0)))
        #expect(try style("bold on white black") == Style(foreground: .named(.black), background: .named(.white), attributes: .bold))
    }

    @Test func commentsBlankLinesCRLFAndBOM() throws {
        let text = "\u{FEFF}# a comment\r\n\r\n   # indented comment\r\n  prompt   =   cyan bold  \r\nerror=red\r\n"
        let theme = try Theme.parse(text, name: "t", file: "t.theme")
        #expect(theme.styles == [.prompt: Style(foreground: .named(.cyan), attributes: .bold), .error: Style(foreground: .named(.red))])
    }

    @Test func inheritsStartsFromABuiltInTheme() throws {
        let theme = try Theme.parse("selected = underline\ninherits = mono\n", name: "mine", file: "mine.theme")
        let mono = try #require(BuiltinThemes.theme(named: "mono"))
        #expect(theme.name == "mine")
        #expect(theme.styles[.selected] == Style(attributes: .underline))
        #expect(theme.styles[.error] == mono.styles[.error])
        #expect(theme.styles.count == Role.allCases.count)
    }

    @Test func errorsNameFileLineAndKey() {
        let sixLines = "# mine\n\nprompt = bold\n# colours\nquery = none\n\n"
        #expect(failure(sixLines + "selected = fg:purpel bold") == #"mytheme.theme line 7: unknown colour "purpel" for key "selected""#)
        #expect(failure("\n\nselectd = bold") == #"mytheme.theme line 3: unknown key "selectd""#)
        #expect(failure(String(repeating: "\n", count: 8) + "selected bold") == #"mytheme.theme line 9: expected "key = value""#)
    }

    @Test func everyKindOfError() {
        #expect(failure("selected = purpel") == #"mytheme.theme line 1: unknown colour or attribute "purpel" for key "selected""#)
        #expect(failure("selected = blod") == #"mytheme.theme line 1: unknown colour or attribute "blod" for key "selected""#)
        #expect(failure("selected = 256") == #"mytheme.theme line 1: unknown colour "256" for key "selected""#)
        #expect(failure("selected = #12345") == ##"mytheme.theme line 1: unknown colour "#12345" for key "selected""##)
        #expect(failure("selected = bright-purple") == #"mytheme.theme line 1: unknown colour "bright-purple" for key "selected""#)
        #expect(failure("selected = on #gggggg") == ##"mytheme.theme line 1: unknown colour "#gggggg" for key "selected""##)
        #expect(failure("selected = bg:") == #"mytheme.theme line 1: missing colour after "bg:" for key "selected""#)
        #expect(failure("selected = red on") == #"mytheme.theme line 1: missing colour after "on" for key "selected""#)
        #expect(failure("selected = red blue") == #"mytheme.theme line 1: two foreground colours "red" and "blue" for key "selected""#)
        #expect(failure("selected = on red bg:blue") == #"mytheme.theme line 1: two background colours "red" and "blue" for key "selected""#)
        #expect(failure("selected = none bold") == #"mytheme.theme line 1: "none" cannot be combined with other words for key "selected""#)
        #expect(failure("selected =") == #"mytheme.theme line 1: missing value for key "selected""#)
        #expect(failure(" = red") == #"mytheme.theme line 1: expected "key = value""#)
        #expect(failure("error = red\n\nerror = blue") == #"mytheme.theme line 3: key "error" already set on line 1"#)
        #expect(failure("inherits = dracula")
            == #"mytheme.theme line 1: unknown theme "dracula" for key "inherits" (built-in themes: default, light, high-contrast, mono)"#)
    }

    @Test func errorsAreTyped() {
        #expect(throws: ThemeError(file: "f", line: 2, problem: .unknownKey("x"))) {
            try Theme.parse("\nx = red", name: "f", file: "f")
        }
    }
}

@Suite struct ThemeStyleTests {
    let normal = Style(foreground: .named(.white), background: .named(.black))
    let selected = Style(background: .named(.blue), attributes: .bold)
    let highlight = Style(foreground: .named(.yellow), attributes: .underline)
    let status = Style(foreground: .named(.black), background: .named(.cyan))

    var theme: Theme {
        Theme(name: "t", styles: [.normal: normal, .selected: selected, .highlight: highlight, .status: status,
                                  .prompt: Style(foreground: .named(.green), attributes: .bold),
                                  .query: Style(foreground: .default_)])
    }

    @Test func aSetRoleTakesMissingColoursFromNormalButNotItsAttributes() {
        #expect(theme.style(for: .normal) == normal)
        #expect(theme.style(for: .prompt) == Style(foreground: .named(.green), background: .named(.black), attributes: .bold))
        #expect(theme.style(for: .selected) == Style(foreground: .named(.white), background: .named(.blue), attributes: .bold))
        #expect(theme.style(for: .query) == Style(foreground: .default_, background: .named(.black)))  // explicit default wins
    }

    @Test func missingRolesFallBack() {
        #expect(theme.style(for: .selectedHighlight)
            == Style(foreground: .named(.yellow), background: .named(.blue), attributes: [.bold, .underline]))
        #expect(theme.style(for: .statusConnected) == status)
        #expect(theme.style(for: .statusWarning) == status)
        #expect(theme.style(for: .transcriptSent) == normal)
        #expect(theme.style(for: .transcriptSelected) == theme.style(for: .selected))
        #expect(theme.style(for: .border) == normal)
    }

    @Test func anEmptyThemeStillShowsSelectionErrorsAndPlaceholder() {
        let empty = Theme(name: "empty", styles: [:])
        #expect(empty.style(for: .normal) == Style())
        #expect(empty.style(for: .selected) == Style(attributes: .reverse))
        #expect(empty.style(for: .highlight) == Style(attributes: .bold))
        #expect(empty.style(for: .selectedHighlight) == Style(attributes: [.reverse, .bold]))
        #expect(empty.style(for: .error) == Style(attributes: [.bold, .reverse]))
        #expect(empty.style(for: .transcriptError) == Style(attributes: [.bold, .reverse]))
        #expect(empty.style(for: .placeholder) == Style(attributes: .dim))
        #expect(empty.style(for: .suggestion) == Style())
    }
}

@Suite struct ColorTests {
    @Test func rgbToTheXterm256Palette() {
        #expect(Color.rgb(255, 0, 0).nearest(inPaletteOf: 256) == 196)
        #expect(Color.rgb(0x5F, 0x87, 0xAF).nearest(inPaletteOf: 256) == 67)
        #expect(Color.rgb(128, 128, 128).nearest(inPaletteOf: 256) == 244)
        #expect(Color.rgb(0x30, 0x30, 0x30).nearest(inPaletteOf: 256) == 236)
        #expect(Color.rgb(255, 255, 255).nearest(inPaletteOf: 256) == 231)
        #expect(Color.rgb(0, 0, 0).nearest(inPaletteOf: 256) == 16)
        #expect(Color.rgb(255, 135, 0).nearest(inPaletteOf: 256) == 208)
        #expect(Color.rgb(250, 130, 5).nearest(inPaletteOf: 256) == 208)
        #expect(Color.rgb(255, 0, 0).nearest(inPaletteOf: 16_777_216) == 196)
    }

    @Test func rgbToEightAndSixteenColours() {
        #expect(Color.rgb(255, 0, 0).nearest(inPaletteOf: 8) == 1)
        #expect(Color.rgb(255, 0, 0).nearest(inPaletteOf: 16) == 9)
        #expect(Color.rgb(0, 200, 0).nearest(inPaletteOf: 8) == 2)
        #expect(Color.rgb(255, 135, 0).nearest(inPaletteOf: 8) == 3)  // orange → yellow
        #expect(Color.rgb(0x30, 0x30, 0x30).nearest(inPaletteOf: 8) == 0)
        #expect(Color.rgb(200, 200, 200).nearest(inPaletteOf: 8) == 7)
        #expect(Color.rgb(128, 128, 128).nearest(inPaletteOf: 16) == 8)
        #expect(Color.rgb(0x30, 0x30, 0x90).nearest(inPaletteOf: 8) == 4)
        #expect(Color.rgb(0, 0, 0).nearest(inPaletteOf: 88) == 0)  // 88 colours: the ANSI 16
    }

    @Test func namedAndIndexedColours() {
        #expect(Color.named(.red).nearest(inPaletteOf: 256) == 1)
        #expect(Color.named(.brightRed).nearest(inPaletteOf: 256) == 9)
        #expect(Color.named(.brightRed).nearest(inPaletteOf: 16) == 9)
        #expect(Color.named(.brightRed).nearest(inPaletteOf: 8) == 1)
        #expect(Color.named(.brightBlack).nearest(inPaletteOf: 8) == 7)
        #expect(Color.named(.brightWhite).nearest(inPaletteOf: 8) == 7)
        #expect(Color.indexed(236).nearest(inPaletteOf: 256) == 236)
        #expect(Color.indexed(196).nearest(inPaletteOf: 16) == 9)
        #expect(Color.indexed(196).nearest(inPaletteOf: 8) == 1)
        #expect(Color.indexed(12).nearest(inPaletteOf: 8) == 4)
        #expect(Color.indexed(28).nearest(inPaletteOf: 8) == 2)
        #expect(Color.indexed(22).nearest(inPaletteOf: 8) == 0)  // #005f00 is nearer black than green
    }

    @Test func defaultAndMonochrome() {
        #expect(Color.default_.nearest(inPaletteOf: 256) == -1)
        #expect(Color.default_.nearest(inPaletteOf: 8) == -1)
        for colour in [Color.named(.red), .indexed(200), .rgb(1, 2, 3), .default_] {
            #expect(colour.nearest(inPaletteOf: 2) == nil)
            #expect(colour.nearest(inPaletteOf: 0) == nil)
        }
    }

    @Test func namedColourIndexes() {
        #expect(NamedColor.allCases.map(\.index) == Array(0..<16))
        #expect(NamedColor.brightBlack.rawValue == "bright-black")
    }
}

@Suite struct ThemeLoaderTests {
    /// A fresh directory, removed when `body` returns.
    func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wisp-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url.path)
    }

    func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    let builtinList = "(built-in: default, light, high-contrast, mono)"

    @Test func noThemeAskedGivesDefaultOrMonoUnderNoColor() throws {
        let defaultTheme = try #require(BuiltinThemes.theme(named: "default"))
        let mono = try #require(BuiltinThemes.theme(named: "mono"))
        #expect(ThemeLoader.load(nameOrPath: nil, environment: [:]) == (defaultTheme, nil))
        #expect(ThemeLoader.load(nameOrPath: "", environment: [:]) == (defaultTheme, nil))
        #expect(ThemeLoader.load(nameOrPath: nil, environment: ["NO_COLOR": "1"]) == (mono, nil))
        #expect(ThemeLoader.load(nameOrPath: nil, environment: ["NO_COLOR": ""]) == (defaultTheme, nil))
    }

    @Test func anExplicitThemeWinsOverNoColor() throws {
        let light = try #require(BuiltinThemes.theme(named: "light"))
        #expect(ThemeLoader.load(nameOrPath: "light", environment: ["NO_COLOR": "1", "HOME": "/nonexistent"]) == (light, nil))
    }

    @Test func aPathIsReadDirectly() throws {
        try withTemporaryDirectory { dir in
            try write("inherits = default\nselected = reverse\n", to: "\(dir)/ocean.theme")
            let (theme, warning) = ThemeLoader.load(nameOrPath: "\(dir)/ocean.theme", environment: [:])
            #expect(warning == nil)
            #expect(theme.name == "ocean")
            #expect(theme.styles[.selected] == Style(attributes: .reverse))

            try write("prompt = bold\n", to: "\(dir)/plain")
            #expect(ThemeLoader.load(nameOrPath: "\(dir)/plain", environment: [:]).0.name == "plain")
            #expect(ThemeLoader.load(nameOrPath: "~/ocean.theme", environment: ["HOME": dir]).0.name == "ocean")
        }
    }

    @Test func aMissingOrBrokenPathFallsBackWithAWarning() throws {
        let defaultTheme = try #require(BuiltinThemes.theme(named: "default"))
        let mono = try #require(BuiltinThemes.theme(named: "mono"))
        try withTemporaryDirectory { dir in
            let missing = ThemeLoader.load(nameOrPath: "\(dir)/nope.theme", environment: [:])
            #expect(missing.0 == defaultTheme)
            #expect(missing.warning == "\(dir)/nope.theme: cannot read: No such file or directory; using the default theme")

            try write("# mine\nselectd = bold\n", to: "\(dir)/broken.theme")
            let broken = ThemeLoader.load(nameOrPath: "\(dir)/broken.theme", environment: [:])
            #expect(broken.0 == defaultTheme)
            #expect(broken.warning == "\(dir)/broken.theme line 2: unknown key \"selectd\"; using the default theme")

            let underNoColor = ThemeLoader.load(nameOrPath: "\(dir)/broken.theme", environment: ["NO_COLOR": "yes"])
            #expect(underNoColor.0 == mono)
            #expect(underNoColor.warning == "\(dir)/broken.theme line 2: unknown key \"selectd\"; using the mono theme")

            let directory = ThemeLoader.load(nameOrPath: "\(dir)/", environment: [:])
            #expect(directory.0 == defaultTheme)
            #expect(directory.warning == "\(dir)/: cannot read: Is a directory; using the default theme")
        }
    }

    @Test func aNameIsLookedUpInTheXDGDirectoryFirst() throws {
        try withTemporaryDirectory { dir in
            try write("prompt = magenta\n", to: "\(dir)/wisp/themes/ocean.theme")
            try write("prompt = underline\n", to: "\(dir)/wisp/themes/mono.theme")
            let environment = ["XDG_CONFIG_HOME": dir, "HOME": "/nonexistent"]
            let ocean = ThemeLoader.load(nameOrPath: "ocean", environment: environment)
            #expect(ocean.warning == nil)
            #expect(ocean.0 == Theme(name: "ocean", styles: [.prompt: Style(foreground: .named(.magenta))]))
            // A user theme replaces the built-in one of the same name.
            #expect(ThemeLoader.load(nameOrPath: "mono", environment: environment).0.styles == [.prompt: Style(attributes: .underline)])
            // Names not in the directory come from the built-in themes.
            #expect(ThemeLoader.load(nameOrPath: "high-contrast", environment: environment) == (BuiltinThemes.theme(named: "high-contrast")!, nil))
        }
    }

    @Test func withoutXDGConfigHomeTheNameIsLookedUpUnderHome() throws {
        try withTemporaryDirectory { dir in
            try write("prompt = red\n", to: "\(dir)/.config/wisp/themes/ember.theme")
            #expect(ThemeLoader.load(nameOrPath: "ember", environment: ["HOME": dir]).0.name == "ember")
            // A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
            #expect(ThemeLoader.load(nameOrPath: "ember", environment: ["HOME": dir, "XDG_CONFIG_HOME": "relative"]).0.name == "ember")
            #expect(ThemeLoader.userThemeDirectory(["HOME": "/home/me/"]) == "/home/me/.config/wisp/themes")
            #expect(ThemeLoader.userThemeDirectory(["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/me"]) == "/cfg/wisp/themes")
            #expect(ThemeLoader.userThemeDirectory([:]) == nil)
        }
    }

    @Test func aBrokenUserThemeIsReportedNotSkipped() throws {
        try withTemporaryDirectory { dir in
            try write("\n\n\nselected = purpel\n", to: "\(dir)/wisp/themes/light.theme")
            let (theme, warning) = ThemeLoader.load(nameOrPath: "light", environment: ["XDG_CONFIG_HOME": dir])
            #expect(theme.name == "default")
            #expect(warning == "\(dir)/wisp/themes/light.theme line 4: unknown colour or attribute \"purpel\" for key \"selected\"; using the default theme")
        }
    }

    @Test func anUnknownNameFallsBackWithAWarning() throws {
        try withTemporaryDirectory { dir in
            let (theme, warning) = ThemeLoader.load(nameOrPath: "solarized", environment: ["XDG_CONFIG_HOME": dir])
            #expect(theme.name == "default")
            #expect(warning == "unknown theme \"solarized\": no file \(dir)/wisp/themes/solarized.theme and no built-in theme of that name \(builtinList); using the default theme")
            let nowhere = ThemeLoader.load(nameOrPath: "solarized", environment: [:])
            #expect(nowhere.warning == "unknown theme \"solarized\": no built-in theme of that name \(builtinList); using the default theme")
        }
    }
}
