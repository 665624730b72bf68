/* /proc/self/exe names the program the guest runs, not the launcher.
 *
 * The host's /proc/self is exo-run's process: its exe is exo-run, so a
 * program that re-executes itself through /proc/self/exe (toybox's
 * commands that vfork, as cpio -p does) would run the launcher as a
 * guest. The kernel keeps a descriptor of the program it loaded and
 * resolves the name /proc/self/exe as that descriptor's own magic link,
 * /proc/self/fd/N: open, exec and stat reach the program's file and
 * readlink gives its path, as on Linux. The descriptor is the kernel's
 * (close-on-exec, never in the guest's table); a fork inherits it and an
 * exec loads the next program, which replaces it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "fs.h"

static int program_fd = -1;

void proc_self_exe_set(int fd)
{
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);

	if (program_fd >= 0)
		close(program_fd);
	program_fd = copy;   /* -1 if none: the name then stays the host's */
}

void proc_self_exe_rewrite(char *name)
{
	if (program_fd < 0 || strcmp(name, "/proc/self/exe") != 0)
		return;
	snprintf(name, EXO_PATH_MAX, "/proc/self/fd/%d", program_fd);
}
