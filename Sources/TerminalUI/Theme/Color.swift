/// The 16 ANSI colours by name; `rawValue` is the spelling in theme files.
public enum NamedColor: String, CaseIterable, Sendable, Hashable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = "bright-black", brightRed = "bright-red", brightGreen = "bright-green"
    case brightYellow = "bright-yellow", brightBlue = "bright-blue", brightMagenta = "bright-magenta"
    case brightCyan = "bright-cyan", brightWhite = "bright-white"

    /// The ANSI colour number, 0–15.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// A colour as a theme names it; the backend maps it to what the terminal has.
public enum Color: Sendable, Hashable {
    case named(NamedColor)
    /// An xterm 256-colour palette index.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
    /// The terminal's own foreground or background.
    case default_

    /// The palette entry closest to this colour on a terminal with `colors` colours:
    /// 256 or more uses the xterm cube and grey ramp (16–255, which unlike 0–15 have fixed
    /// values), 16 and 8 the ANSI colours as xterm draws them; -1 for `default_`, ncurses'
    /// number for the terminal default (after `use_default_colors`); nil below 8 colours.
    /// Closeness is the "redmean" weighted RGB distance, which tracks perceived difference
    /// far better than plain RGB distance at no cost.
    public func nearest(inPaletteOf colors: Int) -> Int? {
        guard colors >= 8 else { return nil }
        let size = colors >= 256 ? 256 : colors >= 16 ? 16 : 8
        switch self {
        case .default_:
            return -1
        case .named(let name):
            return Self.downgrade(name.index, to: size)
        case .indexed(let index):
            if index < 16 { return Self.downgrade(Int(index), to: size) }
            if size == 256 { return Int(index) }
            return Self.closest(to: Palette.rgb(of: Int(index)), among: 0..<size)
        case .rgb(let r, let g, let b):
            return Self.closest(to: (Int(r), Int(g), Int(b)), among: size == 256 ? 16..<256 : 0..<size)
        }
    }

    /// An ANSI colour on a smaller palette: bright variants become their base colour, as
    /// 8-colour terminals draw them; bright black (grey) becomes white (light grey), since
    /// black would vanish on the dark backgrounds most terminals have.
    private static func downgrade(_ index: Int, to size: Int) -> Int {
        guard size == 8, index >= 8 else { return index }
        return index == 8 ? 7 : index - 8
    }

    private static func closest(to target: (Int, Int, Int), among candidates: Range<Int>) -> Int {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates {
            let d = distance(target, Palette.rgb(of: index))
            if d < bestDistance {
                best = index
                bestDistance = d
            }
        }
        return best
    }

    /// "Redmean" distance (compuphase.com/cmetric.htm), squared and scaled by 256.
    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let meanRed = (a.0 + b.0) / 2
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return (512 + meanRed) * dr * dr + 1024 * dg * dg + (767 - meanRed) * db * db
    }
}

/// xterm's default palette: what each of the 256 indexes looks like.
enum Palette {
    /// The 16 ANSI colours as xterm draws them by default.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(of index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            return ansi[index]
        case 16..<232:
            let cube = index - 16
            return (level(cube / 36), level(cube / 6 % 6), level(cube % 6))
        default:
            let grey = 8 + 10 * (index - 232)
            return (grey, grey, grey)
        }
    }

    /// The six levels of each channel in the 6×6×6 cube.
    private static func level(_ step: Int) -> Int { step == 0 ? 0 : 55 + 40 * step }
}
