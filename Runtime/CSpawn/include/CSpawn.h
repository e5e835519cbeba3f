// Wrappers for spawn helpers glibc only declares under _GNU_SOURCE.
#ifndef SLUICE_CSPAWN_H
#define SLUICE_CSPAWN_H
#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np: the child starts in `path`.
int sluice_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// posix_spawn_file_actions_addclosefrom_np: the child starts with every descriptor from `lowest` up closed,
/// so it inherits none of the parent's sockets (listeners, connections) or files.
int sluice_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);
#endif
