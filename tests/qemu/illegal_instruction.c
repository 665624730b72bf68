/* ud2 in ring 3: the process ends with SIGILL (status 132), natively and
 * on the QEMU kernel; the kernel runs on. */
#include <stdio.h>

int main(void)
{
	fflush(stdout);
	__asm__ volatile ("ud2");
	puts("not reached");
	return 0;
}
