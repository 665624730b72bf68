/* Writes to address 0 after a line on stdout: the kernel must end it as
 * Linux does, killed by SIGSEGV (shell status 139), and what it printed
 * before must have reached stdout. */
#include <stdio.h>

int main(void)
{
	volatile int *p = 0;

	printf("about to write through NULL\n");
	fflush(stdout);
	*p = 1;
	printf("still alive\n");
	return 0;
}
