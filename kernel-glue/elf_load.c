/* exo_elf_load: map the PT_LOAD segments of an image exo_elf_check accepted.
 *
 * Each segment becomes fresh anonymous memory rather than a file mapping:
 * the kernel holds the image in its own memory, and copying keeps the ops
 * down to four that any kernel can provide. The pages are mapped writable
 * first so copy_out may fill them, then given their final protection. */
#include <exo/native.h>
#include <exo/status.h>
#include "exo_glue.h"
#include "elf64.h"

static int load_segment(const struct exo_elf_segment *s, const unsigned char *file,
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
		err = load_segment(&img->segments[i], file, bias, ops);
		if (err)
			return err;
	}
	return EXO_OK;
}
