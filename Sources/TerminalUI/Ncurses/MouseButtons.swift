import CNcursesw

/// The ncurses button masks wisp asks for, and what each reported state means.
enum MouseButtons {
    static let pressed = wisp_button1_pressed()
    static let released = wisp_button1_released()
    static let clicked = wisp_button1_clicked()
    static let wheelUp = wisp_button4_pressed()
    static let wheelDown = wisp_button5_pressed()

    static let requested: mmask_t = pressed | released | clicked | wheelUp | wheelDown

    /// The kind of event a `getmouse` button state reports, or nil for ones wisp ignores
    /// (other buttons, motion). A click counts as a press: the app selects on press.
    static func kind(of state: mmask_t) -> MouseEvent.Kind? {
        if state & wheelUp != 0 { return .wheelUp }
        if state & wheelDown != 0 { return .wheelDown }
        if state & (pressed | clicked) != 0 { return .press }
        if state & released != 0 { return .release }
        return nil
    }
}
