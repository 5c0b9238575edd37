/// One unit read from the terminal, before decoding: what `wget_wch` returned (with the
/// mouse event already fetched), so the decoder can be fed in tests without a terminal.
public enum RawInput: Hashable, Sendable {
    /// A character as a Unicode scalar value (`wget_wch` returned OK).
    case char(UInt32)
    /// An ncurses key code such as `KeyCode.up` (`wget_wch` returned KEY_CODE_YES).
    case keyCode(Int32)
    /// A mouse event read with `getmouse` after KEY_MOUSE.
    case mouse(MouseEvent)
}
