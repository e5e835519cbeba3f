#ifndef SLUICE_CGLIBCCOMPAT_H
#define SLUICE_CGLIBCCOMPAT_H

/// Keeps every `bootstrap` loadable by Lambda's `provided.al2023` (glibc 2.34) when it is built on a newer glibc.
///
/// The Swift standard library, linked statically into a bootstrap, calls `hypotf`. Linked against glibc 2.35 or
/// newer, that call binds to `hypotf@GLIBC_2.35`, and AL2023's loader then refuses the binary. This target defines
/// `hypotf` in the executable itself, so the static link resolves it here and no `GLIBC_2.35` symbol is needed.
/// `sluice package` checks every bootstrap for such symbols (`AL2023Compatibility`).
/// (Nothing to call: the definition in GlibcCompat.c takes effect at link time. Not declared here, so Swift code
/// that imports Glibc sees one `hypotf`.)

#endif
