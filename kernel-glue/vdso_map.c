/* exo_vdso_map and exo_process_setup: the area every POSIX-X process gets.
 *
 *   base                          kernel data page (map_kdata, read-only)
 *   base + EXO_VDSO_PROCESS_OFFSET process area (zeroed, read-write)
 *   base + EXO_VDSO_IMAGE_OFFSET  vDSO image (read + exec: the kernel's
 *                                 shared pages, or a copy)
 *
 * The image reaches the pages before it PC-relatively, so this layout is
 * fixed by abi/exo/vdso.h and the vDSO's linker script, not chosen here. */
#include <exo/native.h>
#include <exo/status.h>
#include <exo/vdso.h>
#include "exo_glue.h"
#include "elf64.h"

exo_u64 exo_vdso_area_size(const struct exo_vdso_blob *blob)
{
	return EXO_VDSO_IMAGE_OFFSET + EXO_PAGE_UP(blob->image_size);
}

/* vdso2c.py guarantees all of this; a kernel linking a hand-made blob may
 * not, and a symbol past the image would send user space into the void. */
static int blob_is_sane(const struct exo_vdso_blob *blob)
{
	exo_u64 size = blob->image_size;

	return blob->image && size && (size & (EXO_PAGE_SIZE - 1)) == 0 &&
	       blob->sym_table < size && blob->sym_syscall_entry < size &&
	       blob->sym_native_syscall < size;
}

static int init_process_page(exo_u64 process, exo_u64 native_entry,
                             const struct exo_glue_ops *ops)
{
	struct exo_process_page page;

	memset(&page, 0, sizeof page);
	page.native_entry = native_entry;
	page.fd_limit = EXO_FD_TABLE_SIZE;
	return ops->copy_out(ops->ctx, process, &page, sizeof page);
}

int exo_vdso_map(const struct exo_vdso_blob *blob, exo_u64 base,
                 const struct exo_glue_ops *ops, struct exo_vdso_mapping *out)
{
	exo_u64 size = exo_vdso_area_size(blob);
	exo_u64 process = base + EXO_VDSO_PROCESS_OFFSET;
	exo_u64 image = base + EXO_VDSO_IMAGE_OFFSET;
	int err;

	if (!blob_is_sane(blob) || (base & (EXO_PAGE_SIZE - 1)) ||
	    base >= EXO_USER_END || size > EXO_USER_END - base)
		return EXO_ERR_INVALID;

	if ((err = ops->map_kdata(ops->ctx, base + EXO_VDSO_KDATA_OFFSET)))
		return err;
	if ((err = ops->map_anon(ops->ctx, process, EXO_PROCESS_AREA_SIZE,
	                         EXO_PROT_READ | EXO_PROT_WRITE)))
		return err;
	if (ops->map_vdso_image) {
		if ((err = ops->map_vdso_image(ops->ctx, image, blob->image_size)))
			return err;
	} else {
		if ((err = ops->map_anon(ops->ctx, image, blob->image_size,
		                         EXO_PROT_READ | EXO_PROT_WRITE)))
			return err;
		if ((err = ops->copy_out(ops->ctx, image, blob->image, blob->image_size)))
			return err;
		if ((err = ops->protect(ops->ctx, image, blob->image_size,
		                        EXO_PROT_READ | EXO_PROT_EXEC)))
			return err;
	}
	if ((err = init_process_page(process, image + blob->sym_native_syscall, ops)))
		return err;

	out->base = base;
	out->kdata = base + EXO_VDSO_KDATA_OFFSET;
	out->process = process;
	out->image = image;
	out->size = size;
	out->native_syscall = image + blob->sym_native_syscall;
	return EXO_OK;
}

/* Everything is checked before anything is written, so a refused call
 * leaves the area as exo_vdso_map made it. */
static int params_are_valid(const struct exo_process_params *p, exo_u32 fd_limit)
{
	if (fd_limit > EXO_FD_TABLE_SIZE)
		return 0;
	/* process.h: brk_start is page aligned and the break grows upwards. */
	if ((p->brk_start & (EXO_PAGE_SIZE - 1)) || p->brk_limit < p->brk_start)
		return 0;
	if (p->nfds && !p->fds)
		return 0;
	for (unsigned i = 0; i < p->nfds; i++) {
		const struct exo_start_fd *f = &p->fds[i];
		if (f->fd < 0 || (exo_u32)f->fd >= fd_limit || f->object > 0xffffu)
			return 0;
	}
	return 1;
}

int exo_process_setup(const struct exo_vdso_mapping *map,
                      const struct exo_process_params *params,
                      const struct exo_glue_ops *ops)
{
	struct exo_process_page page;
	exo_u32 fd_limit = params->fd_limit ? params->fd_limit : EXO_FD_TABLE_SIZE;
	int err;

	if (!params_are_valid(params, fd_limit))
		return EXO_ERR_INVALID;

	memset(&page, 0, sizeof page);
	page.native_entry = params->native_entry ? params->native_entry : map->native_syscall;
	page.debug_flags = params->debug_flags;
	page.fd_limit = fd_limit;
	page.brk_start = params->brk_start;
	page.brk_limit = params->brk_limit;
	page.root_cap = params->root_cap;
	page.cwd_cap = params->cwd_cap;
	if ((err = ops->copy_out(ops->ctx, map->process, &page, sizeof page)))
		return err;

	for (unsigned i = 0; i < params->nfds; i++) {
		const struct exo_start_fd *f = &params->fds[i];
		struct exo_fd_entry e;
		memset(&e, 0, sizeof e);
		e.cap = f->cap;
		e.object = (exo_u16)f->object;
		e.status_flags = f->status_flags;
		err = ops->copy_out(ops->ctx, map->process + EXO_PROCESS_FDS_OFFSET +
		                    (exo_u64)f->fd * sizeof e, &e, sizeof e);
		if (err)
			return err;
	}
	return EXO_OK;
}
