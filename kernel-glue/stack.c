/* exo_stack_build: the initial stack, laid out as Linux's create_elf_tables
 * (fs/binfmt_elf.c) does on x86-64, so an unmodified libc start-up reads it.
 * From the top of the stack down:
 *
 *   8 zero bytes                    (Linux's end marker)
 *   execfn string                   AT_EXECFN
 *   argv strings, then envp strings (argv[0] lowest)
 *   padding to 16
 *   platform string                 AT_PLATFORM
 *   16 random bytes                 AT_RANDOM
 *   padding so that sp is 16-byte aligned
 *   auxv pairs ... AT_NULL, 0
 *   envp[0..envc-1], NULL
 *   argv[0..argc-1], NULL
 *   argc                            <- sp
 *
 * Linux shifts the strings by a random amount (arch_align_stack); this is a
 * pure function of its inputs, so it does not, and stays testable. */
#include <exo/status.h>
#include <exo/vdso.h>
#include "exo_glue.h"
#include "elf64.h"

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31
#define AT_MINSIGSTKSZ 51

#define MAX_AUXV 24  /* pairs, AT_NULL included; more than we ever emit */

struct layout {
	unsigned char *buf;
	exo_u64 bufsize;
	exo_u64 top;
	exo_u64 low;        /* lowest user address used so far */
};

static exo_u64 string_size(const char *s)
{
	exo_u64 n = 0;

	while (s[n])
		n++;
	return n + 1;
}

/* Reserve len bytes below l->low (aligned down to align). Fails without
 * wrapping when the buffer or the address space below stack_top runs out. */
static int reserve(struct layout *l, exo_u64 len, exo_u64 align, exo_u64 *addr)
{
	exo_u64 used = l->top - l->low;

	if (len > l->bufsize - used)
		return EXO_ERR_TOO_BIG;
	*addr = (l->low - len) & ~(align - 1);
	if (*addr > l->low || l->top - *addr > l->bufsize)
		return EXO_ERR_TOO_BIG;
	l->low = *addr;
	return EXO_OK;
}

static void *at(const struct layout *l, exo_u64 addr)
{
	return l->buf + l->bufsize - (l->top - addr);
}

static void put_word(const struct layout *l, exo_u64 addr, exo_u64 value)
{
	memcpy(at(l, addr), &value, sizeof value);
}

static int push_string(struct layout *l, const char *s, exo_u64 *addr)
{
	exo_u64 n = string_size(s);
	int err = reserve(l, n, 1, addr);

	if (!err)
		memcpy(at(l, *addr), s, n);
	return err;
}

static exo_u64 count(char *const v[])
{
	exo_u64 n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* The auxv in Linux's order (ARCH_DLINFO first on x86-64). */
static unsigned fill_auxv(exo_u64 (*av)[2], const struct exo_auxv_params *a,
                          exo_u64 random, exo_u64 platform, exo_u64 execfn)
{
	unsigned n = 0;

#define AUX(key, value) (av[n][0] = (key), av[n][1] = (value), n++)
	AUX(EXO_AT_SYSINFO_EHDR, a->sysinfo_ehdr);
	if (a->minsigstksz)
		AUX(AT_MINSIGSTKSZ, a->minsigstksz);
	AUX(AT_HWCAP, a->hwcap);
	AUX(AT_PAGESZ, EXO_PAGE_SIZE);
	AUX(AT_CLKTCK, a->clock_ticks);
	AUX(AT_PHDR, a->phdr);
	AUX(AT_PHENT, a->phent);
	AUX(AT_PHNUM, a->phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, a->entry);
	AUX(AT_UID, a->uid);
	AUX(AT_EUID, a->euid);
	AUX(AT_GID, a->gid);
	AUX(AT_EGID, a->egid);
	AUX(AT_SECURE, a->secure);
	AUX(AT_RANDOM, random);
	AUX(AT_HWCAP2, a->hwcap2);
	if (a->execfn)
		AUX(AT_EXECFN, execfn);
	if (a->platform)
		AUX(AT_PLATFORM, platform);
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

int exo_stack_build(void *buf, exo_u64 bufsize, exo_u64 stack_top,
                    char *const argv[], char *const envp[],
                    const struct exo_auxv_params *aux, exo_u64 *sp)
{
	struct layout l = { buf, bufsize, stack_top, stack_top };
	exo_u64 argc = count(argv), envc = count(envp);
	exo_u64 marker, execfn = 0, platform = 0, random, vec, words, addr;
	exo_u64 auxv[MAX_AUXV][2];
	unsigned nauxv;
	int err;

	/* libc seeds the stack protector from AT_RANDOM: no silent zeros. */
	if (!aux->random16)
		return EXO_ERR_INVALID;
	if ((err = reserve(&l, 8, 8, &marker)))
		return err;
	put_word(&l, marker, 0);
	if (aux->execfn && (err = push_string(&l, aux->execfn, &execfn)))
		return err;
	/* Strings are pushed last first so argv[0] ends lowest, as on Linux;
	 * their addresses are read back when the vectors are written below. */
	for (exo_u64 i = envc; i-- > 0;)
		if ((err = push_string(&l, envp[i], &addr)))
			return err;
	for (exo_u64 i = argc; i-- > 0;)
		if ((err = push_string(&l, argv[i], &addr)))
			return err;
	exo_u64 strings = l.low;
	if ((err = reserve(&l, 0, 16, &addr)))
		return err;
	memset(at(&l, addr), 0, strings - addr);
	if (aux->platform && (err = push_string(&l, aux->platform, &platform)))
		return err;
	if ((err = reserve(&l, 16, 1, &random)))
		return err;
	memcpy(at(&l, random), aux->random16, 16);

	nauxv = fill_auxv(auxv, aux, random, platform, execfn);
	if (argc > bufsize / 8 || envc > bufsize / 8)
		return EXO_ERR_TOO_BIG;
	words = 1 + (argc + 1) + (envc + 1) + 2 * (exo_u64)nauxv;
	if ((err = reserve(&l, words * 8, 16, &vec)))
		return err;

	/* argc, argv[], NULL, envp[], NULL, auxv: consecutive words from sp. */
	addr = vec;
	put_word(&l, addr, argc);
	addr += 8;
	for (exo_u64 i = 0; i < argc; i++, addr += 8) {
		put_word(&l, addr, strings);
		strings += string_size(argv[i]);
	}
	put_word(&l, addr, 0);
	addr += 8;
	for (exo_u64 i = 0; i < envc; i++, addr += 8) {
		put_word(&l, addr, strings);
		strings += string_size(envp[i]);
	}
	put_word(&l, addr, 0);
	addr += 8;
	for (unsigned i = 0; i < nauxv; i++, addr += 16) {
		put_word(&l, addr, auxv[i][0]);
		put_word(&l, addr + 8, auxv[i][1]);
	}
	/* Zero the gaps so the copied range holds no stale kernel bytes. */
	memset(at(&l, addr), 0, random - addr);
	*sp = vec;
	return EXO_OK;
}
