/* The launcher's writable segment made anonymous, so that it and .bss
 * are one mapping.
 *
 * Linux maps a static-pie's writable segment from the file (a private
 * file mapping) and its .bss as anonymous memory right after it: two
 * mappings, both with written pages, both copied by every fork (each
 * mapping with written pages costs about 2 us per fork+exit+wait,
 * docs/legacy-processes.md). Anonymous memory put in place of the file
 * part, before any of it has its own anonymous pages, is merged by the
 * host with the .bss mapping that follows: one mapping.
 *
 * The segment holds the GOT (linked with -z norelro), through which
 * glibc's ifunc'd functions (memcpy among them) are called, so between
 * moving the segment away and the copy back nothing may call through
 * it: the system calls and the copy are one asm block. Called first in
 * main, before any other thread or signal handler exists. If anything
 * fails the segment stays as the host mapped it. */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "kernel.h"

extern const ElfW(Ehdr) __ehdr_start;

void launcher_data_anonymous(void)
{
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long n = getauxval(AT_PHNUM), bias = (unsigned long)&__ehdr_start;
	unsigned long start = 0, end = 0;

	if (!ph || __ehdr_start.e_phoff == 0)
		return;
	/* The static-pie's first segment is at 0 in the file and in memory:
	 * its load address is the ELF header's. */
	for (unsigned long i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_W) && ph[i].p_filesz) {
			start = (bias + ph[i].p_vaddr) & ~4095ul;
			end = (bias + ph[i].p_vaddr + ph[i].p_filesz + 4095) & ~4095ul;
			break;
		}
	if (start >= end)
		return;
	/* Moved away (its page-table entries, no copy), anonymous memory put
	 * in its place already populated (one call, not a fault per page),
	 * the contents copied back; if the mmap fails the segment is moved
	 * back. */
	unsigned long len = end - start, di = start, si = len, dx = len;
	/* A place to move it to: mremap to the same length without one
	 * would leave it where it is. */
	void *away = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (away == MAP_FAILED)
		return;
	register long r10 __asm__("r10") = MREMAP_MAYMOVE | MREMAP_FIXED;
	register long r8 __asm__("r8") = (long)away;
	register long r9 __asm__("r9") = 0;
	long tmp = SYS_mremap;
	__asm__ volatile (
		"syscall\n\t"                      /* mremap(start, len, len, .., away) */
		"cmpq $-4095, %%rax\n\t"
		"jae 2f\n\t"
		"movq %%rax, %%r12\n\t"            /* where the old pages are now */
		"movq $-1, %%r8\n\t"
		"movq %[start], %%rdi\n\t"
		"movq %[len], %%rsi\n\t"
		"movl %[prot], %%edx\n\t"
		"movl %[flags], %%r10d\n\t"
		"movl %[nr_mmap], %%eax\n\t"
		"syscall\n\t"
		"cmpq $-4095, %%rax\n\t"
		"jae 1f\n\t"
		"movq %%r12, %%rsi\n\t"
		"movq %[start], %%rdi\n\t"
		"movq %[len], %%rcx\n\t"
		"shrq $3, %%rcx\n\t"
		"cld\n\t"
		"rep movsq\n\t"
		"movq %%r12, %%rax\n\t"
		"jmp 2f\n"
		"1:\n\t"                           /* put the old pages back */
		"movq %%r12, %%rdi\n\t"
		"movq %[len], %%rsi\n\t"
		"movq %[len], %%rdx\n\t"
		"movl %[back], %%r10d\n\t"
		"movq %[start], %%r8\n\t"
		"movl %[nr_mremap], %%eax\n\t"
		"syscall\n\t"
		"movq $-1, %%rax\n"
		"2:"
		: "+a"(tmp), "+D"(di), "+S"(si), "+d"(dx), "+r"(r10), "+r"(r8), "+r"(r9)
		: [start] "m"(start), [len] "m"(len),
		  [prot] "i"(PROT_READ | PROT_WRITE),
		  [flags] "i"(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE),
		  [back] "i"(MREMAP_MAYMOVE | MREMAP_FIXED),
		  [nr_mmap] "i"(SYS_mmap), [nr_mremap] "i"(SYS_mremap)
		: "rcx", "r11", "r12", "memory", "cc");
	/* Refused or not, the segment is where it was; what is away is the
	 * old pages or the unused reservation. */
	munmap(away, len);
}
