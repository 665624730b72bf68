#define _GNU_SOURCE
#include <stdio.h>
#include <sys/stat.h>

static const char *type_of(mode_t m)
{
	if (S_ISREG(m)) return "regular";
	if (S_ISCHR(m)) return "character device";
	if (S_ISFIFO(m)) return "fifo";
	if (S_ISDIR(m)) return "directory";
	if (S_ISSOCK(m)) return "socket";
	return "other";
}

/* The runner gives stdin from fstat_std.stdin and stdout/stderr as pipes. */
int main(void)
{
	struct stat st;
	for (int fd = 0; fd < 3; fd++) {
		if (fstat(fd, &st) != 0) {
			printf("fd %d: fstat failed\n", fd);
			continue;
		}
		printf("fd %d: %s", fd, type_of(st.st_mode));
		if (S_ISREG(st.st_mode))
			printf(", size %lld", (long long)st.st_size);
		printf("\n");
	}
	if (stat("/dev/null", &st) == 0)
		printf("/dev/null: %s\n", type_of(st.st_mode));
	if (stat("/", &st) == 0)
		printf("/: %s\n", type_of(st.st_mode));
	return 0;
}
