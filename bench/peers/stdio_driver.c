/* A small MCP stdio load driver: starts the server command, does the handshake, then keeps `concurrency`
 * tools/call requests in flight for `seconds` and checks every response.
 *
 *   stdio_driver CONCURRENCY SECONDS EXPECT PARAMS_JSON -- server command and arguments...
 *
 * Protocol with the harness (on the driver's own stdin/stdout), so server start-up is not measured:
 *   driver prints  "READY <server pid>"        after initialize + a short warm-up
 *   harness writes "GO\n"                      (after snapshotting CPU counters)
 *   driver prints  "RESULT {json}"             after the timed window
 *   harness writes "END\n"                     (after snapshotting again); the driver closes the server's stdin,
 *                                               waits for it (killing it after 5 s) and exits.
 * A response is good when it carries "result", contains EXPECT, and has no "isError":true.
 * Requests ids are 1, 2, 3, ...; responses are matched by id to compute per-call latency.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int to_server, from_server;
static char *params;
static char rbuf[1 << 22];
static size_t rlen;

static void send_all(const char *buf, size_t n) {
    while (n) {
        ssize_t w = write(to_server, buf, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            perror("write");
            exit(2);
        }
        buf += w;
        n -= (size_t)w;
    }
}

static void send_call(long id) {
    char buf[8192];
    int n = snprintf(buf, sizeof buf, "{\"jsonrpc\":\"2.0\",\"id\":%ld,\"method\":\"tools/call\",\"params\":%s}\n", id,
                     params);
    send_all(buf, (size_t)n);
}

/* Read available data; return pointer to next complete line (NUL-terminated) or NULL. */
static int fill(int timeout_ms) {
    struct pollfd p = {from_server, POLLIN, 0};
    int r = poll(&p, 1, timeout_ms);
    if (r <= 0) return r;
    if (rlen == sizeof rbuf) { fprintf(stderr, "line too long\n"); exit(2); }
    ssize_t n = read(from_server, rbuf + rlen, sizeof rbuf - rlen);
    if (n <= 0) { fprintf(stderr, "server closed its stdout\n"); exit(2); }
    rlen += (size_t)n;
    return 1;
}

static size_t consumed;
static char *next_line(void) {
    char *nl = memchr(rbuf + consumed, '\n', rlen - consumed);
    if (!nl) {
        memmove(rbuf, rbuf + consumed, rlen - consumed);
        rlen -= consumed;
        consumed = 0;
        return NULL;
    }
    *nl = 0;
    char *line = rbuf + consumed;
    consumed = (size_t)(nl - rbuf) + 1;
    return line;
}

static long id_of(const char *line) {
    const char *p = strstr(line, "\"id\":");
    if (!p) return -1;
    return strtol(p + 5, NULL, 10);
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 7 || strcmp(argv[5], "--")) {
        fprintf(stderr, "usage: %s CONCURRENCY SECONDS EXPECT PARAMS_JSON -- command...\n", argv[0]);
        return 2;
    }
    int conc = atoi(argv[1]);
    double seconds = atof(argv[2]);
    const char *expect = argv[3];
    params = argv[4];
    int in[2], out[2];
    if (pipe(in) || pipe(out)) { perror("pipe"); return 2; }
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execvp(argv[6], argv + 6);
        perror("exec");
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_server = in[1];
    from_server = out[0];

    const char *init =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        "\"capabilities\":{},\"clientInfo\":{\"name\":\"stdio_driver\",\"version\":\"0\"}}}\n";
    send_all(init, strlen(init));
    double deadline = now() + 60;
    for (;;) {
        char *line;
        int got = 0;
        while ((line = next_line())) if (id_of(line) == 0) { got = 1; break; }
        if (got) break;
        if (now() > deadline) { fprintf(stderr, "no initialize response\n"); kill(pid, SIGKILL); return 2; }
        fill(1000);
    }
    const char *inited = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
    send_all(inited, strlen(inited));

    long max_calls = 20000000;
    double *sent = calloc((size_t)max_calls + 1, sizeof(double));
    double *lat = calloc((size_t)max_calls + 1, sizeof(double));
    long next_id = 1, done_n = 0, ok = 0, bad = 0, nlat = 0;
    char bad_sample[301] = "";
    int measuring = 0, warm = 1;
    double warm_until = now() + 0.5, end_at = 0, started = 0;
    long inflight = 0;

    for (;;) {
        double t = now();
        if (warm && t >= warm_until && inflight == 0) {
            warm = 0;
            printf("READY %d\n", pid);
            fflush(stdout);
            char cmd[16];
            if (!fgets(cmd, sizeof cmd, stdin)) return 2;
            measuring = 1;
            started = now();
            end_at = started + seconds;
            t = started;
        }
        int stop_sending = (warm && t >= warm_until) || (measuring && t >= end_at);
        while (!stop_sending && inflight < conc && next_id <= max_calls) {
            sent[next_id] = now();
            send_call(next_id++);
            inflight++;
        }
        if (measuring && t >= end_at && inflight == 0) break;
        char *line;
        int processed = 0;
        while ((line = next_line())) {
            processed++;
            long id = id_of(line);
            if (id <= 0 || id >= next_id) continue; /* notifications, logs */
            inflight--;
            if (!measuring) continue;
            if (sent[id] < started) continue; /* warm-up stragglers */
            int good = strstr(line, "\"result\"") && strstr(line, expect) && !strstr(line, "\"isError\":true");
            if (good) ok++;
            else {
                bad++;
                if (!bad_sample[0]) {
                    strncpy(bad_sample, line, 300);
                    for (char *c = bad_sample; *c; c++) if (*c == '"' || *c == '\\' || (unsigned char)*c < 32) *c = '\'';
                }
            }
            lat[nlat++] = now() - sent[id];
            done_n++;
        }
        if (!processed) fill(50); /* nothing to read yet: wait for the server (else send the next calls first) */
    }
    double elapsed = now() - started;
    qsort(lat, (size_t)nlat, sizeof(double), cmp);
    double p50 = nlat ? lat[nlat / 2] : 0, p99 = nlat ? lat[(long)(nlat * 0.99) > 0 ? (long)(nlat * 0.99) - 1 : 0] : 0;
    printf("RESULT {\"requests\":%ld,\"duration_us\":%.0f,\"p50_us\":%.0f,\"p99_us\":%.0f,\"max_us\":%.0f,\"ok\":%ld,"
           "\"bad\":%ld,\"socket_errors\":0,\"non2xx\":0,\"bad_sample\":%s%s%s}\n",
           done_n, elapsed * 1e6, p50 * 1e6, p99 * 1e6, nlat ? lat[nlat - 1] * 1e6 : 0, ok, bad,
           bad_sample[0] ? "\"" : "", bad_sample[0] ? bad_sample : "null", bad_sample[0] ? "\"" : "");
    fflush(stdout);
    char cmd[16];
    if (!fgets(cmd, sizeof cmd, stdin)) { /* harness gone: still clean up */ }
    close(to_server);
    for (int i = 0; i < 50; i++) {
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) return 0;
        usleep(100000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return 0;
}
