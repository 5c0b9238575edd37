import Testing
@testable import WispCLI

private let valued: Set<String> = ["-H", "--header", "--timeout", "--theme", "--debounce"]
private let flags: Set<String> = ["--help", "-h", "--json", "--no-mouse"]

private func parse(_ args: [String]) throws(UsageError) -> Arguments {
    try Arguments(args, command: "query", valued: valued, flagNames: flags)
}

private func error(_ args: [String]) -> String? {
    do { _ = try parse(args); return nil } catch { return error.message }
}

@Test func valueAfterSpaceAndAfterEquals() throws {
    let a = try parse(["--timeout", "5", "--theme=light", "URL"])
    #expect(a.value("--timeout") == "5")
    #expect(a.value("--theme") == "light")
    #expect(a.positional == ["URL"])
}

@Test func equalsKeepsEverythingAfterTheFirstEquals() throws {
    #expect(try parse(["--header=X-A: b=c"]).value("--header") == "X-A: b=c")
    #expect(try parse(["--theme="]).value("--theme") == "")
}

@Test func shortOptionTakesTheNextArgument() throws {
    #expect(try parse(["-H", "X-A: 1"]).all("-H") == ["X-A: 1"])
}

@Test func repeatedOptionsKeepEveryValueAndTheLastWins() throws {
    let a = try parse(["--theme", "a", "--theme", "b"])
    #expect(a.all("--theme") == ["a", "b"])
    #expect(a.value("--theme") == "b")
}

@Test func spellingsOfOneOptionReadInCommandLineOrder() throws {
    let a = try parse(["--header", "A: 1", "-H", "B: 2", "--header=C: 3"])
    #expect(a.all(anyOf: ["-H", "--header"]) == ["A: 1", "B: 2", "C: 3"])
}

@Test func flagsAndHelp() throws {
    let a = try parse(["--json", "x"])
    #expect(a.flag("--json"))
    #expect(!a.flag("--no-mouse"))
    #expect(!a.wantsHelp)
    #expect(try parse(["-h"]).wantsHelp)
    #expect(try parse(["--help"]).wantsHelp)
}

@Test func doubleDashEndsOptions() throws {
    let a = try parse(["URL", "--", "--json", "-H", "--nope"])
    #expect(a.positional == ["URL", "--json", "-H", "--nope"])
    #expect(!a.flag("--json"))
}

@Test func singleDashIsPositional() throws {
    #expect(try parse(["-"]).positional == ["-"])
}

@Test func optionValueMayStartWithADashWhenItIsNoOption() throws {
    #expect(try parse(["--theme", "-dark"]).value("--theme") == "-dark")
    #expect(try parse(["--theme", "-"]).value("--theme") == "-")
}

@Test func missingValueNamesTheOption() {
    #expect(error(["--timeout"]) == "option --timeout needs a value")
    #expect(error(["-H"]) == "option -H needs a value")
    #expect(error(["--timeout", "--json"]) == "option --timeout needs a value")
    #expect(error(["--timeout", "--theme=x"]) == "option --timeout needs a value")
    #expect(error(["--timeout", "--"]) == "option --timeout needs a value")
}

@Test func flagGivenAValueIsAnError() {
    #expect(error(["--json=yes"]) == "option --json takes no value")
    #expect(error(["--json="]) == "option --json takes no value")
}

@Test func unknownOptionsSuggestTheClosestKnownOne() {
    #expect(error(["--jsn"]) == "unknown option --jsn (did you mean --json?)")
    #expect(error(["--debounse=5"]) == "unknown option --debounse (did you mean --debounce?)")
    #expect(error(["--timeuot", "5"]) == "unknown option --timeuot (did you mean --timeout?)")
    #expect(error(["--hepl"]) == "unknown option --hepl (did you mean --help?)")
    #expect(error(["--color"]) == "unknown option --color")
    #expect(error(["-x"]) == "unknown option -x")
}

@Test func usageErrorPointsAtTheCommandsHelp() {
    #expect(UsageError(message: "m", command: "query").description == "wisp: m\nTry 'wisp query --help'.")
    #expect(UsageError(message: "m", command: "").description == "wisp: m\nTry 'wisp --help'.")
}

@Test func numbersAndSecondsStillParse() throws {
    let a = try parse(["--debounce", "20", "--timeout", "1.5"])
    #expect(try a.integer("--debounce", default: 0) == 20)
    #expect(try a.seconds("--timeout", default: .zero) == .milliseconds(1500))
    #expect(throws: UsageError(message: "--debounce expects a whole number in 0…10, got '20'", command: "query")) {
        try a.integer("--debounce", default: 0, range: 0...10)
    }
}

@Test func spellingSuggestions() {
    #expect(Spelling.closest(to: "qurey", in: ["query", "serve"]) == "query")
    #expect(Spelling.closest(to: "debuonce", in: ["debounce"]) == "debounce")
    #expect(Spelling.closest(to: "zzzzz", in: ["query"]) == nil)
    #expect(Spelling.closest(to: "a", in: ["b"]) == nil)
    #expect(Spelling.closest(to: "bsh", in: ["bash", "zsh", "fish"]) == "bash")
    #expect(Spelling.distance(Array("kitten"), Array("sitting")) == 3)
}
