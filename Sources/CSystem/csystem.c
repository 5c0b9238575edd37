// The GNU-only wrappers; everything else is static inline in csystem.h.
// _GNU_SOURCE must precede every include (see csystem.h for why it is not
// defined in the header itself).
#define _GNU_SOURCE
#include "csystem.h"

#include <poll.h>
#include <string.h>
#include <sched.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

const char *csystem_strerror(int err, char *buf, size_t len) {
    return strerror_r(err, buf, len);
}

int csystem_poll(struct pollfd *fds, nfds_t count, int64_t timeout_ns) {
    if (timeout_ns < 0) return ppoll(fds, count, NULL, NULL);
    struct timespec ts = { .tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000 };
    return ppoll(fds, count, &ts, NULL);
}

int csystem_accept(int fd, struct sockaddr_storage *addr, socklen_t *len) {
    return accept4(fd, (struct sockaddr *)addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int csystem_pin_current_thread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (cpu >= 0) {
        CPU_SET(cpu, &set);
    } else {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        for (long i = 0; i < online && i < CPU_SETSIZE; i++) CPU_SET(i, &set);
    }
    return sched_setaffinity(0, sizeof set, &set);
}

ssize_t csystem_getrandom(void *buf, size_t len) {
    return getrandom(buf, len, 0);
}
