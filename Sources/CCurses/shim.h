#ifndef PAYOPS_CCURSES_SHIM_H
#define PAYOPS_CCURSES_SHIM_H
/* Wide-character curses: these must come before any system header. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <curses.h>

/* Globals Swift 6 refuses to read, and macros Swift cannot import. */
static inline WINDOW *payops_stdscr(void) { return stdscr; }
static inline int payops_lines(void) { return LINES; }
static inline int payops_cols(void) { return COLS; }
static inline int payops_colors(void) { return COLORS; }
static inline int payops_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t payops_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t payops_a_bold(void) { return A_BOLD; }
static inline attr_t payops_a_dim(void) { return A_DIM; }
static inline attr_t payops_a_reverse(void) { return A_REVERSE; }
static inline attr_t payops_a_underline(void) { return A_UNDERLINE; }
static inline attr_t payops_a_italic(void) { return A_ITALIC; }
static inline attr_t payops_a_normal(void) { return A_NORMAL; }
static inline int payops_key_f(int n) { return KEY_F(n); }
static inline int payops_wcwidth(wchar_t c) { return wcwidth(c); }

/* Can the terminal move the cursor? TERM=dumb and other glass ttys cannot: a full-screen program would draw
   garbage there. Asked of terminfo before curses starts. */
#include <term.h>
/* 1: it can; 0: it cannot (a hardcopy or dumb terminal); -1: terminfo does not know TERM. */
static inline int payops_terminal_can_address_cursor(void) {
    int error = 0;
    if (setupterm(NULL, 1, &error) != 0) return error == 1 ? 0 : -1;
    char *cup = tigetstr("cup");
    int can = cup != NULL && cup != (char *)-1;
    del_curterm(cur_term);
    cur_term = NULL;
    return can;
}

/* The mouse: presses, releases and the wheel (no motion reports: every move of the pointer would be a frame),
   reported at once (mouseinterval 0: no wait to combine press and release into a click). Returns the mask granted. */
static inline unsigned long payops_enable_mouse(void) {
    mmask_t old = 0;
    mmask_t granted = mousemask(ALL_MOUSE_EVENTS, &old);
    mouseinterval(0);
    return (unsigned long)granted;
}
/* Reads the pending mouse event: kind 1 a left press (or click), 2 wheel up, 3 wheel down, 0 anything else;
   returns -1 when there is none. */
static inline int payops_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

/* The key code curses gives an extended key named by terminfo (kLFT5 is Ctrl-←), or 0 when the terminal has none. */
static inline int payops_key_code(const char *capability) {
    char *sequence = tigetstr(capability);
    if (sequence == NULL || sequence == (char *)-1) return 0;
    int code = key_defined(sequence);
    return code > 0 ? code : 0;
}

/* newterm on the process's own stdout/stdin (globals Swift 6 cannot read). */
static inline SCREEN *payops_newterm(void) { return newterm(NULL, stdout, stdin); }

/* Put one styled wide character at (y, x) of stdscr. */
static inline int payops_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/* A signalfd that reads SIGINT, SIGTERM and SIGHUP (which the caller has blocked). */
static inline int payops_signalfd_for_termination(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}
/* On a crash (a Swift trap is SIGILL/SIGTRAP), give the terminal back before dying: endwin()
   is not async-signal-safe, but the process is ending anyway and a wrecked terminal is worse. */
static void payops_crash_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void payops_install_crash_handlers(void) {
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) signal(signals[i], payops_crash_handler);
}
#endif
