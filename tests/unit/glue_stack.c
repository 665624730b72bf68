/* exo_stack_build: build a stack, then read it back the way a libc start-up
 * does (argc, argv, envp, auxv), translating user addresses into the
 * buffer, and check every value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exo_glue.h"

#define STACK_TOP 0x7ffffffde000ull
#define BUFSIZE 8192

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static unsigned char stack[BUFSIZE] __attribute__((aligned(16)));

/* A user address of the new stack as a pointer into the buffer, or NULL
 * when it falls outside what exo_stack_build said to copy. */
static void *user(exo_u64 sp, exo_u64 addr, exo_u64 len)
{
	if (addr < sp || addr > STACK_TOP || len > STACK_TOP - addr)
		return NULL;
	return stack + BUFSIZE - (STACK_TOP - addr);
}

static exo_u64 word(exo_u64 sp, exo_u64 addr)
{
	exo_u64 v = 0;
	void *p = user(sp, addr, 8);

	CHECK(p != NULL, "word at %#llx outside the stack", (unsigned long long)addr);
	if (p)
		memcpy(&v, p, 8);
	return v;
}

static const char *string(exo_u64 sp, exo_u64 addr)
{
	const char *s = user(sp, addr, 1);

	if (!s)
		return "<outside the stack>";
	if (!memchr(s, 0, STACK_TOP - addr))
		return "<unterminated>";
	return s;
}

static const unsigned char random16[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static struct exo_auxv_params params(void)
{
	return (struct exo_auxv_params){
		.phdr = 0x400040, .phent = 56, .phnum = 9, .entry = 0x401000,
		.sysinfo_ehdr = 0x7fff00009000, .uid = 1000, .euid = 1001, .gid = 100, .egid = 101,
		.secure = 0, .hwcap = 0x178bfbff, .hwcap2 = 2, .clock_ticks = 100,
		.minsigstksz = 3632, .random16 = random16, .execfn = "/bin/prog", .platform = "x86_64",
	};
}

struct expect { exo_u64 key, value; int is_string; const char *string; };

static void test_layout(void)
{
	char *argv[] = { "prog", "a", "bc", NULL };
	char *envp[] = { "X=1", NULL };
	struct exo_auxv_params aux = params();
	exo_u64 sp = 0, p;
	int r;

	memset(stack, 0xee, sizeof stack);  /* stale bytes must not show through */
	r = exo_stack_build(stack, BUFSIZE, STACK_TOP, argv, envp, &aux, &sp);
	CHECK(r == 0, "build returned %d", r);
	if (r)
		return;
	CHECK(sp % 16 == 0, "sp %#llx not 16-byte aligned", (unsigned long long)sp);
	CHECK(sp < STACK_TOP && STACK_TOP - sp <= BUFSIZE, "sp outside the buffer");
	CHECK(word(sp, STACK_TOP - 8) == 0, "no end marker below stack_top");

	p = sp;
	CHECK(word(sp, p) == 3, "argc %llu", (unsigned long long)word(sp, p));
	p += 8;
	for (int i = 0; i < 3; i++, p += 8)
		CHECK(strcmp(string(sp, word(sp, p)), argv[i]) == 0, "argv[%d] = \"%s\"", i, string(sp, word(sp, p)));
	CHECK(word(sp, p) == 0, "argv not NULL-terminated");
	p += 8;
	CHECK(strcmp(string(sp, word(sp, p)), "X=1") == 0, "envp[0] = \"%s\"", string(sp, word(sp, p)));
	/* Strings in Linux's order: argv[0] lowest, envp after argv. */
	CHECK(word(sp, sp + 8) < word(sp, sp + 16) && word(sp, sp + 24) < word(sp, p),
	      "strings not in Linux's order");
	p += 8;
	CHECK(word(sp, p) == 0, "envp not NULL-terminated");
	p += 8;

	const struct expect want[] = {
		{ 33, 0x7fff00009000, 0, 0 }, { 51, 3632, 0, 0 }, { 16, 0x178bfbff, 0, 0 },
		{ 6, 4096, 0, 0 }, { 17, 100, 0, 0 }, { 3, 0x400040, 0, 0 }, { 4, 56, 0, 0 },
		{ 5, 9, 0, 0 }, { 7, 0, 0, 0 }, { 8, 0, 0, 0 }, { 9, 0x401000, 0, 0 },
		{ 11, 1000, 0, 0 }, { 12, 1001, 0, 0 }, { 13, 100, 0, 0 }, { 14, 101, 0, 0 },
		{ 23, 0, 0, 0 }, { 25, 0, 2, 0 }, { 26, 2, 0, 0 }, { 31, 0, 1, "/bin/prog" },
		{ 15, 0, 1, "x86_64" }, { 0, 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++, p += 16) {
		exo_u64 key = word(sp, p), value = word(sp, p + 8);
		CHECK(key == want[i].key, "auxv[%zu] key %llu, want %llu", i,
		      (unsigned long long)key, (unsigned long long)want[i].key);
		if (want[i].is_string == 1)
			CHECK(strcmp(string(sp, value), want[i].string) == 0, "auxv key %llu: \"%s\"",
			      (unsigned long long)key, string(sp, value));
		else if (want[i].is_string == 2)
			CHECK(user(sp, value, 16) && memcmp(user(sp, value, 16), random16, 16) == 0,
			      "AT_RANDOM bytes differ");
		else
			CHECK(value == want[i].value, "auxv key %llu = %#llx, want %#llx",
			      (unsigned long long)key, (unsigned long long)value,
			      (unsigned long long)want[i].value);
	}
	/* Between AT_NULL and the top, only zeros and the data written: no
	 * stale buffer bytes. */
	for (exo_u64 a = p; a < STACK_TOP; a++)
		CHECK(*(unsigned char *)user(sp, a, 1) != 0xee, "stale byte at top-%llu",
		      (unsigned long long)(STACK_TOP - a));
}

static void test_optional_keys(void)
{
	char *argv[] = { "p", NULL };
	struct exo_auxv_params aux = params();
	exo_u64 sp = 0, p;
	int r;

	aux.minsigstksz = 0;
	aux.platform = NULL;
	aux.execfn = NULL;
	r = exo_stack_build(stack, BUFSIZE, STACK_TOP, argv, NULL, &aux, &sp);
	CHECK(r == 0, "build without optional keys returned %d", r);
	if (r)
		return;
	CHECK(word(sp, sp) == 1 && word(sp, sp + 16) == 0 && word(sp, sp + 24) == 0, "argv/NULL envp");
	for (p = sp + 32; word(sp, p) != 0; p += 16) {
		exo_u64 key = word(sp, p);
		CHECK(key != 51 && key != 15 && key != 31, "key %llu should be left out", (unsigned long long)key);
	}
	CHECK(sp % 16 == 0, "sp not aligned");
}

static void test_too_big(void)
{
	char *argv[] = { "prog", "a", "bc", NULL };
	char *envp[] = { "X=1", NULL };
	struct exo_auxv_params aux = params();
	exo_u64 sp = 0;
	int r;

	exo_u64 need;

	r = exo_stack_build(stack, BUFSIZE, STACK_TOP, argv, envp, &aux, &sp);
	need = STACK_TOP - sp;
	CHECK(r == 0 && need < 1024, "needs %llu bytes", (unsigned long long)need);
	for (exo_u64 size = 0; size < need; size++) {
		r = exo_stack_build(stack, size, STACK_TOP, argv, envp, &aux, &sp);
		CHECK(r == EXO_ERR_TOO_BIG, "%llu-byte buffer: got %d", (unsigned long long)size, r);
	}
	r = exo_stack_build(stack, need, STACK_TOP, argv, envp, &aux, &sp);
	CHECK(r == 0 && STACK_TOP - sp == need, "exactly %llu bytes: got %d", (unsigned long long)need, r);
	/* Not enough address space below stack_top. */
	r = exo_stack_build(stack, BUFSIZE, 64, argv, envp, &aux, &sp);
	CHECK(r == EXO_ERR_TOO_BIG, "stack_top 64: got %d", r);
	aux.random16 = NULL;
	r = exo_stack_build(stack, BUFSIZE, STACK_TOP, argv, envp, &aux, &sp);
	CHECK(r == EXO_ERR_INVALID, "no AT_RANDOM bytes: got %d", r);
}

/* Every buffer size either fails cleanly or yields a stack inside it. */
static void test_every_size(void)
{
	char *argv[] = { "prog", "a", "bc", NULL };
	char *envp[] = { "X=1", NULL };
	struct exo_auxv_params aux = params();
	exo_u64 first_ok = 0;

	for (exo_u64 size = 0; size <= 1024; size++) {
		unsigned char *b = malloc(size ? size : 1);
		exo_u64 sp = 0;
		int r = exo_stack_build(b, size, STACK_TOP, argv, envp, &aux, &sp);
		if (r == 0) {
			CHECK(STACK_TOP - sp <= size && sp % 16 == 0, "size %llu: bad sp", (unsigned long long)size);
			if (!first_ok)
				first_ok = size;
		} else {
			CHECK(r == EXO_ERR_TOO_BIG && !first_ok, "size %llu: got %d after success at %llu",
			      (unsigned long long)size, r, (unsigned long long)first_ok);
		}
		free(b);
	}
	CHECK(first_ok != 0, "no size up to 1024 bytes is enough");
}

int main(void)
{
	test_layout();
	test_optional_keys();
	test_too_big();
	test_every_size();
	if (failures)
		printf("%d check(s) failed\n", failures);
	else
		printf("glue_stack: all passed\n");
	return failures != 0;
}
