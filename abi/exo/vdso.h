/* The vDSO: where it sits, what it exports, how to find its entry.
 *
 * The kernel maps one contiguous area at a page-aligned address of its
 * choice (kernel-glue's exo_vdso_map does it):
 *
 *   base                       kernel data page    (1 page, read-only, shared)
 *   base + 1 page              process area        (EXO_PROCESS_AREA_PAGES, read-write)
 *   base + EXO_VDSO_IMAGE_OFFSET  the vDSO image  (read-only + executable)
 *
 * The image finds the pages before it by PC-relative addressing (its linker
 * script places symbols at these negative offsets, as Linux does for vvar),
 * so it needs no relocation. AT_SYSINFO_EHDR (33) carries the image's
 * address, as on Linux, so gdb and musl's __vdsosym find it.
 *
 * Frozen across every major version, so that a libc built for another
 * major can still say why it will not run: the table's first 24 bytes
 * (magic, abi_major, abi_minor, size, reserved, syscall_entry) and, through
 * that entry, write(2) and exit_group(2).
 *
 * The image exports, version POSIXX_1, the entry table `__posixx_vdso`
 * below and the system-call entry `__posixx_syscall`; version LINUX_2.6,
 * the four functions Linux's vDSO has (__vdso_clock_gettime,
 * __vdso_gettimeofday, __vdso_time, __vdso_getcpu) for libcs that use them. */
#ifndef EXO_VDSO_H
#define EXO_VDSO_H

#include "layout.h"
#include "version.h"

#define EXO_VDSO_MAGIC 0x564f5845  /* "EXOV" */
#define EXO_VDSO_TABLE_SYMBOL "__posixx_vdso"

#ifndef __ASSEMBLER__
#include "types.h"
#include "process.h"

EXO_ABI_ASSERT(EXO_VDSO_PROCESS_OFFSET == EXO_VDSO_KDATA_OFFSET + EXO_PAGE_SIZE, process_after_kdata);
EXO_ABI_ASSERT(EXO_VDSO_IMAGE_OFFSET == EXO_VDSO_PROCESS_OFFSET + EXO_PROCESS_AREA_SIZE, image_after_process);
EXO_ABI_ASSERT(EXO_PP_NATIVE_ENTRY == EXO_OFFSETOF(struct exo_process_page, native_entry), pp_entry_off);
EXO_ABI_ASSERT(EXO_PP_DEBUG_FLAGS == EXO_OFFSETOF(struct exo_process_page, debug_flags), pp_debug_off);

/* Auxiliary vector key that carries the image address (Linux's value). */
#define EXO_AT_SYSINFO_EHDR 33

struct exo_vdso_table {
	exo_u32 magic;
	exo_u16 abi_major;
	exo_u16 abi_minor;
	exo_u32 size;                /* sizeof, grows with minor versions */
	exo_u32 reserved;
	/* Offsets from the table's own address (an absolute pointer would need
	 * a relocation). */
	exo_s64 syscall_entry;       /* Linux system calls, `syscall` convention */
	exo_s64 native_syscall;      /* a `syscall` instruction + ret, for kernels that enter that way */
	/* ABI 1.3: where a signal up-call enters (rdi = struct
	 * exo_signal_context *, signal.h); 0 in an older image. */
	exo_s64 signal_entry;
	exo_s64 reserved_entries[5];
};

EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_vdso_table, syscall_entry) == 16, vt_entry_off);
EXO_ABI_ASSERT(sizeof(struct exo_vdso_table) == 80, vt_size);
#endif /* __ASSEMBLER__ */

#endif
