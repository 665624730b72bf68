#include <stdio.h>

/*
 * A raw `syscall` instruction in application code, bypassing libc and so the
 * vDSO. Natively it is getppid. Under `exo-run --strict` it must be fatal
 * (status 159, stderr names getppid); under plain exo-run it is refused with
 * -ENOSYS, and this program prints what it got.
 */
static long raw_getppid(void)
{
	long ret;
	__asm__ volatile ("syscall"
			  : "=a"(ret)
			  : "a"(110L)
			  : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	printf("before\n");
	fflush(stdout);
	long r = raw_getppid();
	if (r > 0)
		printf("after: ok\n");
	else
		printf("after: %ld\n", r);
	return 0;
}
