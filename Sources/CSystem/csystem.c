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

static cpu_set_t initial_affinity;
static pthread_once_t initial_affinity_once = PTHREAD_ONCE_INIT;

static void save_initial_affinity(void) {
    if (sched_getaffinity(0, sizeof initial_affinity, &initial_affinity) != 0) {
        CPU_ZERO(&initial_affinity);
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        for (long i = 0; i < online && i < CPU_SETSIZE; i++) CPU_SET(i, &initial_affinity);
    }
}

int csystem_pin_current_thread(int cpu) {
    pthread_once(&initial_affinity_once, save_initial_affinity);
    if (cpu < 0) return sched_setaffinity(0, sizeof initial_affinity, &initial_affinity);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
}

ssize_t csystem_getrandom(void *buf, size_t len) {
    return getrandom(buf, len, 0);
}
