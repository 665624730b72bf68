/* exo_elf_load: map the PT_LOAD segments of an image exo_elf_check accepted.
 *
 * Two ways, chosen by what the kernel offers. With map_image the file's
 * pages are mapped copy-on-write, as Linux's binfmt_elf does: no copy, and
 * only the pages a program touches cost anything. Without it each segment
 * becomes fresh anonymous memory with the file bytes copied in, which any
 * kernel holding the image in its own memory can do with four ops. In both,
 * a writable page is filled before it gets its final protection. */
#include <exo/native.h>
#include <exo/status.h>
#include "exo_glue.h"
#include "elf64.h"

static const unsigned char zero_page[EXO_PAGE_SIZE];

static int copy_segment(const struct exo_elf_segment *s, const unsigned char *file,
                        exo_u64 bias, const struct exo_glue_ops *ops)
{
	exo_u64 start = bias + EXO_PAGE_DOWN(s->vaddr);
	exo_u64 len = bias + EXO_PAGE_UP(s->vaddr + s->memsz) - start;
	int err;

	err = ops->map_anon(ops->ctx, start, len, s->prot | EXO_PROT_WRITE);
	if (err)
		return err;
	/* map_anon memory is zeroed, so the bss and the tail of the last file
	 * page need nothing more. */
	if (s->filesz) {
		err = ops->copy_out(ops->ctx, bias + s->vaddr, file + s->offset, s->filesz);
		if (err)
			return err;
	}
	if (s->prot & EXO_PROT_WRITE)
		return EXO_OK;
	return ops->protect(ops->ctx, start, len, s->prot);
}

static int map_segment(const struct exo_elf_segment *s, exo_u64 bias,
                       const struct exo_glue_ops *ops)
{
	exo_u64 start = bias + EXO_PAGE_DOWN(s->vaddr);
	exo_u64 end = bias + EXO_PAGE_UP(s->vaddr + s->memsz);
	exo_u64 file_end = bias + s->vaddr + s->filesz;     /* first byte not from the file */
	exo_u64 file_pages_end = EXO_PAGE_UP(file_end);
	/* The page the file part ends in goes on with the file's next bytes;
	 * where the bss starts inside it they must read as zero (Linux's
	 * padzero), which needs the page writable for a moment. */
	int zero_tail = s->memsz > s->filesz && file_end < file_pages_end;
	unsigned prot = s->prot | (zero_tail ? EXO_PROT_WRITE : 0);
	int err;

	err = ops->map_image(ops->ctx, start, file_pages_end - start,
	                     EXO_PAGE_DOWN(s->offset), prot);
	if (err)
		return err;
	if (zero_tail) {
		err = ops->copy_out(ops->ctx, file_end, zero_page, file_pages_end - file_end);
		if (!err && prot != s->prot)
			err = ops->protect(ops->ctx, start, file_pages_end - start, s->prot);
		if (err)
			return err;
	}
	if (end > file_pages_end)
		return ops->map_anon(ops->ctx, file_pages_end, end - file_pages_end, s->prot);
	return EXO_OK;
}

int exo_elf_load(const struct exo_elf_image *img, const void *file,
                 exo_u64 bias, const struct exo_glue_ops *ops)
{
	int err;

	/* ET_EXEC addresses are absolute; a PIE moves by whole pages, and must
	 * still end inside user space. */
	if (bias & (EXO_PAGE_SIZE - 1))
		return EXO_ERR_INVALID;
	if (!img->is_pie && bias != 0)
		return EXO_ERR_INVALID;
	if (bias >= EXO_USER_END || img->hi > EXO_USER_END - bias)
		return EXO_ERR_INVALID;

	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct exo_elf_segment *s = &img->segments[i];
		if (ops->map_image && s->filesz)
			err = map_segment(s, bias, ops);
		else
			err = copy_segment(s, file, bias, ops);
		if (err)
			return err;
	}
	return EXO_OK;
}
