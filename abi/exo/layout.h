/* Plain numbers for assembly and linker scripts (no C in this file).
 * The C headers check each against the structures they describe. */
#ifndef EXO_LAYOUT_H
#define EXO_LAYOUT_H

/* The vDSO area, from its base (vdso.h). */
#define EXO_VDSO_KDATA_OFFSET   0x0
#define EXO_VDSO_PROCESS_OFFSET 0x1000
#define EXO_VDSO_IMAGE_OFFSET   0x9000

/* struct exo_process_page (process.h) */
#define EXO_PP_NATIVE_ENTRY 0
#define EXO_PP_DEBUG_FLAGS  8

#endif
