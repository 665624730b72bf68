/* int3 in ring 3 without a debugger: SIGTRAP (status 133), as on Linux,
 * which lets user code execute int3 (the gate's DPL is 3). */
#include <stdio.h>

int main(void)
{
	fflush(stdout);
	__asm__ volatile ("int3");
	puts("not reached");
	return 0;
}
