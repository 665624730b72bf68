/* Linux ABI values of descriptor control (x86-64): record and whole-file
 * locks, terminal and FIO* ioctl requests (ABI 1.3's ring_ctl.h serves
 * them). */
#ifndef VDSO_LINUX_CTL_H
#define VDSO_LINUX_CTL_H

#include <exo/types.h>

#define SYS_flock 73
#define SYS_close_range 436
#define SYS_copy_file_range 326
#define CLOSE_RANGE_UNSHARE (1u << 1)
#define CLOSE_RANGE_CLOEXEC (1u << 2)


/* fcntl record locks */
#define F_GETLK      5
#define F_SETLK      6
#define F_SETLKW     7
#define F_OFD_GETLK  36
#define F_OFD_SETLK  37
#define F_OFD_SETLKW 38
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
struct linux_flock {
	short l_type;
	short l_whence;
	exo_s64 l_start;
	exo_s64 l_len;
	int l_pid;
};

/* flock */
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

/* ioctl requests */
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TCFLSH     0x540B
#define TIOCSCTTY  0x540E
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define FIONBIO    0x5421
#define FIONCLEX   0x5450
#define FIOCLEX    0x5451
#define TIOCGPTN   0x80045430
#define TIOCSPTLCK 0x40045431
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

EXO_ABI_ASSERT(sizeof(struct linux_flock) == 32, lin_flock_size);

#endif
