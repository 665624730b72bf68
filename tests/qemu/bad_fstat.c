/* fstat into memory the program cannot write. The kernel answers EFAULT,
 * but musl 1.2.3 asks for a struct kstat on its own stack and copies it out
 * in user mode, so the program dies with SIGSEGV natively too: what is
 * compared is that both worlds agree and the kernel survives. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int main(void)
{
	int r = fstat(1, (struct stat *)0x1000);
	printf("fstat(1, unmapped) = %d (%s)\n", r, r ? strerror(errno) : "no error");
	r = fstat(1, (struct stat *)0xffff800000000000ul);
	printf("fstat(1, kernel address) = %d (%s)\n", r, r ? strerror(errno) : "no error");
	return 0;
}
