/* bench-support.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench-support.h"

double
sanasto_bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

double
sanasto_bench_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

double
sanasto_bench_status_mb (const char *status_path,
                         const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (status_path, &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

/* Takes dir_fd. */
static void
stat_tree (int    dir_fd,
           guint *n_files)
{
  DIR *dir = fdopendir (dir_fd);
  struct dirent *d;

  if (dir == NULL)
    {
      close (dir_fd);
      return;
    }
  while ((d = readdir (dir)) != NULL)
    {
      struct stat st;

      if (d->d_name[0] == '.')
        continue;
      if (fstatat (dirfd (dir), d->d_name, &st, 0) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          int child = openat (dirfd (dir), d->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

          if (child >= 0)
            stat_tree (child, n_files);
        }
      else
        (*n_files)++;
    }
  closedir (dir);
}

double
sanasto_bench_stat_all_files (const char *root,
                              guint      *n_files)
{
  gint64 start = g_get_monotonic_time ();
  int fd = open (root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  *n_files = 0;
  if (fd >= 0)
    stat_tree (fd, n_files);
  return sanasto_bench_ms_since (start);
}
