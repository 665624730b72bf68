/* The clock as a program sees it: the real vDSO image, mapped by
 * kernel-glue in this process beside the real timekeeper's data page,
 * read through its exported __vdso_clock_gettime, compared with the
 * host's clock. CLOCK_REALTIME must stay within 1 ms of the host's and
 * CLOCK_MONOTONIC must never go back, in one thread or across several,
 * over enough time for many timekeeper updates, nor at start-up, when the
 * page switches from no clock (readers get the host's, through the
 * kernel) to its TSC line. */
#define _GNU_SOURCE
#include <elf.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <exo/native.h>
#include <exo/status.h>
#include "exo_glue.h"
#include "kernel_test.h"

#define THREADS 4
#define SECONDS 2
#define LIMIT_NS 1000000ll

typedef int (*cgt_fn)(long, struct timespec *);
static cgt_fn vdso_cgt;
static long long global_mono;   /* largest monotonic value any thread saw */
static int bad_real, bad_mono;
static long long worst_real;

static int op_map_anon(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	(void)ctx; (void)prot;
	return mmap((void *)addr, len, PROT_READ | PROT_WRITE | PROT_EXEC,
	            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ? EXO_ERR_NO_MEMORY : 0;
}

static int op_map_kdata(void *ctx, exo_u64 addr)
{
	(void)ctx;
	return mmap((void *)addr, 4096, PROT_READ, MAP_SHARED | MAP_FIXED, timekeeper_fd(), 0)
	       == MAP_FAILED ? EXO_ERR_NO_MEMORY : 0;
}

static int op_protect(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	(void)ctx;
	return mprotect((void *)addr, len, (prot & 1 ? PROT_READ : 0) | (prot & 2 ? PROT_WRITE : 0) |
	                (prot & 4 ? PROT_EXEC : 0));
}

static int op_copy_out(void *ctx, exo_u64 addr, const void *src, exo_u64 len)
{
	(void)ctx;
	memcpy((void *)addr, src, len);
	return 0;
}

/* Look a symbol up in the mapped image through its dynamic section, as
 * libc's __vdsosym does. */
static void *vdso_symbol(exo_u64 image, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)image;
	Elf64_Phdr *ph = (Elf64_Phdr *)(image + eh->e_phoff);
	Elf64_Dyn *dyn = NULL;
	Elf64_Sym *syms = NULL;
	const char *strs = NULL;
	Elf32_Word *hash = NULL;

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (Elf64_Dyn *)(image + ph[i].p_vaddr);
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_SYMTAB) syms = (Elf64_Sym *)(image + dyn->d_un.d_ptr);
		if (dyn->d_tag == DT_STRTAB) strs = (const char *)(image + dyn->d_un.d_ptr);
		if (dyn->d_tag == DT_HASH) hash = (Elf32_Word *)(image + dyn->d_un.d_ptr);
	}
	if (!syms || !strs || !hash)
		return NULL;
	for (Elf32_Word i = 0; i < hash[1]; i++)
		if (syms[i].st_shndx && !strcmp(strs + syms[i].st_name, name))
			return (void *)(image + syms[i].st_value);
	return NULL;
}

static long long ns(struct timespec t)
{
	return t.tv_sec * 1000000000ll + t.tv_nsec;
}

static void *reader(void *arg)
{
	struct timespec h1, v, h2;
	time_t end = time(NULL) + SECONDS;
	long long last = 0;

	(void)arg;
	while (time(NULL) < end) {
		for (int i = 0; i < 1000; i++) {
			clock_gettime(CLOCK_REALTIME, &h1);
			vdso_cgt(CLOCK_REALTIME, &v);
			clock_gettime(CLOCK_REALTIME, &h2);
			long long lo = ns(h1) - ns(v), hi = ns(v) - ns(h2);
			long long off = lo > hi ? lo : hi;
			if (off > LIMIT_NS)
				__atomic_add_fetch(&bad_real, 1, __ATOMIC_RELAXED);
			long long w = __atomic_load_n(&worst_real, __ATOMIC_RELAXED);
			while (off > w && !__atomic_compare_exchange_n(&worst_real, &w, off, 0,
			                                                __ATOMIC_RELAXED, __ATOMIC_RELAXED))
				;

			long long before = __atomic_load_n(&global_mono, __ATOMIC_ACQUIRE);
			vdso_cgt(CLOCK_MONOTONIC, &v);
			long long m = ns(v);
			/* A read that starts after another finished sees at least
			 * its value, whichever thread made it. */
			if (m < before || m < last)
				__atomic_add_fetch(&bad_mono, 1, __ATOMIC_RELAXED);
			last = m;
			long long g = before;
			while (m > g && !__atomic_compare_exchange_n(&global_mono, &g, m, 0,
			                                             __ATOMIC_RELEASE, __ATOMIC_RELAXED))
				;
		}
	}
	return NULL;
}

/* What a reader sees across the switch: the host's clock (the kernel's
 * answer) as long as the page has no clock, then the page's. The first
 * page value must not be below the last host value read before it. */
static void check_switch(void)
{
	struct timespec h, v;
	long long last_host = 0;
	volatile struct exo_kdata *kd = timekeeper_page();

	for (long i = 0; i < 2000000000L; i++) {
		if (kd->clock_mode == EXO_CLOCK_MODE_TSC)
			break;
		clock_gettime(CLOCK_MONOTONIC, &h);
		last_host = ns(h);
	}
	CHECK(kd->clock_mode == EXO_CLOCK_MODE_TSC,
	      "the data page carries no TSC clock long after start-up, on a CPU with an invariant TSC");
	if (kd->clock_mode != EXO_CLOCK_MODE_TSC)
		return;
	vdso_cgt(CLOCK_MONOTONIC, &v);
	CHECK(ns(v) >= last_host, "CLOCK_MONOTONIC went back %lld ns when the page took over",
	      last_host - ns(v));
}

/* CPUID 8000_0007h EDX bit 8, what the timekeeper requires. */
static int invariant_tsc(void)
{
	unsigned a, b, c, d;
	__asm__ ("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000007u), "c"(0));
	return (d >> 8) & 1;
}

int main(void)
{
	struct exo_glue_ops ops = { NULL, op_map_anon, op_map_kdata, op_protect, op_copy_out, NULL, NULL };
	struct exo_vdso_mapping vm;
	pthread_t th[THREADS];

	CHECK(timekeeper_start() == 0, "timekeeper_start");
	if (!invariant_tsc()) {
		printf("skipped: no invariant TSC, the data page does not carry the clock\n");
		return 77;
	}
	exo_u64 size = exo_vdso_area_size(&exo_vdso_blob);
	void *base = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(exo_vdso_map(&exo_vdso_blob, (exo_u64)base, &ops, &vm) == 0, "exo_vdso_map");
	vdso_cgt = (cgt_fn)vdso_symbol(vm.image, "__vdso_clock_gettime");
	CHECK(vdso_cgt != NULL, "__vdso_clock_gettime exported");
	if (!vdso_cgt)
		return finish("kernel_clock");
	/* The rate is measured by the ticker's first tick, which sleeps. */
	check_switch();
	if (timekeeper_page()->clock_mode != EXO_CLOCK_MODE_TSC)
		return finish("kernel_clock");

	for (int i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, reader, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	printf("kernel_clock: worst realtime distance from the host %lld ns over %d s, %d threads\n",
	       worst_real, SECONDS, THREADS);
	CHECK(bad_real == 0, "%d realtime reads more than 1 ms from the host's", bad_real);
	CHECK(bad_mono == 0, "%d monotonic reads went backwards", bad_mono);
	return finish("kernel_clock");
}
