#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * _Exit skips stdio flushing. stdout is a pipe in the runner, so it is fully
 * buffered: the printf below must be lost on both sides. The write(2) goes
 * straight out, and stderr is unbuffered.
 */
int main(void)
{
	printf("this line is buffered and never flushed\n");
	write(1, "written directly\n", 17);
	fputs("stderr is unbuffered\n", stderr);
	_Exit(3);
}
