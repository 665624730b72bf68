/* Open objects: what a capability designates. A console, an initrd file
 * or directory, with the position and status flags that POSIX keeps in
 * an open file description and shares between duplicates and with a fork
 * child. A fixed pool, counted by reference. */
#include "kernel.h"

#define MAX_OBJECTS 256

static struct kobj pool[MAX_OBJECTS];

struct kobj *kobj_new(unsigned object)
{
	for (unsigned i = 0; i < MAX_OBJECTS; i++) {
		if (!pool[i].refs) {
			pool[i] = (struct kobj){ .refs = 1, .object = object, .node = -1 };
			return &pool[i];
		}
	}
	return NULL;
}

void kobj_put(struct kobj *o)
{
	if (o && o->refs)
		o->refs--;
}
