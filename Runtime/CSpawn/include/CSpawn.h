// Wrappers for spawn helpers glibc only declares under _GNU_SOURCE.
#ifndef SLUICE_CSPAWN_H
#define SLUICE_CSPAWN_H
#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np: the child starts in `path`.
int sluice_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);
#endif
