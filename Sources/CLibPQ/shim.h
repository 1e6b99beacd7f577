#ifndef TIERD_CLIBPQ_SHIM_H
#define TIERD_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
