/* Starting a program, as an Exo-OS ELF loader does, through kernel-glue:
 * check the image, map its segments, map the vDSO area, fill the process
 * page and build the stack. Errors are one line and an exit status a
 * shell would give: 127 for a program that is not there, 126 for one that
 * cannot be run. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <exo/native.h>
#include <exo/status.h>
#include <exo/vdso.h>
#include "exo_glue.h"
#include "fs.h"
#include "kernel.h"
#include "loader.h"

const struct exo_vdso_blob *kernel_vdso = &exo_vdso_blob;

#define BRK_LIMIT (1ul << 30)

struct host_space {
	exo_u64 reserved_lo, reserved_hi;  /* MAP_FIXED allowed inside */
	int image_fd;                      /* the program, for map_image */
};

static int host_prot(unsigned prot)
{
	return (prot & EXO_PROT_READ ? PROT_READ : 0) |
	       (prot & EXO_PROT_WRITE ? PROT_WRITE : 0) |
	       (prot & EXO_PROT_EXEC ? PROT_EXEC : 0);
}

static int op_map_anon(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	struct host_space *s = ctx;
	int fixed = addr >= s->reserved_lo && addr + len <= s->reserved_hi
	            ? MAP_FIXED : MAP_FIXED_NOREPLACE;
	void *p = mmap((void *)addr, len, host_prot(prot), MAP_PRIVATE | MAP_ANONYMOUS | fixed, -1, 0);

	if (p == MAP_FAILED)
		return errno == EEXIST ? EXO_ERR_EXISTS : (int)status_from_errno(errno);
	return 0;
}

/* The program's pages come from the host's page cache, copy-on-write:
 * a busybox applet's start touched about 700 pages when the whole file
 * was read and its segments copied (perf stat -e page-faults on exo-run
 * running `busybox cat /dev/null`). */
static int op_map_image(void *ctx, exo_u64 addr, exo_u64 len, exo_u64 offset, unsigned prot)
{
	struct host_space *s = ctx;
	int fixed = addr >= s->reserved_lo && addr + len <= s->reserved_hi
	            ? MAP_FIXED : MAP_FIXED_NOREPLACE;
	void *p = mmap((void *)addr, len, host_prot(prot), MAP_PRIVATE | fixed, s->image_fd,
	               (off_t)offset);

	if (p == MAP_FAILED)
		return errno == EEXIST ? EXO_ERR_EXISTS : (int)status_from_errno(errno);
	return 0;
}

static int op_map_kdata(void *ctx, exo_u64 addr)
{
	(void)ctx;
	void *p = mmap((void *)addr, 4096, PROT_READ, MAP_SHARED | MAP_FIXED, timekeeper_fd(), 0);
	return p == MAP_FAILED ? (int)status_from_errno(errno) : 0;
}

static int op_map_vdso_image(void *ctx, exo_u64 addr, exo_u64 len)
{
	(void)ctx;
	return vdso_share_map(addr, len);
}

static int op_protect(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	(void)ctx;
	return mprotect((void *)addr, len, host_prot(prot)) < 0 ? (int)status_from_errno(errno) : 0;
}

static int op_copy_out(void *ctx, exo_u64 addr, const void *src, exo_u64 len)
{
	(void)ctx;
	memcpy((void *)addr, src, len);
	return 0;
}

int open_program(const char *path, int *status)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "exo-run: %s: %s\n", path, strerror(errno));
		*status = errno == ENOENT ? 127 : 126;
	}
	return fd;
}

/* The file, mapped read-only for exo_elf_check to read its headers and
 * for map_image's fallback; only the pages read are touched. Since the
 * image is the file's pages (copy-on-write once the guest writes them),
 * the tree's processes may not write a running program's file
 * (ETXTBSY, images.c), as on Linux. */
static void *map_whole(int fd, const char *path, struct stat *st, int *status)
{
	void *file;

	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
		fprintf(stderr, "exo-run: %s: not a regular file\n", path);
		*status = 126;
		return NULL;
	}
	file = mmap(NULL, st->st_size ? (size_t)st->st_size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
	if (file == MAP_FAILED) {
		fprintf(stderr, "exo-run: %s: cannot read it (%s)\n", path, strerror(errno));
		*status = 126;
		return NULL;
	}
	return file;
}

/* Reserve len bytes wherever the host likes (it randomises the place). */
static exo_u64 reserve(exo_u64 len)
{
	void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p == MAP_FAILED ? 0 : (exo_u64)p;
}

static int fail(const char *path, const char *what, int status)
{
	fprintf(stderr, "exo-run: %s: %s\n", path, what);
	return status;
}

static unsigned start_fds(struct exo_start_fd *fds)
{
	unsigned n = 0;

	for (int fd = 0; fd < 3; fd++) {
		unsigned object, rights, flags;
		int dup = fcntl(fd, F_DUPFD_CLOEXEC, 10);
		if (dup < 0)
			continue;  /* not open on the host: not open in the guest */
		cap_describe_host_fd(dup, &object, &rights, &flags);
		long cap = cap_install(dup, object, rights);
		if (cap < 0) {
			close(dup);
			continue;
		}
		fds[n++] = (struct exo_start_fd){ fd, (exo_cap_t)cap, object, flags };
	}
	return n;
}

/* A directory capability for a host directory: what the process's root
 * and current directory are. O_PATH: the capability names and looks up,
 * it never reads the directory itself. 0 if the host has none (a removed
 * current directory): names below it are then not found, as on Linux. */
static exo_cap_t directory_cap(const char *where)
{
	int fd = open(where, O_PATH | O_DIRECTORY | O_CLOEXEC);
	long cap;

	if (fd < 0)
		return EXO_CAP_INVALID;
	cap = cap_install(fd, EXO_OBJ_DIRECTORY,
	                  EXO_RIGHT_LOOKUP | EXO_RIGHT_STAT | EXO_RIGHT_CREATE);
	if (cap < 0) {
		close(fd);
		return EXO_CAP_INVALID;
	}
	return (exo_cap_t)cap;
}

/* The guest's descriptor limit is the host's soft RLIMIT_NOFILE, so a
 * program runs out of descriptors where it would natively, capped by the
 * table. The kernel model itself holds a host descriptor per capability
 * plus its own, so it raises its own soft limit to the hard one. */
static exo_u32 descriptor_limit(void)
{
	struct rlimit rl;
	rlim_t soft;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return EXO_FD_TABLE_SIZE;
	soft = rl.rlim_cur;
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	if (soft < 3)
		soft = 3;  /* the standard descriptors exist whatever the limit */
	return soft < EXO_FD_TABLE_SIZE ? (exo_u32)soft : EXO_FD_TABLE_SIZE;
}

/* One reservation, from the bottom: a guard range, the guest's stack,
 * the kernel's pool (memory.c), the vDSO area. The stack and the pool's
 * pages are one host mapping, and with the vDSO area they share a
 * page-table page or two: each mapping with written pages and each
 * page-table page is copied by every fork (docs/legacy-processes.md).
 * The guard is as Linux's stack_guard_gap under a stack: what the guest
 * maps next is placed below it, so a stack overflow faults
 * (tests/diff/sig_faults) instead of running into that memory. A
 * PROT_NONE mapping (a hole would be filled by the host's next mmap),
 * but the guest's, as Linux's gap is: it may map there with MAP_FIXED,
 * and its faults are reported as a hole's (memory.c). Made
 * before the kernel's first allocation (main, before the clock ticker's
 * stack), or by load_program. */
static struct { exo_u64 stack, vdso; } layout;

int loader_reserve(void)
{
	exo_u64 area = exo_vdso_area_size(kernel_vdso);
	exo_u64 block, stack;

	if (layout.stack)
		return 0;
	if (!(block = reserve(STACK_GUARD + STACK_SIZE + KERNEL_POOL + area)))
		return -1;
	stack = block + STACK_GUARD;
	if (mmap((void *)stack, STACK_SIZE, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
		munmap((void *)block, STACK_GUARD + STACK_SIZE + KERNEL_POOL + area);
		return -1;
	}
	mem_add_guest_range(block, stack + STACK_SIZE);
	mem_stack_guard_set(block, stack);
	mem_pool_set(stack + STACK_SIZE, stack + STACK_SIZE + KERNEL_POOL);
	layout.stack = stack;
	layout.vdso = stack + STACK_SIZE + KERNEL_POOL;
	return 0;
}

exo_u64 kernel_process_area;

int load_program(int fd, const char *path, char *const argv[], char *const envp[],
                 const struct carried *carried, struct launch *out)
{
	struct host_space space = { .image_fd = fd };
	struct exo_glue_ops ops = { &space, op_map_anon, op_map_kdata, op_protect, op_copy_out,
	                            op_map_image, op_map_vdso_image };
	struct exo_elf_image img;
	struct exo_vdso_mapping vm;
	int status, err;
	exo_u64 bias = 0;
	struct stat st;
	char *file = map_whole(fd, path, &st, &status);
	size_t size;

	proc_self_exe_set(fd);
	if (!file) {
		close(fd);
		return status;
	}
	size = (size_t)st.st_size;
	err = exo_elf_check(file, size, &img);
	if (err == EXO_ELF_OK && img.is_pie) {
		exo_u64 at = reserve(img.hi - img.lo);
		if (!at)
			err = -1;
		bias = at - img.lo;
		space.reserved_lo = at;
		space.reserved_hi = at + (img.hi - img.lo);
	}
	int load = err == EXO_ELF_OK ? exo_elf_load(&img, file, bias, &ops) : 0;
	if (load < 0)
		err = -2;
	munmap(file, size ? size : 1);
	if (err == EXO_ELF_OK)
		image_running(&st);
	close(fd);
	if (err == -1)
		return fail(path, "no room in the address space for it", 126);
	if (err == -2 && load == EXO_ERR_EXISTS)
		return fail(path, "its segments could not be mapped where it was linked "
		                  "(they collide with the kernel model's own memory)", 126);
	if (err == -2) {
		/* The host refused the mapping itself: a noexec mount, no memory. */
		fprintf(stderr, "exo-run: %s: its segments could not be mapped (status %d)\n", path, load);
		return 126;
	}
	if (err != EXO_ELF_OK) {
		fprintf(stderr, "exo-run: %s: cannot run this program: %s\n", path, exo_elf_strerror(err));
		return 126;
	}
	mem_add_guest_range(bias + img.lo, bias + img.hi);

	exo_u64 area = exo_vdso_area_size(kernel_vdso);
	if (loader_reserve() < 0)
		return fail(path, "no room in the address space for its stack", 126);
	exo_u64 stack = layout.stack, base = layout.vdso;
	space.reserved_lo = base;
	space.reserved_hi = base + area;
	if (exo_vdso_map(kernel_vdso, base, &ops, &vm) < 0)
		return fail(path, "the vDSO could not be mapped", 126);
	mem_add_guest_range(base, base + area);

	struct exo_start_fd fds[3];
	struct exo_process_params pp = {
		.native_entry = (exo_u64)exo_hosted_entry,
		.debug_flags = (opt.stats ? EXO_DEBUG_STATS : 0) | (opt.trace ? EXO_DEBUG_TRACE : 0),
		.brk_start = (bias + img.hi + 4095) & ~4095ull,
	};
	if (carried) {
		pp.fd_limit = carried->fd_limit;
		pp.root_cap = carried->root_cap;
		pp.cwd_cap = carried->cwd_cap;
		pp.nfds = carried->nfds;
		pp.fds = carried->fds;
	} else {
		pp.fd_limit = descriptor_limit();
		pp.root_cap = directory_cap("/");
		pp.cwd_cap = directory_cap(".");
		pp.nfds = start_fds(fds);
		pp.fds = fds;
	}
	pp.brk_limit = pp.brk_start + BRK_LIMIT;
	if (exo_process_setup(&vm, &pp, &ops) < 0)
		return fail(path, "the process page could not be set up", 126);
	kernel_process_area = vm.process;
	/* The statistics go on counting across exec: one report per process,
	 * at its end (docs/legacy-processes.md). */
	if (carried && carried->stats)
		memcpy((void *)(vm.process + EXO_PROCESS_STATS_OFFSET), carried->stats,
		       sizeof *carried->stats);

	unsigned char random16[16];
	if (getrandom(random16, sizeof random16, 0) != sizeof random16)
		memset(random16, 0x5a, sizeof random16);
	struct exo_auxv_params aux = {
		.phdr = img.phdr_vaddr ? bias + img.phdr_vaddr : 0,
		.phent = img.phentsize, .phnum = img.phnum,
		.entry = bias + img.entry,
		.sysinfo_ehdr = vm.image,
		.uid = getuid(), .euid = geteuid(), .gid = getgid(), .egid = getegid(),
		.hwcap = getauxval(AT_HWCAP), .hwcap2 = getauxval(AT_HWCAP2),
		.clock_ticks = (exo_u64)sysconf(_SC_CLK_TCK),
		.minsigstksz = getauxval(51),
		.random16 = random16,
		.execfn = path,
		.platform = "x86_64",
	};
	/* The stack image is built in the stack's top quarter; argument
	 * lists longer than that are refused (E2BIG). The kernel model shares
	 * the guest's address space, so it is built in place: a buffer of the
	 * launcher's and a copy were fresh heap pages and faults per exec. */
	exo_u64 bufsize = EXEC_ARG_SPACE;
	exo_u64 sp;
	if (exo_stack_build((void *)(stack + STACK_SIZE - bufsize), bufsize, stack + STACK_SIZE,
	                    argv, envp, &aux, &sp) < 0)
		return fail(path, "its arguments and environment do not fit on the stack", 126);

	out->entry = bias + img.entry;
	out->sp = sp;
	out->stats = (const struct exo_stats *)(vm.process + EXO_PROCESS_STATS_OFFSET);
	out->vdso_table = vm.image + kernel_vdso->sym_table;
	out->process = vm.process;
	return 0;
}
