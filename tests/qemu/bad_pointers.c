/* Bad pointers handed to read, write and writev must come back as EFAULT
 * (or whatever Linux answers), never hurt the kernel: the QEMU kernel
 * copies through the page tables, so an unmapped or kernel address is a
 * status. Compared with a native run (stdin /dev/null, stdout a pipe). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define KERNEL_ADDRESS ((void *)0xffff800000000000ul)
#define UNMAPPED ((void *)0x1000ul)

static void show(const char *what, long r)
{
	if (r < 0)
		fprintf(stderr, "%s = -1 (%s)\n", what, strerror(errno));
	else
		fprintf(stderr, "%s = %ld\n", what, r);
}

int main(void)
{
	struct iovec bad_base[2] = { { "ok\n", 3 }, { UNMAPPED, 4 } };

	show("write(1, unmapped, 10)", write(1, UNMAPPED, 10));
	show("write(1, kernel address, 10)", write(1, KERNEL_ADDRESS, 10));
	show("write(2, NULL, 5)", write(2, NULL, 5));
	show("write(1, NULL, 0)", write(1, NULL, 0));
	show("read(0, unmapped, 10)", read(0, UNMAPPED, 10));
	show("read(0, kernel address, 10)", read(0, KERNEL_ADDRESS, 10));
	show("writev(1, unmapped, 2)", writev(1, UNMAPPED, 2));
	show("writev(1, kernel address, 2)", writev(1, KERNEL_ADDRESS, 2));
	show("writev(1, {ok, unmapped}, 2)", writev(1, bad_base, 2));
	show("readv(0, unmapped, 2)", readv(0, UNMAPPED, 2));
	fprintf(stderr, "still running\n");
	return 0;
}
