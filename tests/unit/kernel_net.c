/* The NET ring operations in the kernel model: rights of each pipe end,
 * EPIPE (EXO_ERR_PEER_CLOSED) with no signal to the launcher, bad guest
 * pointers as EXO_ERR_FAULT (never a crash), POLL over many capabilities
 * in one entry, capabilities carried over a socket pair. */
#include <string.h>
#include <unistd.h>
#include <exo/status.h>
#include "kernel_test.h"
#include "net.h"

static long op(unsigned opcode, exo_cap_t cap, exo_u64 addr, unsigned len, unsigned flags,
               exo_u64 offset)
{
	struct exo_ring_sqe s = { .opcode = (exo_u8)opcode, .cap = cap, .addr = addr, .len = len,
	                          .op_flags = flags, .offset = offset };
	return cap_op(&s);
}

int main(void)
{
	exo_cap_t p[2], sv[2];
	char buf[16];
	long r;

	CHECK(op(EXO_OP_PIPE, 0, (exo_u64)p, 0, 0, 0) == 0, "pipe");
	CHECK(op(EXO_OP_WRITE, p[0], (exo_u64)"x", 1, 0, 0) == EXO_ERR_RIGHTS, "write to read end");
	CHECK(op(EXO_OP_READ, p[1], (exo_u64)buf, 1, 0, 0) == EXO_ERR_RIGHTS, "read write end");
	CHECK(op(EXO_OP_WRITE, p[1], (exo_u64)"ab", 2, 0, 0) == 2, "write");
	CHECK(op(EXO_OP_READ, p[0], (exo_u64)buf, 16, 0, 0) == 2, "read");
	CHECK(op(EXO_OP_RELEASE, p[0], 0, 0, 0, 0) == 0, "close read end");
	r = op(EXO_OP_WRITE, p[1], (exo_u64)"x", 1, 0, 0);
	CHECK(r == EXO_ERR_PEER_CLOSED, "EPIPE as PEER_CLOSED, no SIGPIPE: %ld", r);
	op(EXO_OP_RELEASE, p[1], 0, 0, 0, 0);

	CHECK(op(EXO_OP_PIPE, 0, 16, 0, 0, 0) == EXO_ERR_FAULT, "pipe to a bad address");
	CHECK(op(EXO_OP_PIPE, 0, (exo_u64)p, 0, 1, 0) == EXO_ERR_INVALID, "pipe bad flags");
	CHECK(op(EXO_OP_SOCKETPAIR, 0, 16, 0, EXO_SOCK_OPEN(EXO_AF_UNIX, EXO_SOCK_STREAM, 0), 0) ==
	      EXO_ERR_FAULT, "socketpair to a bad address");
	CHECK(op(EXO_OP_SOCKET, 0, 0, 0, EXO_SOCK_OPEN(9, EXO_SOCK_STREAM, 0), 0) == EXO_ERR_FAMILY,
	      "bad family");
	CHECK(op(EXO_OP_SOCKETPAIR, 0, (exo_u64)sv, 0,
	         EXO_SOCK_OPEN(EXO_AF_UNIX, EXO_SOCK_STREAM, 0), 0) == 0, "socketpair");
	CHECK(op(EXO_OP_BIND, sv[0], 16, 0, 0, 0) == EXO_ERR_FAULT, "bind from a bad address");
	CHECK(op(EXO_OP_SOCKNAME, sv[0], 16, 0, 0, 0) == EXO_ERR_FAULT, "sockname to a bad address");
	CHECK(op(EXO_OP_SEND, sv[0], 16, 0, 0, 0) == EXO_ERR_FAULT, "send of a bad message");
	CHECK(op(EXO_OP_RECV, sv[0], 16, 0, 0, 0) == EXO_ERR_FAULT, "recv of a bad message");
	CHECK(op(EXO_OP_POLL, 0, 16, 4, 0, 0) == EXO_ERR_FAULT, "poll of a bad array");
	CHECK(op(EXO_OP_POLL, 0, 0, EXO_POLL_MAX + 1, 0, 0) == EXO_ERR_INVALID, "poll too many");

	/* Bad iovec base inside a good message: the host's EFAULT. */
	struct exo_iovec iov = { 16, 4 };
	struct exo_msg m = { .iov = (exo_u64)&iov, .iov_count = 1 };
	CHECK(op(EXO_OP_SEND, sv[0], (exo_u64)&m, 0, 0, 0) == EXO_ERR_FAULT, "send from a bad buffer");

	/* A capability carried to ourselves: the new one reads the pipe. */
	CHECK(op(EXO_OP_PIPE, 0, (exo_u64)p, 0, 0, 0) == 0, "pipe 2");
	op(EXO_OP_WRITE, p[1], (exo_u64)"cap", 3, 0, 0);
	struct exo_cap_carried carried = { .cap = p[0] }, got[4] = {{0}};
	iov = (struct exo_iovec){ (exo_u64)"!", 1 };
	m = (struct exo_msg){ .iov = (exo_u64)&iov, .iov_count = 1, .caps = (exo_u64)&carried,
	                      .caps_count = 1 };
	CHECK(op(EXO_OP_SEND, sv[0], (exo_u64)&m, 0, 0, 0) == 1, "send a capability");
	iov = (struct exo_iovec){ (exo_u64)buf, sizeof buf };
	m = (struct exo_msg){ .iov = (exo_u64)&iov, .iov_count = 1, .caps = (exo_u64)got, .caps_max = 4 };
	CHECK(op(EXO_OP_RECV, sv[1], (exo_u64)&m, 0, 0, 0) == 1, "receive it");
	CHECK(m.caps_count == 1 && got[0].object == EXO_OBJ_PIPE && got[0].cap != p[0],
	      "one new pipe capability");
	CHECK(op(EXO_OP_READ, got[0].cap, (exo_u64)buf, 16, 0, 0) == 3 && !memcmp(buf, "cap", 3),
	      "read through the received capability");
	CHECK(op(EXO_OP_WRITE, got[0].cap, (exo_u64)"x", 1, 0, 0) == EXO_ERR_RIGHTS,
	      "the received read end cannot write");

	/* 64 capabilities polled in one entry. */
	struct exo_pollfd pf[64];
	for (int i = 0; i < 64; i++)
		pf[i] = (struct exo_pollfd){ i % 2 ? p[1] : p[0], EXO_POLL_IN | EXO_POLL_OUT, 0 };
	pf[63].cap = 0xdead;
	r = op(EXO_OP_POLL, 0, (exo_u64)pf, 64, 0, 0);
	CHECK(r == 32, "odd entries writable, the bad one invalid: %ld", r);
	CHECK(pf[1].revents == EXO_POLL_OUT && pf[0].revents == 0 &&
	      pf[63].revents == EXO_POLL_INVALID, "revents %#x %#x %#x", pf[1].revents,
	      pf[0].revents, pf[63].revents);
	return finish("kernel_net");
}
