/* The program a suite finds in bin-posixx/ (tools/programs.py builds one
 * per product with exo-cc, the paths compiled in).
 *
 * Started by the suite's native shell, it runs the product under
 * `exo-run --strict`, inside `timeout` (a call POSIX-X lacks could leave
 * it waiting forever). Started by a program that already runs under
 * POSIX-X (xargs, find -exec, a shell running an applet), it is itself a
 * static musl program under POSIX-X and simply execs the product, as a
 * link to it would: the child stays in the same POSIX-X process tree, as
 * it would on Exo-OS, instead of a script whose interpreter (/bin/sh,
 * dynamically linked) could not run there.
 *
 * Under POSIX-X or not is told by the vDSO the kernel mapped: its
 * DT_SONAME is posixx-vdso.so.1 (Linux's is linux-vdso.so.1). */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#ifndef REAL
#error "build with -DREAL=\"/path/to/product\" (tools/programs.py does)"
#endif

static int under_posixx(void)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	unsigned long base = 0, strtab = 0, soname = ~0ul;
	int have_load = 0;

	if (!eh)
		return 0;
	ph = (const Elf64_Phdr *)((const char *)eh + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			base = (unsigned long)eh - ph[i].p_vaddr;
			have_load = 1;
		}
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const Elf64_Dyn *)ph[i].p_vaddr;
	}
	if (!have_load || !dyn)
		return 0;
	dyn = (const Elf64_Dyn *)(base + (unsigned long)dyn);
	for (; dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_STRTAB)
			strtab = dyn->d_un.d_ptr;
		if (dyn->d_tag == DT_SONAME)
			soname = dyn->d_un.d_val;
	}
	if (!strtab || soname == ~0ul)
		return 0;
	return strncmp((const char *)(base + strtab + soname), "posixx-vdso.", 12) == 0;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	char **args = calloc((size_t)argc + 12, sizeof *args);
	int n = 0;

	if (!args)
		return 126;
	if (under_posixx()) {
		execv(REAL, argv);   /* argv[0] as given: a multi-call binary picks by it */
		perror(REAL);
		return 127;
	}
	args[n++] = TIMEOUT;
	args[n++] = "-k";
	args[n++] = "5";
	args[n++] = LIMIT;
	args[n++] = EXO_RUN;
	args[n++] = "--strict";
	/* The product sees the argv[0] the suite gave, as exec gives it
	 * (programs print it: "sed: -e expression #1, char 2: ..."); a
	 * multi-call binary gets its applet's name below instead. */
	if (!MULTICALL) {
		args[n++] = "--argv0";
		args[n++] = argv[0];
	}
	args[n++] = REAL;
	/* exo-run gives the program its own path as argv[0]: a multi-call
	 * binary then takes its applet's name as the first argument. */
	if (MULTICALL && strcmp(name, PRODUCT) != 0)
		args[n++] = (char *)name;
	for (int i = 1; i < argc; i++)
		args[n++] = argv[i];
	execv(TIMEOUT, args);
	perror(TIMEOUT);
	return 127;
}
