#ifndef PAYOPS_CLIBPQ_SHIM_H
#define PAYOPS_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
