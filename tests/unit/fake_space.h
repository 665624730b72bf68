/* A fake process address space for kernel-glue tests: struct exo_glue_ops
 * over a malloc'd window, tracking per page whether it is mapped and its
 * protection, and refusing what a real kernel would refuse (copying into a
 * page that is unmapped or not writable), so a loader that copies after
 * protecting, or outside what it mapped, fails the test. Header-only: each
 * test is one program. */
#ifndef FAKE_SPACE_H
#define FAKE_SPACE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exo_glue.h"

#define FAKE_MAX_CALLS 64

enum fake_op { FAKE_MAP_ANON, FAKE_MAP_KDATA, FAKE_PROTECT, FAKE_COPY_OUT, FAKE_MAP_IMAGE };

struct fake_call {
	enum fake_op op;
	exo_u64 addr, len;
	unsigned prot;
};

struct fake_space {
	exo_u64 base, size;          /* the window of user addresses */
	unsigned char *mem;
	unsigned char *mapped;       /* per page */
	unsigned *prot;              /* per page */
	unsigned ncalls;
	struct fake_call calls[FAKE_MAX_CALLS];
	const unsigned char *image;  /* the file map_image maps, if offered */
	exo_u64 image_size;
};

#define FAKE_KDATA_BYTE 0x4b     /* what map_kdata fills its page with */

static void fake_record(struct fake_space *f, enum fake_op op, exo_u64 addr,
                        exo_u64 len, unsigned prot)
{
	if (f->ncalls < FAKE_MAX_CALLS)
		f->calls[f->ncalls] = (struct fake_call){ op, addr, len, prot };
	f->ncalls++;
}

static int fake_range_ok(struct fake_space *f, exo_u64 addr, exo_u64 len)
{
	return addr >= f->base && len <= f->size && addr - f->base <= f->size - len;
}

static int fake_map_anon(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	struct fake_space *f = ctx;

	fake_record(f, FAKE_MAP_ANON, addr, len, prot);
	if ((addr | len) & (EXO_PAGE_SIZE - 1) || !fake_range_ok(f, addr, len))
		return EXO_ERR_INVALID;
	memset(f->mem + (addr - f->base), 0, len);
	for (exo_u64 p = (addr - f->base) / EXO_PAGE_SIZE; len; p++, len -= EXO_PAGE_SIZE) {
		f->mapped[p] = 1;
		f->prot[p] = prot;
	}
	return 0;
}

static int fake_map_kdata(void *ctx, exo_u64 addr)
{
	struct fake_space *f = ctx;
	exo_u64 p;

	fake_record(f, FAKE_MAP_KDATA, addr, EXO_PAGE_SIZE, EXO_PROT_READ);
	if (addr & (EXO_PAGE_SIZE - 1) || !fake_range_ok(f, addr, EXO_PAGE_SIZE))
		return EXO_ERR_INVALID;
	p = (addr - f->base) / EXO_PAGE_SIZE;
	memset(f->mem + (addr - f->base), FAKE_KDATA_BYTE, EXO_PAGE_SIZE);
	f->mapped[p] = 1;
	f->prot[p] = EXO_PROT_READ;
	return 0;
}

static int fake_protect(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	struct fake_space *f = ctx;

	fake_record(f, FAKE_PROTECT, addr, len, prot);
	if ((addr | len) & (EXO_PAGE_SIZE - 1) || !fake_range_ok(f, addr, len))
		return EXO_ERR_INVALID;
	for (exo_u64 p = (addr - f->base) / EXO_PAGE_SIZE; len; p++, len -= EXO_PAGE_SIZE) {
		if (!f->mapped[p])
			return EXO_ERR_FAULT;
		f->prot[p] = prot;
	}
	return 0;
}

static int fake_copy_out(void *ctx, exo_u64 addr, const void *src, exo_u64 len)
{
	struct fake_space *f = ctx;

	fake_record(f, FAKE_COPY_OUT, addr, len, 0);
	if (!fake_range_ok(f, addr, len))
		return EXO_ERR_FAULT;
	for (exo_u64 a = addr & ~(exo_u64)(EXO_PAGE_SIZE - 1); a < addr + len; a += EXO_PAGE_SIZE) {
		exo_u64 p = (a - f->base) / EXO_PAGE_SIZE;
		if (!f->mapped[p] || !(f->prot[p] & EXO_PROT_WRITE))
			return EXO_ERR_FAULT;
	}
	memcpy(f->mem + (addr - f->base), src, len);
	return 0;
}

/* A file mapping, as a kernel maps a page-cache page: the file's bytes,
 * zero past its end within the last page, nothing past that page. */
static inline int fake_map_image(void *ctx, exo_u64 addr, exo_u64 len, exo_u64 offset, unsigned prot)
{
	struct fake_space *f = ctx;

	fake_record(f, FAKE_MAP_IMAGE, addr, len, prot);
	if ((addr | len | offset) & (EXO_PAGE_SIZE - 1) || !fake_range_ok(f, addr, len) ||
	    offset >= f->image_size || len > f->image_size - offset + EXO_PAGE_SIZE - 1)
		return EXO_ERR_INVALID;
	exo_u64 have = f->image_size - offset < len ? f->image_size - offset : len;
	memset(f->mem + (addr - f->base), 0, len);
	memcpy(f->mem + (addr - f->base), f->image + offset, have);
	for (exo_u64 p = (addr - f->base) / EXO_PAGE_SIZE; len; p++, len -= EXO_PAGE_SIZE) {
		f->mapped[p] = 1;
		f->prot[p] = prot;
	}
	return 0;
}

static void fake_init(struct fake_space *f, exo_u64 base, exo_u64 size)
{
	memset(f, 0, sizeof *f);
	f->base = base;
	f->size = size;
	f->mem = calloc(1, size);
	f->mapped = calloc(size / EXO_PAGE_SIZE, 1);
	f->prot = calloc(size / EXO_PAGE_SIZE, sizeof *f->prot);
	if (!f->mem || !f->mapped || !f->prot) {
		perror("calloc");
		exit(2);
	}
}

static void fake_free(struct fake_space *f)
{
	free(f->mem);
	free(f->mapped);
	free(f->prot);
}

static struct exo_glue_ops fake_ops(struct fake_space *f)
{
	return (struct exo_glue_ops){ f, fake_map_anon, fake_map_kdata, fake_protect, fake_copy_out, NULL, NULL };
}

static unsigned char *fake_at(struct fake_space *f, exo_u64 addr)
{
	return f->mem + (addr - f->base);
}

/* Protection of the page holding addr, or -1 if unmapped. */
static int fake_prot(struct fake_space *f, exo_u64 addr)
{
	exo_u64 p = (addr - f->base) / EXO_PAGE_SIZE;

	return f->mapped[p] ? (int)f->prot[p] : -1;
}

#endif
