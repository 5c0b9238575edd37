// Placeholder: the ncurses backend fills this in (NCURSES_WIDECHAR before the include,
// static inline wrappers for stdscr, COLOR_PAIR, getmaxyx, A_* and friends).
#pragma once
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
