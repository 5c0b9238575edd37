// Thin wrappers for what Glibc's Swift module hides or imports awkwardly:
// GNU-only calls (accept4, ppoll, GNU strerror_r), signalfd, function-like
// macros and thread-local globals (errno). Each wrapper is one call; policy
// lives in Swift.
//
// _GNU_SOURCE is deliberately NOT defined here: this header is compiled into
// the CSystem clang module, and glibc headers included with _GNU_SOURCE
// declare types such as fd_set differently from Swift's Glibc module, which
// breaks every Swift file importing both. The GNU-only calls are therefore
// defined in csystem.c (which defines _GNU_SOURCE) and only declared here.
#pragma once

#include <errno.h>
#include <malloc.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

// MARK: errno

static inline int csystem_errno(void) { return errno; }

/// GNU strerror_r: thread-safe, always returns a usable message.
const char *csystem_strerror(int err, char *buf, size_t len);

// MARK: clock and poll

static inline uint64_t csystem_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// ppoll with a nanosecond timeout; a negative timeout waits indefinitely.
int csystem_poll(struct pollfd *fds, nfds_t count, int64_t timeout_ns);

// MARK: signals

static inline int csystem_sigmask(int how, const int *signals, int count) {
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < count; i++) sigaddset(&set, signals[i]);
    return pthread_sigmask(how, &set, NULL);
}

static inline int csystem_block_signals(const int *signals, int count) {
    return csystem_sigmask(SIG_BLOCK, signals, count);
}

static inline int csystem_unblock_signals(const int *signals, int count) {
    return csystem_sigmask(SIG_UNBLOCK, signals, count);
}

/// Creates (fd == -1) or updates a non-blocking, close-on-exec signalfd.
static inline int csystem_signalfd(int fd, const int *signals, int count) {
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < count; i++) sigaddset(&set, signals[i]);
    return signalfd(fd, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/// Reads one queued signal; returns its number, 0 when none is queued, -1 on error.
static inline int csystem_read_signal(int fd) {
    struct signalfd_siginfo info;
    ssize_t n = read(fd, &info, sizeof info);
    if (n == (ssize_t)sizeof info) return (int)info.ssi_signo;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    return -1;
}

static inline void csystem_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

static inline int csystem_signal_to_current_thread(int signo) {
    return pthread_kill(pthread_self(), signo);
}

/// Starts a detached thread with every signal blocked, so signals meant for
/// the reactor's signalfd are never delivered to a helper thread.
static inline int csystem_spawn_detached(void *(*body)(void *), void *arg) {
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, body, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc == 0) pthread_detach(thread);
    return rc;
}

// MARK: sockets

static inline int csystem_tcp_socket(int family) {
    return socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
}

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC.
int csystem_accept(int fd, struct sockaddr_storage *addr, socklen_t *len);

// getrandom(2), which Glibc's Swift module does not import: up to len bytes from the kernel's
// CSPRNG; the count, or -1 with errno.
ssize_t csystem_getrandom(void *buf, size_t len);

// Restricts the calling thread to one CPU, or, when cpu < 0, gives it back the CPUs the
// process had at the first call (so an outer taskset still holds). For benchmarks that place
// their threads; CPU_SET is a GNU macro. 0 on success, -1 with errno.
int csystem_pin_current_thread(int cpu);

/// A non-blocking, close-on-exec Unix stream pair: a pipe whose writer can
/// use MSG_NOSIGNAL when the reader has gone.
static inline int csystem_socketpair(int fds[2]) {
    return socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds);
}

static inline ssize_t csystem_send(int fd, const void *buf, size_t len) {
    return send(fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
}

static inline ssize_t csystem_recv(int fd, void *buf, size_t len) {
    return recv(fd, buf, len, MSG_DONTWAIT);
}

static inline int csystem_set_int_option(int fd, int level, int name, int value) {
    return setsockopt(fd, level, name, &value, sizeof value);
}

static inline int csystem_set_nodelay(int fd) {
    return csystem_set_int_option(fd, IPPROTO_TCP, TCP_NODELAY, 1);
}

static inline int csystem_set_reuseaddr(int fd) {
    return csystem_set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1);
}

/// The pending error of a socket (0 if none), or -1 if it cannot be read.
static inline int csystem_socket_error(int fd) {
    int value = 0;
    socklen_t len = sizeof value;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &len) != 0) return -1;
    return value;
}

static inline int csystem_shutdown_write(int fd) { return shutdown(fd, SHUT_WR); }

// MARK: name resolution

static inline int csystem_getaddrinfo_tcp(const char *host, struct addrinfo **result) {
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    return getaddrinfo(host, NULL, &hints, result);
}

static inline int csystem_eai_system(void) { return EAI_SYSTEM; }

// MARK: limits

/// Raises the soft open-file limit to the hard limit; returns the new soft limit (or -1).
static inline long csystem_raise_nofile_limit(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return -1;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0) return -1;
    }
    return (long)rl.rlim_cur;
}

/// Serves blocks up to 32 MiB from the heap and keeps freed memory mapped (up to 256 MiB),
/// so a 16 MiB message buffer is reused instead of being mmapped and page-faulted afresh.
static inline void csystem_tune_malloc(void) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
}
