/* bench-support.h: clocks, memory and the stat baseline shared by the benchmark programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Milliseconds since start, a g_get_monotonic_time() value. */
double sanasto_bench_ms_since       (gint64      start);
/* CPU time of the whole process (every thread), user + system, in ms. */
double sanasto_bench_cpu_ms         (void);
/* A "VmHWM:"-style field of a /proc/PID/status file, in MB; 0 when missing. */
double sanasto_bench_status_mb      (const char *status_path,
                                     const char *field);
/* The baseline for a warm open: one fstatat() per file in a walk of the folders below root,
 * hidden ones left out, as any check for changed files must do. Returns the time in ms; n_files
 * is set to the number of files (not folders) seen. */
double sanasto_bench_stat_all_files (const char *root,
                                     guint      *n_files);

G_END_DECLS
