/* kernel-glue: what a kernel's ELF loader calls to start a POSIX-X process.
 *
 * Freestanding C: no libc, no allocation, no global state. The kernel
 * supplies memory operations through struct exo_glue_ops, so the same code
 * serves the Linux-hosted kernel model (same address space, plain memcpy)
 * and a ring-0 kernel (writing another address space).
 *
 * A loader's sequence:
 *   exo_elf_check()     validate the program image, learn its layout
 *   exo_elf_load()      map its PT_LOAD segments at the chosen bias
 *   exo_vdso_map()      map kernel data page, process area and vDSO image
 *   exo_stack_build()   lay out argv, envp, auxv on the new stack
 * then set up the thread block and enter user mode at the entry point. */
#ifndef EXO_GLUE_H
#define EXO_GLUE_H

#include <exo/types.h>
#include <exo/status.h>   /* EXO_ERR_* returned below */
#include <exo/native.h>   /* EXO_PROT_* taken by the ops */
#include <exo/process.h>
#include <exo/vdso.h>     /* the area layout exo_vdso_map follows */

/* ---- memory operations the kernel supplies ------------------------------ */

struct exo_glue_ops {
	void *ctx;
	/* Map len bytes of zeroed private memory at addr (page aligned) with
	 * EXO_PROT_* protection. Returns 0 or an EXO_ERR_* status. */
	int (*map_anon)(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot);
	/* Map the system-wide kernel data page read-only at addr. */
	int (*map_kdata)(void *ctx, exo_u64 addr);
	/* Change protection of [addr, addr+len). */
	int (*protect)(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot);
	/* Copy len bytes from kernel memory src into the process at addr. */
	int (*copy_out)(void *ctx, exo_u64 addr, const void *src, exo_u64 len);
	/* Optional (NULL: exo_elf_load copies every segment). Map len bytes of
	 * the program's file, from offset (page aligned), at addr as private
	 * copy-on-write pages with EXO_PROT_* protection, as Linux maps an
	 * executable: the page cache's pages are shared until written, so a
	 * process starts without copying its image and touches only the pages
	 * it runs. The file bytes the last page holds past the segment read as
	 * they are in the file, unless the segment continues into a bss. */
	int (*map_image)(void *ctx, exo_u64 addr, exo_u64 len, exo_u64 offset, unsigned prot);
	/* Optional (NULL: exo_vdso_map copies the blob's image into fresh
	 * pages). Map the blob's image, len bytes, read-only and executable
	 * at addr, from pages the kernel keeps for it, as Linux maps its one
	 * vDSO into every process: no copy per process, and only the pages
	 * the process runs are faulted in. */
	int (*map_vdso_image)(void *ctx, exo_u64 addr, exo_u64 len);
};

/* ---- program images ------------------------------------------------------ */

enum exo_elf_error {
	EXO_ELF_OK = 0,
	EXO_ELF_TRUNCATED,          /* file shorter than the ELF header */
	EXO_ELF_BAD_MAGIC,
	EXO_ELF_WRONG_CLASS,        /* not ELFCLASS64 */
	EXO_ELF_WRONG_ENDIAN,       /* not little-endian */
	EXO_ELF_WRONG_VERSION,
	EXO_ELF_WRONG_MACHINE,      /* not EM_X86_64 */
	EXO_ELF_WRONG_TYPE,         /* not ET_EXEC or ET_DYN */
	EXO_ELF_BAD_PHDRS,          /* program header table outside the file, wrong entry size, too many */
	EXO_ELF_SEGMENT_OUTSIDE_FILE,
	EXO_ELF_SEGMENT_WRAPS,      /* address or offset + size overflows, or beyond user space */
	EXO_ELF_SEGMENTS_OVERLAP,
	EXO_ELF_BAD_ALIGNMENT,      /* p_offset and p_vaddr disagree modulo the page size */
	EXO_ELF_FILESZ_OVER_MEMSZ,
	EXO_ELF_INTERPRETER,        /* PT_INTERP: a dynamically linked program */
	EXO_ELF_NO_SEGMENTS,        /* no PT_LOAD */
	EXO_ELF_BAD_ENTRY,          /* entry point outside every executable segment */
	EXO_ELF_ERROR_COUNT
};

/* One-line English description of an exo_elf_error. */
const char *exo_elf_strerror(int error);

#define EXO_ELF_MAX_SEGMENTS 16

struct exo_elf_segment {
	exo_u64 vaddr;        /* unbiased */
	exo_u64 memsz;
	exo_u64 offset;
	exo_u64 filesz;
	unsigned prot;        /* EXO_PROT_* */
};

struct exo_elf_image {
	int is_pie;           /* ET_DYN: may load at any page-aligned bias */
	exo_u64 entry;        /* unbiased */
	exo_u64 lo, hi;       /* page-aligned span of all PT_LOAD, unbiased */
	exo_u64 phdr_vaddr;   /* where the program headers are in memory (AT_PHDR), unbiased; 0 if not mapped */
	exo_u16 phnum, phentsize;
	int stack_exec;       /* PT_GNU_STACK asks for an executable stack */
	unsigned nsegments;
	struct exo_elf_segment segments[EXO_ELF_MAX_SEGMENTS];
};

/* Validate size bytes at file as a static x86-64 program and describe it.
 * Returns EXO_ELF_OK or the first problem found. Reads nothing outside
 * [file, file+size). */
int exo_elf_check(const void *file, exo_u64 size, struct exo_elf_image *out);

/* Map every segment of a checked image at bias (0 for ET_EXEC) with the
 * segment's protection: the file's pages through map_image when the kernel
 * has it, else anonymous memory with the file bytes copied in; the bss zero
 * (with the tail of the page the file part ends in).
 * Returns 0, EXO_ERR_INVALID if bias is not page aligned, is nonzero for
 * ET_EXEC or puts the image past user space, or the ops' status. */
int exo_elf_load(const struct exo_elf_image *img, const void *file,
                 exo_u64 bias, const struct exo_glue_ops *ops);

/* ---- the vDSO ------------------------------------------------------------ */

/* What tools/vdso2c.py generates from the linked image (vdso-image.c). */
struct exo_vdso_blob {
	const unsigned char *image;
	exo_u64 image_size;            /* page aligned */
	exo_u64 sym_table;             /* offsets in the image of: __posixx_vdso */
	exo_u64 sym_syscall_entry;     /*   __posixx_syscall */
	exo_u64 sym_native_syscall;    /*   the `syscall` instruction stub */
};
extern const struct exo_vdso_blob exo_vdso_blob;

struct exo_vdso_mapping {
	exo_u64 base;                  /* start of the whole area */
	exo_u64 kdata;                 /* kernel data page */
	exo_u64 process;               /* process area */
	exo_u64 image;                 /* the vDSO image: AT_SYSINFO_EHDR */
	exo_u64 size;                  /* of the whole area */
	exo_u64 native_syscall;        /* address of the `syscall` stub in the image */
};

/* Size of the whole area for this blob: what the kernel must reserve. */
exo_u64 exo_vdso_area_size(const struct exo_vdso_blob *blob);

/* Map the area at base (page aligned): kernel data page, process area
 * (zeroed, read-write), image (copied, then read+exec). Fills *out.
 * The process page is initialised: native_entry = the image's `syscall`
 * stub (a kernel that enters another way overwrites it), fd_limit =
 * EXO_FD_TABLE_SIZE; debug_flags, brk_start and brk_limit are zero for the
 * caller to set with exo_process_setup(). Returns 0 or EXO_ERR_*. */
int exo_vdso_map(const struct exo_vdso_blob *blob, exo_u64 base,
                 const struct exo_glue_ops *ops, struct exo_vdso_mapping *out);

/* One descriptor a process starts with. */
struct exo_start_fd {
	int fd;
	exo_cap_t cap;
	unsigned object;        /* EXO_OBJ_* */
	unsigned status_flags;  /* EXO_FD_* */
};

struct exo_process_params {
	exo_u64 native_entry;   /* 0: keep the vDSO's `syscall` stub */
	exo_u32 debug_flags;
	exo_u32 fd_limit;       /* 0: EXO_FD_TABLE_SIZE */
	exo_u64 brk_start;
	exo_u64 brk_limit;
	exo_cap_t root_cap;     /* the directory absolute paths start from */
	exo_cap_t cwd_cap;      /* the one relative paths start from */
	unsigned nfds;
	const struct exo_start_fd *fds;
};

/* Write the process page header (with the root and current directory
 * capabilities, which the kernel has installed) and the starting descriptors into a
 * mapped area. Returns 0, EXO_ERR_INVALID (nothing written) for a
 * descriptor number outside [0, fd_limit), fd_limit above
 * EXO_FD_TABLE_SIZE, an object above 0xffff, brk_start not page aligned or
 * brk_limit below brk_start; or the copy_out status. */
int exo_process_setup(const struct exo_vdso_mapping *map,
                      const struct exo_process_params *params,
                      const struct exo_glue_ops *ops);

/* ---- the initial stack ----------------------------------------------------- */

struct exo_auxv_params {
	exo_u64 phdr, phent, phnum; /* AT_PHDR (biased), AT_PHENT, AT_PHNUM */
	exo_u64 entry;              /* AT_ENTRY (biased) */
	exo_u64 sysinfo_ehdr;       /* AT_SYSINFO_EHDR: the vDSO image */
	exo_u64 uid, euid, gid, egid;
	exo_u64 secure;
	exo_u64 hwcap, hwcap2;
	exo_u64 clock_ticks;        /* AT_CLKTCK */
	exo_u64 minsigstksz;        /* AT_MINSIGSTKSZ (51); 0 leaves it out */
	const unsigned char *random16; /* 16 bytes for AT_RANDOM */
	const char *execfn;         /* AT_EXECFN string */
	const char *platform;       /* AT_PLATFORM string, e.g. "x86_64" */
};

/* Build the initial stack as Linux does (argc, argv, NULL, envp, NULL,
 * auxv pairs ending in AT_NULL; strings, AT_RANDOM bytes above them; the
 * stack pointer 16-byte aligned) inside the kernel buffer buf of size
 * bufsize, whose end corresponds to user address stack_top. On success
 * returns 0, sets *sp to the user stack pointer to start with, and the
 * bytes to copy are [buf + bufsize - (stack_top - *sp), buf + bufsize).
 * Returns EXO_ERR_TOO_BIG if it does not fit, EXO_ERR_INVALID if
 * aux->random16 is NULL. A NULL execfn or platform leaves that key out. */
int exo_stack_build(void *buf, exo_u64 bufsize, exo_u64 stack_top,
                    char *const argv[], char *const envp[],
                    const struct exo_auxv_params *aux, exo_u64 *sp);

#endif
