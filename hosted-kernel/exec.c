/* EXO_NC_PROCESS_EXEC, first half: everything that can fail is checked
 * here, with the caller intact, in Linux's order: the name (EFAULT), the
 * argument and environment lists (EFAULT, E2BIG), the file (ENOENT,
 * ENOTDIR, ELOOP, EACCES for a directory, a special file, a file without
 * execute permission or on a noexec mount), "#!" interpreter lines
 * (rewriting the arguments as Linux's binfmt_script does), and the ELF
 * image (ENOEXEC when kernel-glue refuses it). Only then does
 * exec_state.c replace the image, which cannot fail in a way the caller
 * could still see. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <exo/status.h>
#include "fs.h"
#include "exec.h"
#include "loader.h"

#define MAX_ARG_STRLEN (32u * 4096)  /* Linux: one string, NUL included */
#define SCRIPT_BUF 256               /* Linux's BINPRM_BUF_SIZE */
#define MAX_INTERPRETERS 4           /* Linux's BINPRM_MAX_RECURSION */

struct strvec {
	char **v;
	unsigned n, cap;
	size_t bytes;        /* strings, NULs included */
};

static void strvec_free(struct strvec *s)
{
	for (unsigned i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Insert a copy of str at position at. */
static long strvec_insert(struct strvec *s, unsigned at, const char *str, size_t len)
{
	char *c = malloc(len + 1);

	if (!c)
		return EXO_ERR_NO_MEMORY;
	memcpy(c, str, len);
	c[len] = 0;
	if (s->n + 2 > s->cap) {
		unsigned ncap = s->cap ? s->cap * 2 : 16;
		char **nv = realloc(s->v, ncap * sizeof *nv);
		if (!nv) {
			free(c);
			return EXO_ERR_NO_MEMORY;
		}
		s->v = nv;
		s->cap = ncap;
	}
	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof *s->v);
	s->v[at] = c;
	s->n++;
	s->v[s->n] = NULL;
	s->bytes += len + 1;
	return 0;
}

/* One guest argument or environment string: memory.c's string copy
 * (only the bytes up to the NUL are touched), E2BIG past Linux's
 * MAX_ARG_STRLEN. */
static long copy_guest_string(char *buf, exo_u64 addr)
{
	long n = copy_string_from_guest(buf, addr, MAX_ARG_STRLEN);

	return n == EXO_ERR_NAME_TOO_LONG ? EXO_ERR_TOO_BIG : n;
}

/* A NULL-terminated guest array of strings (a NULL array is empty, as
 * Linux takes it). */
static long copy_guest_vector(struct strvec *s, exo_u64 array, char *buf)
{
	if (!array)
		return 0;
	for (exo_u64 i = 0;; i++) {
		exo_u64 p;
		long len;

		if (copy_from_guest(&p, array + i * 8, 8) < 0)
			return EXO_ERR_FAULT;
		if (!p)
			return 0;
		if ((len = copy_guest_string(buf, p)) < 0)
			return len;
		if ((len = strvec_insert(s, s->n, buf, (size_t)len)) < 0)
			return len;
	}
}

/* Linux's limit on arguments plus environment: a quarter of the stack
 * limit, at most 6 MiB, at least 128 KiB, pointers included; and the
 * room this kernel's loader keeps for them. */
static int lists_fit(const struct strvec *argv, const struct strvec *envp)
{
	struct rlimit rl;
	size_t limit = 6u << 20;
	size_t need = argv->bytes + envp->bytes + ((argv->n ? argv->n : 1) + envp->n) * 8;

	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur / 4 < limit)
		limit = rl.rlim_cur / 4;
	if (limit < MAX_ARG_STRLEN)
		limit = MAX_ARG_STRLEN;
	if (limit > EXEC_ARG_SPACE - 4096)
		limit = EXEC_ARG_SPACE - 4096;  /* the auxv and its strings */
	return need <= limit;
}

/* Open a program found by the host: a regular file this process may run. */
static long check_program(int fd)
{
	struct stat st;
	struct statvfs vfs;

	if (fstat(fd, &st) < 0)
		return status_from_errno(errno);
	if (!S_ISREG(st.st_mode))
		return EXO_ERR_ACCESS;
	if (faccessat(fd, "", X_OK, AT_EMPTY_PATH | AT_EACCESS) < 0)
		return status_from_errno(errno);
	if (fstatvfs(fd, &vfs) == 0 && (vfs.f_flag & ST_NOEXEC))
		return EXO_ERR_ACCESS;
	return 0;
}

static long open_at(int dirfd, const char *path, int nofollow)
{
	/* O_NONBLOCK: a FIFO without a writer would block the open, where
	 * Linux refuses to execute it (EACCES, may_open) before opening;
	 * check_program refuses it here, and nothing but a regular file,
	 * on which the flag changes nothing, is read. */
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
	                             (nofollow ? O_NOFOLLOW : 0));
	long r;

	if (fd < 0)
		return status_from_errno(errno);
	if ((r = check_program(fd)) < 0) {
		close(fd);
		return r;
	}
	return fd;
}

/* The program the caller named (below dir or root, or dir itself). */
static long open_named(const struct exo_exec_args *a, struct kname *n)
{
	long r = name_get(n, a->dir, a->root, a->path, 0, EXO_RIGHT_LOOKUP,
	                  !!(a->flags & EXO_EXEC_EMPTY_PATH), 0);
	char self[64];

	if (r < 0)
		return r;
	if (!n->self)
		return open_at(n->fd, n->path, !!(a->flags & EXO_EXEC_NOFOLLOW));
	/* The capability's object itself: opened afresh for reading, as
	 * Linux's exec opens the file behind the descriptor. */
	snprintf(self, sizeof self, "/proc/self/fd/%d", n->fd);
	return open_at(AT_FDCWD, self, 0);
}

/* An interpreter named in a "#!" line: below the root or the current
 * directory of the process, as Linux's open_exec resolves it. */
static long open_interpreter(const char *name)
{
	struct exo_process_page pp;
	struct kcap *c;
	long r;

	if (copy_from_guest(&pp, kernel_process_area, sizeof pp) < 0)
		return EXO_ERR_FAULT;
	exo_cap_t dir = name[0] == '/' ? pp.root_cap : pp.cwd_cap;
	while (name[0] == '/' && name[1])
		name++;
	if (name[0] == '/')
		name = ".";
	if (dir == EXO_CAP_INVALID)
		return EXO_ERR_NOT_FOUND;
	if (!(c = cap_get(dir, EXO_RIGHT_LOOKUP, &r)))
		return r;
	return open_at(c->host_fd, name, 0);
}

static int spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* A "#!" line, as binfmt_script reads it: the interpreter's name ends at
 * the first space, tab or NUL; the rest of the line, trimmed, is its one
 * optional argument. 1 with *name and *arg (or NULL) pointing into buf,
 * 0 when the file is no script, or a status. */
static long parse_script(char *buf, size_t got, char **name, char **arg)
{
	char *end, *p, *sep;

	if (got < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	buf[got] = 0;
	end = memchr(buf, '\n', got);
	if (!end) {
		/* No newline in the buffer: the name must end inside it. */
		for (p = buf + 2; p < buf + got && spacetab(*p); p++)
			;
		if (p == buf + got)
			return EXO_ERR_WRONG_TYPE;
		while (p < buf + got && *p && !spacetab(*p))
			p++;
		if (p == buf + got && got == SCRIPT_BUF)
			return EXO_ERR_WRONG_TYPE;   /* the name may be truncated */
		end = buf + got;
	}
	while (end > buf + 2 && spacetab(end[-1]))
		end--;
	*end = 0;
	for (p = buf + 2; p < end && spacetab(*p); p++)
		;
	if (p == end || !*p)
		return EXO_ERR_WRONG_TYPE;      /* no interpreter named */
	*name = p;
	for (sep = p; sep < end && *sep && !spacetab(*sep); sep++)
		;
	*arg = NULL;
	if (sep < end && *sep) {
		*sep = 0;
		for (p = sep + 1; p < end && spacetab(*p); p++)
			;
		if (p < end && *p)
			*arg = p;
	}
	return 1;
}

static long check_elf(int fd)
{
	struct stat st;
	struct exo_elf_image img;
	void *p;
	int err;

	if (fstat(fd, &st) < 0)
		return status_from_errno(errno);
	if (st.st_size == 0)
		return EXO_ERR_WRONG_TYPE;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return status_from_errno(errno);
	err = exo_elf_check(p, (exo_u64)st.st_size, &img);
	munmap(p, (size_t)st.st_size);
	if (err == EXO_ELF_INTERPRETER) {
		/* Linux would run it: a limit of POSIX-X, so it is named (a
		 * malformed image is ENOEXEC on Linux too, and stays quiet). */
		char link[64], name[4096];
		ssize_t n;
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		n = readlink(link, name, sizeof name - 1);
		name[n > 0 ? n : 0] = 0;
		fprintf(stderr, "exo-run: exec %s: %s: ENOEXEC\n", name, exo_elf_strerror(err));
	}
	return err == EXO_ELF_OK ? 0 : EXO_ERR_WRONG_TYPE;
}

long process_exec(struct kthread *t, exo_u64 args)
{
	struct exo_exec_args a;
	struct strvec argv = {0}, envp = {0};
	struct kname *n = NULL;
	char *buf = NULL, *shown = NULL, *interp_names[MAX_INTERPRETERS] = {0};
	long r, fd = -1;

	if (copy_from_guest(&a, args, sizeof a) < 0)
		return EXO_ERR_FAULT;
	if ((a.flags & ~(EXO_EXEC_EMPTY_PATH | EXO_EXEC_NOFOLLOW | EXO_EXEC_PREFIX_CLOSES)) ||
	    a.reserved)
		return EXO_ERR_INVALID;
	n = malloc(sizeof *n);
	buf = malloc(MAX_ARG_STRLEN + SCRIPT_BUF + 1);
	if (!n || !buf) {
		r = EXO_ERR_NO_MEMORY;
		goto out;
	}
	/* The name first (EFAULT, ENAMETOOLONG), then the lists. */
	if ((r = name_copy(n->buf, a.path, 0)) < 0)
		goto out;
	if ((r = copy_guest_vector(&argv, a.argv, buf)) < 0 ||
	    (r = copy_guest_vector(&envp, a.envp, buf)) < 0)
		goto out;
	if (!lists_fit(&argv, &envp)) {
		r = EXO_ERR_TOO_BIG;
		goto out;
	}
	if ((fd = r = open_named(&a, n)) < 0)
		goto out;

	/* The name the new image is told: the caller's, or below
	 * /dev/fd/N when it named the directory by a descriptor. */
	size_t plen = strlen(n->buf);
	int prefixed = a.name_prefix && n->buf[0] != '/';
	if (prefixed) {
		if ((r = name_copy(buf, a.name_prefix, 0)) < 0)
			goto out;
		size_t pre = (size_t)r;
		shown = malloc(pre + plen + 2);
		if (!shown) {
			r = EXO_ERR_NO_MEMORY;
			goto out;
		}
		memcpy(shown, buf, pre);
		shown[pre] = 0;
		if (plen)
			sprintf(shown + pre, "/%s", n->buf);
	} else if (!(shown = strdup(n->buf))) {
		r = EXO_ERR_NO_MEMORY;
		goto out;
	}

	/* Interpreter lines, up to Linux's depth: argv becomes the
	 * interpreter, its argument, the name of the script, then the
	 * caller's arguments after the first. */
	const char *script_name = shown;
	unsigned depth = 0;
	for (;;) {
		char *name, *arg;
		ssize_t got = pread((int)fd, buf, SCRIPT_BUF, 0);
		if (got < 0) {
			r = status_from_errno(errno);
			goto out;
		}
		if ((r = parse_script(buf, (size_t)got, &name, &arg)) < 0)
			goto out;
		if (r == 0)
			break;
		if (depth == MAX_INTERPRETERS) {
			r = EXO_ERR_LOOP;
			goto out;
		}
		if (depth == 0 && (a.flags & EXO_EXEC_PREFIX_CLOSES) && prefixed) {
			r = EXO_ERR_NOT_FOUND;   /* the interpreter could not open /dev/fd/N */
			goto out;
		}
		if (argv.n) {
			free(argv.v[0]);
			argv.bytes -= strlen(argv.v[0]) + 1;
			memmove(argv.v, argv.v + 1, argv.n * sizeof *argv.v);
			argv.n--;
		}
		if ((r = strvec_insert(&argv, 0, script_name, strlen(script_name))) < 0)
			goto out;
		if (arg && (r = strvec_insert(&argv, 0, arg, strlen(arg))) < 0)
			goto out;
		if ((r = strvec_insert(&argv, 0, name, strlen(name))) < 0)
			goto out;
		/* A nested interpreter is given this one's name. */
		if (!(interp_names[depth++] = strdup(name))) {
			r = EXO_ERR_NO_MEMORY;
			goto out;
		}
		script_name = interp_names[depth - 1];
		close((int)fd);
		if ((fd = r = open_interpreter(name)) < 0)
			goto out;
	}
	if (!lists_fit(&argv, &envp)) {
		r = EXO_ERR_TOO_BIG;
		goto out;
	}
	if ((r = check_elf((int)fd)) < 0)
		goto out;

	struct exec_image im = { (int)fd, shown, argv.v, envp.v, argv.n, envp.n };
	static char *empty[] = { NULL };
	if (!im.argv)
		im.argv = empty;
	if (!im.envp)
		im.envp = empty;
	r = exec_state_switch(t, &im);   /* returns only on failure */
out:
	if (fd >= 0)
		close((int)fd);
	strvec_free(&argv);
	strvec_free(&envp);
	for (unsigned i = 0; i < MAX_INTERPRETERS; i++)
		free(interp_names[i]);
	free(shown);
	free(buf);
	free(n);
	return r;
}
