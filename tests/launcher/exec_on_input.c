/* Writes "r" (ready) on stdout, waits for one byte on stdin, then execs
 * argv[1] with the rest of its arguments: lets a launcher test change
 * something (the --vdso file) between a process's start and its exec
 * (tests/launcher/vdso_swap.py). */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char c;

	if (argc < 2 || write(1, "r", 1) != 1 || read(0, &c, 1) != 1)
		return 2;
	execv(argv[1], argv + 1);
	perror("exec_on_input: execv");
	return 1;
}
