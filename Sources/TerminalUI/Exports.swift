// Key, MouseEvent and the app model live in WispCore (update handles keys as data);
// everyone who imports TerminalUI sees them too.
@_exported import WispCore
