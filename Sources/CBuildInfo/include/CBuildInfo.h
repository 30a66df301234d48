#ifndef QTICKETS_CBUILDINFO_H
#define QTICKETS_CBUILDINFO_H

/// The git commit the binary was built from, as `scripts/release.sh` stamps it
/// (`-Xcc -DQT_BUILD_COMMIT=<hash>`); an empty string in a development build.
const char *qtickets_build_commit(void);

#endif
