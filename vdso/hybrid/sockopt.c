/* setsockopt, getsockopt: the common options, one ring entry each. The
 * value crosses as an integer (ring_net.h); an option not listed here is
 * reported, never passed on. */
#include "../internal/net.h"

static unsigned option_of(long level, long name)
{
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: return EXO_SO_REUSEADDR;
		case SO_KEEPALIVE: return EXO_SO_KEEPALIVE;
		case SO_RCVBUF: return EXO_SO_RCVBUF;
		case SO_SNDBUF: return EXO_SO_SNDBUF;
		case SO_ERROR: return EXO_SO_ERROR;
		case SO_TYPE: return EXO_SO_TYPE;
		case SO_LINGER: return EXO_SO_LINGER;
		case SO_BROADCAST: return EXO_SO_BROADCAST;
		case SO_ACCEPTCONN: return EXO_SO_ACCEPTING;
		case SO_REUSEPORT: return EXO_SO_REUSEPORT;
		}
	} else if (level == IPPROTO_TCP && name == TCP_NODELAY) {
		return EXO_SO_TCP_NODELAY;
	}
	return 0;
}

hidden long sys_setsockopt(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SOCKOPT, .op_flags = EXO_SOCKOPT_SET };
	const void *val = (const void *)a4;
	long r;

	if ((r = socket_cap(a1, &sqe.cap)) < 0)
		return r;
	if (!(sqe.len = option_of(a2, a3)))
		return untranslated(SYS_setsockopt, a3);
	if (sqe.len == EXO_SO_LINGER) {
		if ((int)a5 < (int)sizeof(struct linux_linger))
			return -EINVAL;
		struct linux_linger l;
		if (user_read(&l, val, sizeof l) < 0)
			return -EFAULT;
		sqe.offset = (exo_u64)(l.onoff != 0) << 32 | (exo_u32)(l.linger < 0 ? 0 : l.linger);
	} else {
		if ((int)a5 < (int)sizeof(int))
			return -EINVAL;
		int v;
		if (user_read(&v, val, sizeof v) < 0)
			return -EFAULT;
		sqe.offset = (exo_u64)(exo_s64)v;
	}
	return net_errno(ring_run(&sqe));
}

static int linux_type(long t)
{
	return t == EXO_SOCK_STREAM ? SOCK_STREAM : t == EXO_SOCK_DGRAM ? SOCK_DGRAM : SOCK_SEQPACKET;
}

hidden long sys_getsockopt(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SOCKOPT };
	void *val = (void *)a4;
	int *lenp = (int *)a5, v, len;
	struct linux_linger l;
	const void *value = &v;
	long r;

	if ((r = socket_cap(a1, &sqe.cap)) < 0)
		return r;
	if (!(sqe.len = option_of(a2, a3)))
		return untranslated(SYS_getsockopt, a3);
	if (user_read(&len, lenp, sizeof len) < 0)
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	if (sqe.len == EXO_SO_LINGER) {
		l.onoff = (int)(r >> 32);
		l.linger = (int)(r & 0xffffffff);
		value = &l;
		if (len > (int)sizeof l)
			len = sizeof l;
	} else {
		if (sqe.len == EXO_SO_ERROR)
			v = r ? (int)-net_errno(-r) : 0;
		else if (sqe.len == EXO_SO_TYPE)
			v = linux_type(r);
		else
			v = (int)r;
		if (len > (int)sizeof v)
			len = sizeof v;
	}
	if (user_write(val, value, (unsigned long)len) < 0 ||
	    user_write(lenp, &len, sizeof len) < 0)
		return -EFAULT;
	return 0;
}
