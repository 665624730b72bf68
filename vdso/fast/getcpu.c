/* getcpu from TSC_AUX, which the kernel sets to cpu | node << 12 on each
 * CPU (Linux does the same, and its vDSO reads it the same way). */
#include "../internal/syscalls.h"

hidden long sys_getcpu(SYSCALL_ARGS)
{
	unsigned *cpu = (unsigned *)a1, *node = (unsigned *)a2;
	exo_u32 lo, hi, aux;

	__asm__ volatile ("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	if (cpu)
		*cpu = aux & 0xfff;
	if (node)
		*node = aux >> 12;
	return 0;
}

__attribute__((visibility("default")))
long __vdso_getcpu(unsigned *cpu, unsigned *node, void *unused)
{
	return sys_getcpu((long)cpu, (long)node, (long)unused, 0, 0, 0);
}
