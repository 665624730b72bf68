/* The version of the ABI between kernel, vDSO and libc.
 *
 * Major changes break compatibility: a libc built for major N refuses to run
 * on a vDSO of another major, with a message. Minor changes only add (new
 * native calls, new ring opcodes, new fields in reserved space), so a binary
 * built against 1.0 runs on any 1.x vDSO. */
#ifndef EXO_VERSION_H
#define EXO_VERSION_H

#define EXO_ABI_MAJOR 1
#define EXO_ABI_MINOR 7  /* 1.1: DUPLICATE, STATUS, OPEN_AT, STAT_AT, ACCESS_AT; root_cap, cwd_cap
                            * 1.2: ring_fs.h, ring_net.h, task.h and native calls +11..+25
                            * 1.3: exec arguments (root, name_prefix, NOFOLLOW), signals,
                            *      locks and terminal ops, user_fixup, system information
                            * 1.4: RANDOM (+36), EXO_OPEN_PATH and EXO_FD_PATH, SEEK_DATA and
                            *      SEEK_HOLE, READLINK_AT of an empty name, EXO_ERR_TEXT_BUSY
                            * 1.5: the thread block's sigmask_watch (EXO_TB_SIGMASK_WATCH)
                            * 1.6: kernel-glue's optional map_vdso_image op (exo_glue.h),
                            *      EXO_WAIT_NO_TIMES (task.h)
                            * 1.7: EXO_OBJ_UNKNOWN (cap.h): OPEN_AT may leave the type
                            *      unasked */

/* Version node of every symbol the vDSO exports for POSIX-X users. */
#define EXO_VDSO_VERSION_NAME "POSIXX_1"

#endif
