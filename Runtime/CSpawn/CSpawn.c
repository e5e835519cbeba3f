#define _GNU_SOURCE
#include <spawn.h>
#include <unistd.h>
#include "CSpawn.h"

int sluice_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int sluice_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    // Older C libraries: close what a process usually has open (its own limit may be higher).
    long limit = sysconf(_SC_OPEN_MAX);
    if (limit < 0 || limit > 4096) limit = 4096;
    for (int fd = lowest; fd < limit; fd++) {
        int status = posix_spawn_file_actions_addclose(actions, fd);
        if (status != 0) return status;
    }
    return 0;
#endif
}
