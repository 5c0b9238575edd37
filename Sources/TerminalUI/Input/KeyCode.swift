import CNcursesw

/// The ncurses key codes the decoder understands, read through the shim (Swift cannot use
/// curses.h macros), plus the codes wisp registers itself for bracketed paste.
public enum KeyCode {
    public static let up = Int32(wisp_key_up())
    public static let down = Int32(wisp_key_down())
    public static let left = Int32(wisp_key_left())
    public static let right = Int32(wisp_key_right())
    public static let home = Int32(wisp_key_home())
    public static let end = Int32(wisp_key_end())
    public static let pageUp = Int32(wisp_key_ppage())
    public static let pageDown = Int32(wisp_key_npage())
    public static let delete = Int32(wisp_key_dc())
    public static let backspace = Int32(wisp_key_backspace())
    public static let backTab = Int32(wisp_key_btab())
    public static let enter = Int32(wisp_key_enter())
    public static let mouse = Int32(wisp_key_mouse())
    public static let resize = Int32(wisp_key_resize())
    /// Home and End as some terminfo entries name them (`\e[1~`, `\e[4~`).
    public static let find = Int32(wisp_key_find())
    public static let select = Int32(wisp_key_select())
    /// The keypad's corners (upper left, upper right, lower left, lower right).
    public static let keypadA1 = Int32(wisp_key_a1())
    public static let keypadA3 = Int32(wisp_key_a3())
    public static let keypadC1 = Int32(wisp_key_c1())
    public static let keypadC3 = Int32(wisp_key_c3())

    /// ncurses reserves 64 function keys, F0…F63.
    public static let functionKeys = 1...63
    public static func function(_ n: Int) -> Int32 { Int32(wisp_key_f(Int32(n))) }

    /// `\e[200~` and `\e[201~`, registered with `define_key`. Chosen far above KEY_MAX so they
    /// cannot meet the codes ncurses hands out to extended terminfo keys (KEY_MAX+1 upward).
    public static let pasteBegin = Int32(wisp_key_max()) + 0x1000
    public static let pasteEnd = Int32(wisp_key_max()) + 0x1001
}
