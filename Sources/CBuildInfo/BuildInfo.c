#include "CBuildInfo.h"

// A C function rather than Swift: only C targets take a value from the command line
// (-DQT_BUILD_COMMIT=abc123), so the release script stamps the commit without editing a file.
#define QT_STRINGIFY_(x) #x
#define QT_STRINGIFY(x) QT_STRINGIFY_(x)

const char *qtickets_build_commit(void) {
#ifdef QT_BUILD_COMMIT
    return QT_STRINGIFY(QT_BUILD_COMMIT);
#else
    return "";
#endif
}
