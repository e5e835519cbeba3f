// The floor under any Runtime API benchmark on this machine: request/response round trips per second
// between two processes over loopback TCP (TCP_NODELAY, 200-byte messages), with no work at either end.
// A Lambda invocation needs at least one such round trip (answer + next request, pipelined).
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    const int rounds = 100000;
    char buffer[512];
    memset(buffer, 'x', sizeof buffer);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(listener, (void *)&address, sizeof address) || listen(listener, 1) ||
        getsockname(listener, (void *)&address, &length)) { perror("listen"); return 1; }
    int one = 1;
    if (fork() == 0) {
        int peer = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(peer, (void *)&address, sizeof address)) { perror("connect"); exit(1); }
        setsockopt(peer, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        for (int i = 0; i < rounds; i++) {
            if (read(peer, buffer, sizeof buffer) <= 0) break;
            if (write(peer, buffer, 200) != 200) break;
        }
        exit(0);
    }
    int connection = accept(listener, 0, 0);
    setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < rounds; i++) {
        if (write(connection, buffer, 200) != 200 || read(connection, buffer, sizeof buffer) <= 0) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("loopback_round_trips_per_second=%.0f\n", rounds / seconds);
    return 0;
}
