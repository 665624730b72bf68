/* execve (EXO_NC_PROCESS_EXEC): placeholder until the launcher re-exec lands. */
#include <exo/status.h>
#include "kernel.h"

exo_u64 kernel_process_area;

long process_exec(exo_u64 args)
{
	(void)args;
	return EXO_ERR_NOT_SUPPORTED;
}
