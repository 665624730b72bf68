/* What the kernel-model unit tests share: the few symbols the launcher's
 * main.c and entry.S would provide, and a CHECK macro. Each test is a
 * standalone program: 0 on success, 1 with a message per failed check. */
#ifndef KERNEL_TEST_H
#define KERNEL_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include "kernel.h"

struct options opt;
static int failures;

_Noreturn void process_exit(int status)
{
	fprintf(stderr, "unexpected process_exit(%d)\n", status);
	exit(1);
}

long exo_hosted_entry(void)
{
	return 0;
}

_Noreturn void exo_resume_guest(const struct exo_user_regs *regs, exo_u64 fs)
{
	(void)regs, (void)fs;
	fprintf(stderr, "unexpected exo_resume_guest\n");
	exit(1);
}

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		failures++; \
		fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

static int finish(const char *name)
{
	if (failures)
		fprintf(stderr, "%s: %d checks failed\n", name, failures);
	else
		printf("%s: all checks passed\n", name);
	return failures ? 1 : 0;
}

#endif
