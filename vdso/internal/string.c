/* memcpy, memset and a bounded strlen: the compiler emits calls to them for structure
 * copies even in freestanding code, and the image may import nothing.
 * rep movsb/stosb: short, and fast on every CPU with ERMS. */
#include "vdso.h"

void *memcpy(void *restrict dst, const void *restrict src, unsigned long n)
{
	void *d = dst;

	__asm__ volatile ("rep movsb" : "+D"(d), "+S"(src), "+c"(n) :: "memory");
	return dst;
}

void *memset(void *dst, int c, unsigned long n)
{
	void *d = dst;

	__asm__ volatile ("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

hidden unsigned long vdso_strnlen(const char *s, unsigned long max)
{
	unsigned long n = 0;

	while (n < max && s[n])
		n++;
	return n;
}
