/* Descriptor control (ring_ctl.h, ABI 1.3): locks (cap_lock.c), terminals
 * and READABLE (cap_tty.c), called by cap_op() once the capability and
 * its rights are checked. */
#ifndef HOSTED_CTL_H
#define HOSTED_CTL_H

#include <exo/ring.h>
#include "kernel.h"

long cap_lock(const struct exo_ring_sqe *sqe, struct kcap *c);
long cap_flock(const struct exo_ring_sqe *sqe, struct kcap *c);
long cap_tty_get(const struct exo_ring_sqe *sqe, struct kcap *c);
long cap_tty_set(const struct exo_ring_sqe *sqe, struct kcap *c);
long cap_tty_ctl(const struct exo_ring_sqe *sqe, struct kcap *c);
long cap_readable(const struct exo_ring_sqe *sqe, struct kcap *c);

#endif
