// Thin wrappers over ncursesw for Swift. Swift 6 rejects reading C globals (stdscr, COLORS,
// LINES) and does not import function-like macros (COLOR_PAIR, KEY_F, getmaxyx) or variadic
// functions (ioctl), so every such use goes through a static inline function here.
#pragma once

// SwiftPM drops pkg-config's -D flags, so the wide-character API must be switched on here,
// before the first include.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <ncursesw/curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <wchar.h>

// glibc declares wcwidth only under _XOPEN_SOURCE, which the already-built Glibc module may
// not have seen; the symbol is always exported.
extern int wcwidth(wchar_t);

// MARK: - Screen and globals

static inline WINDOW *wisp_stdscr(void) { return stdscr; }
static inline int wisp_colors(void) { return COLORS; }
static inline int wisp_color_pairs(void) { return COLOR_PAIRS; }
static inline int wisp_err(void) { return ERR; }
static inline int wisp_ok(void) { return OK; }

static inline void wisp_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y, x;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

// MARK: - Locale

// Applies the environment's locale. Returns 1 when the character set is UTF-8, 0 otherwise.
// A bare C/POSIX locale (common in containers) is upgraded to C.UTF-8 for LC_CTYPE only,
// because every terminal wisp targets speaks UTF-8 and ncurses would otherwise print
// non-ASCII text as escapes.
static inline int wisp_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && strcmp(codeset, "ANSI_X3.4-1968") == 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.utf8");
        codeset = nl_langinfo(CODESET);
    }
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

static inline int wisp_wcwidth(uint32_t scalar) { return wcwidth((wchar_t)scalar); }

// MARK: - Terminal size

// Reads the kernel's idea of the terminal size (ncurses only learns it through resizeterm).
static inline int wisp_tty_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return ERR;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return OK;
}

// Whether ncurses fills the bottom-right cell with its insert-character trick: the terminal
// wraps at the margin (am) and cannot switch that off (no smam/rmam), as tmux and screen.
// Call after newterm.
static inline int wisp_corner_uses_insert(void) {
    char *on = tigetstr("smam"), *off = tigetstr("rmam");
    int switchable = on != NULL && on != (char *)-1 && off != NULL && off != (char *)-1;
    return tigetflag("am") == 1 && !switchable;
}

// MARK: - Attributes and colours

static inline attr_t wisp_a_normal(void) { return A_NORMAL; }
static inline attr_t wisp_a_bold(void) { return A_BOLD; }
static inline attr_t wisp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t wisp_a_reverse(void) { return A_REVERSE; }
static inline attr_t wisp_a_dim(void) { return A_DIM; }
static inline attr_t wisp_a_italic(void) { return A_ITALIC; }
static inline attr_t wisp_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

// Pairs above 32767 need the extended API, which 256-colour terminfo entries allow.
static inline int wisp_init_pair(int pair, int fg, int bg) {
#if NCURSES_EXT_COLORS
    return init_extended_pair(pair, fg, bg);
#else
    return init_pair((short)pair, (short)fg, (short)bg);
#endif
}

// MARK: - Drawing

static inline int wisp_ccharw_max(void) { return CCHARW_MAX; }

// Draws one grapheme (a spacing character plus up to CCHARW_MAX-1 non-spacing ones,
// NUL-terminated) at (y, x); ncurses marks the next cell itself for a wide character.
static inline int wisp_mvadd_wch(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
#if NCURSES_EXT_COLORS
    if (setcchar(&cell, text, attrs, (short)(pair > 32767 ? 0 : pair), &pair) == ERR) return ERR;
#else
    if (setcchar(&cell, text, attrs, (short)pair, NULL) == ERR) return ERR;
#endif
    return mvwadd_wch(win, y, x, &cell);
}

// MARK: - Input

// wget_wch's three outcomes, so Swift need not compare against KEY_CODE_YES.
enum { WISP_INPUT_NONE = 0, WISP_INPUT_CHAR = 1, WISP_INPUT_KEY = 2 };

static inline int wisp_get_wch(WINDOW *win, uint32_t *code) {
    wint_t value = 0;
    int result = wget_wch(win, &value);
    *code = (uint32_t)value;
    if (result == KEY_CODE_YES) return WISP_INPUT_KEY;
    if (result == OK) return WISP_INPUT_CHAR;
    return WISP_INPUT_NONE;
}

static inline int wisp_key_up(void) { return KEY_UP; }
static inline int wisp_key_down(void) { return KEY_DOWN; }
static inline int wisp_key_left(void) { return KEY_LEFT; }
static inline int wisp_key_right(void) { return KEY_RIGHT; }
static inline int wisp_key_home(void) { return KEY_HOME; }
static inline int wisp_key_end(void) { return KEY_END; }
static inline int wisp_key_ppage(void) { return KEY_PPAGE; }
static inline int wisp_key_npage(void) { return KEY_NPAGE; }
static inline int wisp_key_dc(void) { return KEY_DC; }
static inline int wisp_key_backspace(void) { return KEY_BACKSPACE; }
static inline int wisp_key_btab(void) { return KEY_BTAB; }
static inline int wisp_key_enter(void) { return KEY_ENTER; }
static inline int wisp_key_mouse(void) { return KEY_MOUSE; }
static inline int wisp_key_resize(void) { return KEY_RESIZE; }
static inline int wisp_key_find(void) { return KEY_FIND; }
static inline int wisp_key_select(void) { return KEY_SELECT; }
static inline int wisp_key_a1(void) { return KEY_A1; }
static inline int wisp_key_a3(void) { return KEY_A3; }
static inline int wisp_key_c1(void) { return KEY_C1; }
static inline int wisp_key_c3(void) { return KEY_C3; }
static inline int wisp_key_f(int n) { return KEY_F(n); }
static inline int wisp_key_max(void) { return KEY_MAX; }

// MARK: - Mouse

static inline mmask_t wisp_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t wisp_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t wisp_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t wisp_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t wisp_button5_pressed(void) { return BUTTON5_PRESSED; }

static inline int wisp_getmouse(int *x, int *y, mmask_t *buttons) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    *buttons = event.bstate;
    return OK;
}
