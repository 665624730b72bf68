/* Layout of the POSIX-X vDSO image (preprocessed with the C preprocessor
 * for the numbers in abi/exo/layout.h).
 *
 * One read+exec PT_LOAD at vaddr 0 == file offset 0, so the kernel maps the
 * file as a flat copy at any page-aligned address. The pages the kernel
 * maps before the image (kernel data page, process area) are reached
 * through symbols at negative offsets, PC-relative, needing no relocation:
 * the technique Linux uses for its vvar pages. */
#include <exo/layout.h>

#define BEFORE_IMAGE(off) (. - (EXO_VDSO_IMAGE_OFFSET - (off)))

SECTIONS
{
	exo_vdso_kdata = BEFORE_IMAGE(EXO_VDSO_KDATA_OFFSET);
	exo_vdso_process = BEFORE_IMAGE(EXO_VDSO_PROCESS_OFFSET);
	exo_vdso_stats = BEFORE_IMAGE(EXO_VDSO_PROCESS_OFFSET + 0x1000);
	exo_vdso_fds = BEFORE_IMAGE(EXO_VDSO_PROCESS_OFFSET + 0x3000);
	exo_vdso_private = BEFORE_IMAGE(EXO_VDSO_PROCESS_OFFSET + 0x7000);

	. = SIZEOF_HEADERS;

	.hash		: { *(.hash) }			:text
	.gnu.hash	: { *(.gnu.hash) }
	.dynsym		: { *(.dynsym) }
	.dynstr		: { *(.dynstr) }
	.gnu.version	: { *(.gnu.version) }
	.gnu.version_d	: { *(.gnu.version_d) }
	.gnu.version_r	: { *(.gnu.version_r) }
	.dynamic	: { *(.dynamic) }		:text :dynamic
	.rodata		: { *(.rodata .rodata.*) }	:text
	.note		: { *(.note.*) }		:text :note
	.eh_frame_hdr	: { *(.eh_frame_hdr) }		:text :eh_frame_hdr
	.eh_frame	: { KEEP (*(.eh_frame)) }	:text
	.text		: { *(.text .text.*) }		:text

	/* The image is mapped read-only: writable data has nowhere to live.
	 * Anything that lands here fails the link below. */
	.writable	: { *(.data .data.* .bss .bss.* COMMON .got .got.plt .plt) }
	/DISCARD/	: { *(.comment) *(.note.GNU-stack) }
}

ASSERT(SIZEOF(.writable) == 0, "the vDSO must not have writable data, a GOT or a PLT");

PHDRS
{
	text		PT_LOAD		FLAGS(5) FILEHDR PHDRS;	/* PF_R | PF_X */
	dynamic		PT_DYNAMIC	FLAGS(4);
	note		PT_NOTE		FLAGS(4);
	eh_frame_hdr	PT_GNU_EH_FRAME;
}
