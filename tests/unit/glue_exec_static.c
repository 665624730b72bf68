/* End to end on Linux: check, load and start real static programs with
 * kernel-glue alone (exo_elf_check, exo_elf_load, exo_stack_build), the way
 * a kernel would, and see the program's libc accept the stack and auxv
 * (TLS found through AT_PHDR, AT_RANDOM, AT_EXECFN, environment, argv).
 *
 * The programs are built here with $CC (default cc) as -static and
 * -static-pie, or named on the command line. Each is started in a forked
 * child: the ops are mmap/mprotect/memcpy in the child's own address space,
 * then the child jumps to the entry point on the new stack. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "exo_glue.h"

#define PIE_BIAS 0x10000000ull
#define STACK_BASE 0x20000000ull
#define STACK_SIZE (1u << 20)

static const char program[] =
	"#include <stdio.h>\n#include <stdlib.h>\n#include <sys/auxv.h>\n"
	"__thread int tl = 7; int d = 3; char b[9000];\n"
	"int main(int argc, char **argv) {\n"
	"  printf(\"%d %s %s %d %d %d %s\\n\", argc, argv[1], getenv(\"X\"), tl, d, b[5],\n"
	"         (char *)getauxval(AT_EXECFN));\n"
	"  return 5;\n}\n";

static int prot_of(unsigned p)
{
	return (p & EXO_PROT_READ ? PROT_READ : 0) | (p & EXO_PROT_WRITE ? PROT_WRITE : 0) |
	       (p & EXO_PROT_EXEC ? PROT_EXEC : 0);
}

static int map_anon(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	void *r = mmap((void *)addr, len, prot_of(prot),
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	(void)ctx;
	return r == (void *)addr ? 0 : EXO_ERR_NO_MEMORY;
}

static int map_kdata(void *ctx, exo_u64 addr) { return map_anon(ctx, addr, EXO_PAGE_SIZE, EXO_PROT_READ); }

static int protect(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	(void)ctx;
	return mprotect((void *)addr, len, prot_of(prot)) ? EXO_ERR_INVALID : 0;
}

static int copy_out(void *ctx, exo_u64 addr, const void *src, exo_u64 len)
{
	(void)ctx;
	memcpy((void *)addr, src, len);
	return 0;
}

/* In the child: never returns. */
static void start(const char *path)
{
	static unsigned char file[16 << 20], stack[65536];
	static const unsigned char random16[16] = { 9, 8, 7, 6, 5, 4, 3, 2, 1 };
	const struct exo_glue_ops ops = { 0, map_anon, map_kdata, protect, copy_out, NULL, NULL };
	char *argv[] = { (char *)path, "hello", NULL };
	char *envp[] = { "X=1", NULL };
	struct exo_elf_image img;
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(file, 1, sizeof file, f) : 0;
	exo_u64 bias, sp, top = STACK_BASE + STACK_SIZE;
	int r;

	if ((r = exo_elf_check(file, n, &img))) {
		printf("check: %s\n", exo_elf_strerror(r));
		_exit(100);
	}
	bias = img.is_pie ? PIE_BIAS : 0;
	if ((r = exo_elf_load(&img, file, bias, &ops)) || (r = map_anon(0, STACK_BASE, STACK_SIZE, 3))) {
		printf("load: %d\n", r);
		_exit(101);
	}
	struct exo_auxv_params aux = {
		.phdr = img.phdr_vaddr + bias, .phent = img.phentsize, .phnum = img.phnum,
		.entry = img.entry + bias, .sysinfo_ehdr = getauxval(AT_SYSINFO_EHDR),
		.uid = getuid(), .euid = geteuid(), .gid = getgid(), .egid = getegid(),
		.hwcap = getauxval(AT_HWCAP), .hwcap2 = getauxval(AT_HWCAP2), .clock_ticks = 100,
		.minsigstksz = getauxval(AT_MINSIGSTKSZ), .random16 = random16,
		.execfn = path, .platform = "x86_64",
	};
	if ((r = exo_stack_build(stack, sizeof stack, top, argv, envp, &aux, &sp))) {
		printf("stack: %d\n", r);
		_exit(102);
	}
	memcpy((void *)sp, stack + sizeof stack - (top - sp), top - sp);
	fflush(stdout);
	/* psABI process entry: rsp = sp, rdx = 0 (no function for atexit). */
	__asm__ volatile("mov %0, %%rsp\n\txor %%edx, %%edx\n\tjmp *%1"
	                 :: "r"(sp), "r"(img.entry + bias) : "memory");
	__builtin_unreachable();
}

static int run(const char *path)
{
	char out[512] = "", want[512];
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return perror("pipe"), 1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		start(path);
	}
	close(fds[1]);
	n = read(fds[0], out, sizeof out - 1);
	out[n > 0 ? n : 0] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	snprintf(want, sizeof want, "2 hello 1 7 3 0 %s\n", path);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 5 || strcmp(out, want)) {
		printf("FAIL %s: status %#x, output \"%s\", want \"%s\" and exit 5\n", path, status, out, want);
		return 1;
	}
	printf("%s: started and ran\n", path);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *kinds[] = { "-static", "-static-pie" };
	const char *cc = getenv("CC") ? getenv("CC") : "cc";
	char src[64], out[64], cmd[512];
	int failures = 0, ran = 0;
	FILE *f;

	for (int i = 1; i < argc; i++, ran++)
		failures += run(argv[i]);
	if (argc > 1)
		return failures != 0;
	snprintf(src, sizeof src, "/tmp/glue_exec_static.%d.c", (int)getpid());
	if (!(f = fopen(src, "w")))
		return perror(src), 1;
	fputs(program, f);
	fclose(f);
	for (int k = 0; k < 2; k++) {
		snprintf(out, sizeof out, "/tmp/glue_exec_static.%d%s", (int)getpid(), kinds[k]);
		snprintf(cmd, sizeof cmd, "%s %s -O2 %s -o %s 2>/dev/null", cc, kinds[k], src, out);
		if (system(cmd) != 0) {
			printf("note: cannot build a %s program with %s\n", kinds[k], cc);
			continue;
		}
		failures += run(out);
		remove(out);
		ran++;
	}
	remove(src);
	if (!ran) {
		printf("skipped: no static program could be built\n");
		return 77;
	}
	printf("glue_exec_static: %s\n", failures ? "FAILED" : "all passed");
	return failures != 0;
}
