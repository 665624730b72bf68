/* Host system calls as the raw instruction, -errno on failure, and the
 * fault-safe copies of vdso/internal/uaccess.S and user_string.S: for code
 * that runs with the guest's FS still loaded (RING_ENTER's short path,
 * ring_one.c and ring_one_name.c, and what it calls in caps.c), where
 * glibc's syscall() would set errno through the guest's thread pointer
 * and memory.c's copies need sigsetjmp (glibc's TLS). */
#ifndef HOST_RAW_H
#define HOST_RAW_H

static inline long host_raw3(long nr, long a1, long a2, long a3)
{
	long r;

	__asm__ volatile ("syscall"
		: "=a"(r)
		: "a"(nr), "D"(a1), "S"(a2), "d"(a3)
		: "rcx", "r11", "memory");
	return r;
}

static inline long host_raw4(long nr, long a1, long a2, long a3, long a4)
{
	register long r10 __asm__("r10") = a4;
	long r;

	__asm__ volatile ("syscall"
		: "=a"(r)
		: "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
		: "rcx", "r11", "memory");
	return r;
}

/* -EFAULT through the thread block's user_fixup (fault.c honours it). */
long user_copy(void *dst, const void *src, unsigned long n);
/* The length without the NUL, max when no NUL came in max bytes, or
 * -EFAULT (user_string.S). */
long user_string_copy(char *dst, const char *src, unsigned long max);

#endif
