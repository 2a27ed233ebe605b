/* sanasto-glossary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef SYS_openat2
#include <linux/openat2.h>
#endif

#include "sanasto-glossary.h"
#include "sanasto-glossary-private.h"
#include "sanasto-front-matter.h"
#include "sanasto-language.h"
#include "sanasto-text.h"

/* Only the front matter and the first lines are read at load; bodies are read on demand. */
#define PREFIX_SIZE         (8 * 1024)
#define FRONT_MATTER_CAP    (1024 * 1024)
#define BINARY_PROBE_SIZE   1024
#define DESCRIPTION_CHARS   200
#define BODY_SCAN_SIZE      (4 * 1024)
#define MAX_DEPTH           64

struct _SanastoGlossary
{
  GObject      parent_instance;

  char        *root;
  GPtrArray   *entries;        /* SanastoEntry, model order */
  GPtrArray   *languages;      /* SanastoGlossaryLanguage, sorted by code */
  const char **language_codes; /* NULL-terminated, interned strings */
  const char  *fallback;
  GHashTable  *paths;          /* path without extension -> entry */
  GStringChunk *keys;          /* the keys of every lookup table: one block, no per-key malloc */
  GPtrArray   *problems;       /* SanastoLoadProblem */
  int          root_fd;        /* for reading bodies without leaving the root */
  gboolean     from_index;     /* entries as the index had them; the folder was not read */
  GMutex       suggest_lock;   /* builds the suggestion tables on first use */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SanastoGlossary, sanasto_glossary, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* The folder tree as found on disk, before any article is read. */
typedef struct _ScanDir ScanDir;
struct _ScanDir
{
  char       *rel;          /* "" for the root */
  char       *name;
  ScanDir    *parent;
  GPtrArray  *files;        /* article file names, templates and hidden files left out */
  GPtrArray  *dirs;         /* ScanDir */
  const char *language;     /* interned */
  gboolean    is_language;
};

typedef struct
{
  dev_t dev;
  ino_t ino;
} FileId;

typedef struct
{
  char         *root;
  GHashTable   *visited;    /* FileId of folders and articles already taken */
  GHashTable   *visited_inodes; /* the same on the root's device, by inode number */
  dev_t         root_dev;
  GPtrArray    *problems;
  GCancellable *cancellable;
  GMutex        lock;       /* guards problems while articles are read in parallel */
  SanastoGlossaryCacheFunc cache_func;
  gpointer      cache_data;
} Loader;

/* One reading thread's state. */
typedef struct
{
  Loader  *loader;
  char    *buffer;
  gsize    buffer_size;
  GString *path;    /* root-relative path of the file at hand, for the cache */
} Reader;

/* An article to read, and a run of them in one folder for one thread to take. */
typedef struct
{
  ScanDir    *dir;
  const char *name;
  gboolean    is_index;
} FileJob;

typedef struct
{
  guint start;
  guint end;
} ChunkJob;

static guint
file_id_hash (gconstpointer data)
{
  const FileId *id = data;

  return (guint) (id->ino ^ (id->ino >> 32) ^ id->dev);
}

static gboolean
file_id_equal (gconstpointer a,
               gconstpointer b)
{
  const FileId *x = a, *y = b;

  return x->dev == y->dev && x->ino == y->ino;
}

/* TRUE when first seen. Nearly everything lives on the root's device: there the inode number
 * alone is the key, one cheap lookup instead of an allocation and two lookups per file. */
static gboolean
loader_visit (Loader *loader,
              dev_t   dev,
              ino_t   ino)
{
  FileId key = { dev, ino };
  FileId *id;

  if (dev == loader->root_dev && (gsize) ino == ino)
    return g_hash_table_add (loader->visited_inodes, GSIZE_TO_POINTER ((gsize) ino));

  if (g_hash_table_contains (loader->visited, &key))
    return FALSE;

  id = g_new (FileId, 1);
  *id = key;
  g_hash_table_add (loader->visited, id);
  return TRUE;
}

static void
loader_problem (Loader     *loader,
                const char *rel,
                const char *reason,
                gboolean    skipped)
{
  SanastoLoadProblem *problem = sanasto_load_problem_new (rel, reason, skipped);

  g_mutex_lock (&loader->lock);
  g_ptr_array_add (loader->problems, problem);
  g_mutex_unlock (&loader->lock);
}

static void
scan_dir_free (ScanDir *dir)
{
  g_free (dir->rel);
  g_free (dir->name);
  g_ptr_array_unref (dir->files);
  g_ptr_array_unref (dir->dirs);
  g_free (dir);
}

static ScanDir *
scan_dir_new (ScanDir    *parent,
              const char *name)
{
  ScanDir *dir = g_new0 (ScanDir, 1);

  dir->parent = parent;
  dir->name = g_strdup (name);
  if (parent == NULL)
    dir->rel = g_strdup ("");
  else if (parent->rel[0] == '\0')
    dir->rel = g_strdup (name);
  else
    dir->rel = g_strconcat (parent->rel, "/", name, NULL);
  dir->files = g_ptr_array_new_with_free_func (g_free);
  dir->dirs = g_ptr_array_new_with_free_func ((GDestroyNotify) scan_dir_free);

  return dir;
}

static const char * const article_extensions[] = { ".md", ".markdown", ".txt" };

gboolean
_sanasto_glossary_is_article_name (const char *name)
{
  gsize length = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (article_extensions); i++)
    {
      gsize ext = strlen (article_extensions[i]);

      if (length > ext && g_ascii_strcasecmp (name + length - ext, article_extensions[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

gsize
_sanasto_glossary_strip_extension (const char *name)
{
  static const char * const extensions[] = { ".md", ".markdown", ".txt", ".html", ".htm" };
  gsize length = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize ext = strlen (extensions[i]);

      if (length > ext && g_ascii_strcasecmp (name + length - ext, extensions[i]) == 0)
        return length - ext;
    }

  return length;
}

static gboolean
is_stem (const char *name,
         const char *stem)
{
  gsize length = _sanasto_glossary_strip_extension (name);

  return length == strlen (stem) && g_ascii_strncasecmp (name, stem, length) == 0;
}

static gboolean
path_is_inside (const char *root,
                const char *canonical)
{
  gsize length = strlen (root);

  if (strcmp (root, "/") == 0)
    return canonical[0] == '/';
  return strncmp (canonical, root, length) == 0 &&
         (canonical[length] == '/' || canonical[length] == '\0');
}

static gboolean
is_inside_root (Loader     *loader,
                const char *canonical)
{
  return path_is_inside (loader->root, canonical);
}

gboolean
_sanasto_glossary_contains (SanastoGlossary *self,
                            const char      *canonical)
{
  return path_is_inside (self->root, canonical);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static gboolean
scan (Loader   *loader,
      ScanDir  *dir,
      int       depth,
      GError  **error)
{
  g_autofree char *full = NULL;
  DIR *handle;
  struct dirent *d;
  struct stat dir_stat;

  if (g_cancellable_set_error_if_cancelled (loader->cancellable, error))
    return FALSE;

  full = dir->rel[0] ? g_build_filename (loader->root, dir->rel, NULL) : g_strdup (loader->root);
  handle = opendir (full);
  if (handle == NULL)
    {
      int saved_errno = errno;

      if (dir->parent == NULL)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot open folder “%s”: %s", full, g_strerror (saved_errno));
          return FALSE;
        }
      loader_problem (loader, dir->rel, g_strerror (saved_errno), TRUE);
      return TRUE;
    }

  if (fstat (dirfd (handle), &dir_stat) != 0)
    memset (&dir_stat, 0, sizeof dir_stat);

  while ((d = readdir (handle)) != NULL)
    {
      unsigned char type = d->d_type;
      const char *name = d->d_name;
      struct stat st;
      ino_t ino = d->d_ino;
      dev_t dev = dir_stat.st_dev;

      if (name[0] == '.')
        continue;

      if (type == DT_LNK || type == DT_UNKNOWN)
        {
          g_autofree char *path = g_build_filename (full, name, NULL);

          if (type == DT_LNK)
            {
              g_autofree char *rel = dir->rel[0] ? g_strconcat (dir->rel, "/", name, NULL)
                                                 : g_strdup (name);
              g_autofree char *target = realpath (path, NULL);

              if (target == NULL)
                {
                  int saved_errno = errno;

                  /* Tell the user about links that could have been an article or a folder;
                   * a broken link to an image is none of our business. */
                  if (strchr (name, '.') == NULL ||
                      (name[0] != '_' && _sanasto_glossary_is_article_name (name)))
                    loader_problem (loader, rel,
                                    saved_errno == ELOOP ? "Symbolic link loop" :
                                    saved_errno == ENOENT ? "Broken symbolic link" :
                                    g_strerror (saved_errno), TRUE);
                  continue;
                }
              if (!is_inside_root (loader, target))
                {
                  loader_problem (loader, rel, "Points outside the glossary folder", TRUE);
                  continue;
                }
            }

          if (stat (path, &st) != 0)
            continue;
          type = S_ISDIR (st.st_mode) ? DT_DIR : S_ISREG (st.st_mode) ? DT_REG : DT_UNKNOWN;
          ino = st.st_ino;
          dev = st.st_dev;
        }

      if (type == DT_DIR)
        {
          if (depth >= MAX_DEPTH)
            continue;
          if (d->d_type == DT_DIR)
            {
              g_autofree char *path = g_build_filename (full, name, NULL);

              if (stat (path, &st) != 0)
                continue;
              dev = st.st_dev;
              ino = st.st_ino;
            }
          /* A folder reached twice (a symlink loop or a second link) is scanned once. */
          if (!loader_visit (loader, dev, ino))
            continue;
          g_ptr_array_add (dir->dirs, scan_dir_new (dir, name));
        }
      else if (type == DT_REG)
        {
          if (name[0] == '_' || !_sanasto_glossary_is_article_name (name))
            continue;
          if (!loader_visit (loader, dev, ino))
            continue;
          g_ptr_array_add (dir->files, g_strdup (name));
        }
    }

  closedir (handle);

  /* Sorted, so the result does not depend on the order the file system lists things in. */
  g_ptr_array_sort (dir->files, compare_names);

  for (guint i = 0; i < dir->dirs->len; i++)
    if (!scan (loader, g_ptr_array_index (dir->dirs, i), depth + 1, error))
      return FALSE;

  return TRUE;
}

/* A folder named by a code is a language only among siblings that mostly are languages too,
 * so that a section called "it" or "hr" does not turn into Italian or Croatian. A full
 * English name ("Finnish") is clear on its own. */
static void
assign_languages (ScanDir    *dir,
                  const char *inherited)
{
  guint n_candidates = 0;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) full_names = g_array_new (FALSE, TRUE, sizeof (gboolean));

  dir->language = inherited;

  for (guint i = 0; i < dir->dirs->len; i++)
    {
      ScanDir *child = g_ptr_array_index (dir->dirs, i);
      gboolean full_name = FALSE;
      char *code = sanasto_language_from_folder_name (child->name, &full_name);

      if (code != NULL)
        n_candidates++;
      g_ptr_array_add (codes, code);
      g_array_append_val (full_names, full_name);
    }

  for (guint i = 0; i < dir->dirs->len; i++)
    {
      ScanDir *child = g_ptr_array_index (dir->dirs, i);
      const char *code = g_ptr_array_index (codes, i);
      gboolean full_name = g_array_index (full_names, gboolean, i);
      const char *language = inherited;

      if (code != NULL &&
          (full_name || (n_candidates >= 2 && n_candidates * 2 > dir->dirs->len)))
        {
          language = g_intern_string (code);
          child->is_language = TRUE;
        }

      assign_languages (child, language);
    }
}

static gboolean
has_only_index (ScanDir *dir)
{
  for (guint i = 0; i < dir->files->len; i++)
    if (!is_stem (g_ptr_array_index (dir->files, i), "index"))
      return FALSE;
  return TRUE;
}

/* "Folder per entry": glossary/<slug>/index.md, possibly nested. An index.md heads a section
 * instead when its folder has other articles, or sub-folders with articles of their own. */
static gboolean
is_entry_folder (ScanDir *dir)
{
  if (dir->parent == NULL || dir->is_language || !has_only_index (dir))
    return FALSE;

  for (guint i = 0; i < dir->dirs->len; i++)
    if (!has_only_index (g_ptr_array_index (dir->dirs, i)))
      return FALSE;

  return TRUE;
}

/* Exports named by number and hash ("000_cc93e1d9d.txt"): the stem says nothing. */
static gboolean
is_hash_stem (const char *stem)
{
  const char *p = stem;
  gsize hex = 0;

  while (g_ascii_isdigit (*p))
    p++;
  if (p == stem || *p != '_')
    return FALSE;
  for (p++; g_ascii_isxdigit (*p); p++)
    hex++;

  return *p == '\0' && hex >= 8;
}

/* Markdown inline syntax out, for a description that is plain text. */
static char *
plain_inline (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p)
    {
      if (p[0] == '!' && p[1] == '[')
        {
          p++;
          continue;
        }
      if (*p == '[' || *p == ']')
        {
          if (*p == ']' && p[1] == '(')
            {
              const char *close = strchr (p, ')');

              p = close ? close + 1 : p + 1;
              continue;
            }
          if (*p == ']' && p[1] == '[')
            {
              const char *close = strchr (p + 1, ']');

              p = close ? close + 1 : p + 1;
              continue;
            }
          p++;
          continue;
        }
      if (*p == '<')
        {
          const char *close = strchr (p, '>');

          if (close != NULL && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
            {
              p = close + 1;
              continue;
            }
        }
      if (*p == '*' || *p == '`' || (p[0] == '_' && p[1] == '_') || (p[0] == '~' && p[1] == '~'))
        {
          p += (*p == '_' || *p == '~') ? 2 : 1;
          continue;
        }
      if (*p == '\\' && g_ascii_ispunct (p[1]))
        p++;
      g_string_append_c (out, *p++);
    }

  {
    g_autofree char *decoded = sanasto_text_decode_entities (out->str);

    g_string_free (out, TRUE);
    return sanasto_text_collapse_space (decoded);
  }
}

static char *
heading_text (const char *line)
{
  const char *p = line;
  g_autofree char *text = NULL;
  gsize length;

  while (*p == '#')
    p++;
  text = g_strstrip (g_strdup (p));
  length = strlen (text);
  while (length > 0 && text[length - 1] == '#')
    text[--length] = '\0';

  return plain_inline (g_strstrip (text));
}

/* The first level-one heading (or a heading of any level that opens the text) and the first
 * paragraph, both plain text. */
static void
scan_body (const char  *text,
           gsize        length,
           char       **title,
           char       **paragraph)
{
  const char *end = text + length;
  const char *line = text;
  GString *para = g_string_new (NULL);
  guint para_lines = 0;
  gboolean in_fence = FALSE;
  gboolean seen_content = FALSE;
  g_autofree char *first_heading = NULL;
  g_autofree char *h1 = NULL;
  g_autofree char *found_paragraph = NULL;
  guint lines_after_paragraph = 0;

  while (line < end)
    {
      const char *newline = memchr (line, '\n', end - line);
      gsize line_length = newline ? (gsize) (newline - line) : (gsize) (end - line);
      g_autofree char *copy = g_strndup (line, line_length);
      char *trimmed = g_strstrip (copy);

      line = newline ? newline + 1 : end;

      if (found_paragraph != NULL && (h1 != NULL || ++lines_after_paragraph > 40))
        break;

      if (g_str_has_prefix (trimmed, "```") || g_str_has_prefix (trimmed, "~~~"))
        {
          in_fence = !in_fence;
          seen_content = TRUE;
          continue;
        }
      if (in_fence)
        continue;

      if (*trimmed == '\0')
        {
          if (para->len > 0 && found_paragraph == NULL)
            found_paragraph = g_strdup (para->str);
          g_string_truncate (para, 0);
          para_lines = 0;
          continue;
        }

      if (trimmed[0] == '#')
        {
          char *heading = heading_text (trimmed);
          gsize level = strspn (trimmed, "#");

          if (para->len > 0 && found_paragraph == NULL)
            found_paragraph = g_strdup (para->str);
          g_string_truncate (para, 0);
          para_lines = 0;

          if (*heading == '\0' || level > 6)
            {
              g_free (heading);
              continue;
            }
          if (level == 1 && h1 == NULL)
            h1 = g_strdup (heading);
          if (!seen_content && first_heading == NULL)
            first_heading = g_strdup (heading);
          seen_content = TRUE;
          g_free (heading);
          continue;
        }

      /* Setext heading: "Title" underlined with "===". */
      if (trimmed[0] == '=' && strspn (trimmed, "=") == strlen (trimmed) && para_lines == 1)
        {
          if (h1 == NULL)
            h1 = plain_inline (para->str);
          g_string_truncate (para, 0);
          para_lines = 0;
          continue;
        }

      seen_content = TRUE;

      if (found_paragraph != NULL)
        continue;

      /* Not paragraph text: markup, images, macros, tables, rules, link definitions. */
      if (trimmed[0] == '<' || g_str_has_prefix (trimmed, "![") || g_str_has_prefix (trimmed, "{{")
          || g_str_has_prefix (trimmed, "{%") || trimmed[0] == '|'
          || g_str_has_prefix (trimmed, "---") || g_str_has_prefix (trimmed, "***")
          || (trimmed[0] == '[' && strstr (trimmed, "]:") != NULL))
        {
          if (para->len > 0)
            {
              found_paragraph = g_strdup (para->str);
              g_string_truncate (para, 0);
            }
          continue;
        }

      while (*trimmed == '>' || *trimmed == ' ')
        trimmed++;
      if ((trimmed[0] == '-' || trimmed[0] == '*' || trimmed[0] == '+') && trimmed[1] == ' ')
        trimmed += 2;

      if (para->len > 0)
        g_string_append_c (para, ' ');
      g_string_append (para, trimmed);
      para_lines++;
    }

  if (para->len > 0 && found_paragraph == NULL)
    found_paragraph = g_strdup (para->str);
  g_string_free (para, TRUE);

  if (title != NULL)
    *title = h1 ? g_steal_pointer (&h1) : g_steal_pointer (&first_heading);
  if (paragraph != NULL)
    {
      *paragraph = NULL;
      if (found_paragraph != NULL)
        {
          g_autofree char *plain = plain_inline (found_paragraph);

          if (*plain)
            *paragraph = sanasto_text_shorten (plain, DESCRIPTION_CHARS);
        }
    }
}

/* Reads up to size bytes at offset into the loader's buffer; returns bytes read or -1. */
static gssize
read_at (Reader *reader,
         int     fd,
         gsize   offset,
         gsize   size)
{
  gsize done = 0;

  if (reader->buffer_size < offset + size + 1)
    {
      reader->buffer_size = offset + size + 1;
      reader->buffer = g_realloc (reader->buffer, reader->buffer_size);
    }

  while (done < size)
    {
      gssize n = pread (fd, reader->buffer + offset + done, size - done, offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += n;
    }

  reader->buffer[offset + done] = '\0';
  return done;
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static char **
merge_lists (SanastoFrontMatter  *fm,
             const char * const  *keys,
             gboolean             split_commas)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_auto(GStrv) items = split_commas ? sanasto_front_matter_get_comma_list (fm, keys[k])
                                         : sanasto_front_matter_get_list (fm, keys[k]);

      for (guint i = 0; items && items[i]; i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < out->len && !seen; j++)
            seen = g_ascii_strcasecmp (g_ptr_array_index (out, j), items[i]) == 0;
          if (!seen)
            g_ptr_array_add (out, g_strdup (items[i]));
        }
    }

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* Front matter as both the loader and read_body() see it. */
static SanastoFrontMatterKind
locate_front_matter (const char *text,
                     gsize       length,
                     gsize      *yaml_start,
                     gsize      *yaml_end,
                     gsize      *body_start)
{
  SanastoFrontMatterKind kind;

  kind = sanasto_front_matter_locate (text, length, yaml_start, yaml_end, body_start);
  if (kind == SANASTO_FRONT_MATTER_CLOSED &&
      !sanasto_front_matter_is_plausible (text + *yaml_start, *yaml_end - *yaml_start))
    {
      *yaml_start = *yaml_end = *body_start = 0;
      return SANASTO_FRONT_MATTER_NONE;
    }

  /* Never closed: front matter cut short if a "key:" line follows, else just a rule. */
  if (kind == SANASTO_FRONT_MATTER_UNTERMINATED)
    {
      const char *line = memchr (text, '\n', length);
      const char *end = text + length;

      while (line != NULL && line < end && g_ascii_isspace (*line))
        line++;
      if (line == NULL || line >= end ||
          !sanasto_front_matter_is_plausible (line, strcspn (line, "\n")))
        return SANASTO_FRONT_MATTER_NONE;
    }

  return kind;
}

static char *
plain_value (const char *value)
{
  g_autofree char *decoded = sanasto_text_decode_entities (value);

  return sanasto_text_collapse_space (decoded);
}

static SanastoEntry *
load_article (Reader     *reader,
              ScanDir    *dir,
              int         dir_fd,
              const char *name,
              gboolean    is_index)
{
  Loader *loader = reader->loader;
  g_autofree char *rel = dir->rel[0] ? g_strconcat (dir->rel, "/", name, NULL) : g_strdup (name);
  g_autoptr(SanastoFrontMatter) fm = NULL;
  g_autofree char *valid_copy = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *body_title = NULL;
  g_autofree char *body_paragraph = NULL;
  g_auto(GStrv) keywords = NULL;
  g_auto(GStrv) aliases = NULL;
  SanastoFrontMatterKind kind;
  SanastoEntry *entry;
  const char *text;
  const char *valid_end;
  gsize yaml_start, yaml_end, body_start;
  gssize n;
  gsize length;
  gboolean truncated;
  struct stat st;
  int fd;

  /* Relative to the open folder: no walk down the whole path for each of 14,000 files. */
  fd = openat (dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      loader_problem (loader, rel, g_strerror (errno), TRUE);
      return NULL;
    }
  /* Before reading: a change made while we read shows as a change at the next open. */
  if (fstat (fd, &st) != 0)
    memset (&st, 0, sizeof st);

  /* No more than the file holds: one pread() instead of a second that finds the end. */
  n = read_at (reader, fd, 0,
               S_ISREG (st.st_mode) && st.st_size > 0 ? MIN (PREFIX_SIZE, (gsize) st.st_size)
                                                       : PREFIX_SIZE);
  if (n < 0)
    {
      loader_problem (loader, rel, g_strerror (errno), TRUE);
      close (fd);
      return NULL;
    }
  length = n;
  truncated = length == PREFIX_SIZE;

  if (!truncated && is_blank (reader->buffer, length))
    {
      loader_problem (loader, rel, "Empty file", TRUE);
      close (fd);
      return NULL;
    }
  if (memchr (reader->buffer, '\0', MIN (length, BINARY_PROBE_SIZE)) != NULL)
    {
      loader_problem (loader, rel, "Binary file, not text", TRUE);
      close (fd);
      return NULL;
    }

  text = reader->buffer;
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3, length -= 3;

  kind = locate_front_matter (text, length, &yaml_start, &yaml_end, &body_start);
  if (kind == SANASTO_FRONT_MATTER_UNTERMINATED && truncated)
    {
      /* Long front matter: read on, but not without end. */
      gsize offset = text - reader->buffer;

      n = read_at (reader, fd, PREFIX_SIZE, FRONT_MATTER_CAP - PREFIX_SIZE);
      if (n > 0)
        {
          text = reader->buffer + offset;
          length += n;
          truncated = length + offset == FRONT_MATTER_CAP;
          kind = locate_front_matter (text, length, &yaml_start, &yaml_end, &body_start);
        }
    }
  close (fd);

  /* Only the front matter and the first lines of the body are used here. */
  if (length > body_start + BODY_SCAN_SIZE)
    {
      length = body_start + BODY_SCAN_SIZE;
      truncated = TRUE;
    }

  /* A prefix may end inside a character: cut it there rather than call it invalid. */
  if (!g_utf8_validate_len (text, length, &valid_end))
    {
      if (truncated && text + length - valid_end < 4 &&
          g_utf8_get_char_validated (valid_end, text + length - valid_end) == (gunichar) -2)
        length = valid_end - text;
      else
        {
          valid_copy = g_utf8_make_valid (text, length);
          text = valid_copy;
          length = strlen (valid_copy);
          kind = locate_front_matter (text, length, &yaml_start, &yaml_end, &body_start);
        }
    }

  if (kind == SANASTO_FRONT_MATTER_CLOSED)
    {
      gboolean valid = TRUE;

      fm = sanasto_front_matter_parse (text + yaml_start, yaml_end - yaml_start, &valid);
      if (!valid)
        g_debug ("%s: front matter is not valid YAML; read line by line", rel);
    }
  else if (kind == SANASTO_FRONT_MATTER_UNTERMINATED)
    {
      loader_problem (loader, rel, "The front matter is not closed with “---”; "
                      "the whole file is shown as text", FALSE);
      body_start = 0;
    }

  {
    g_autofree char *display = g_filename_display_name (is_index ? dir->name : name);

    stem = is_index ? g_steal_pointer (&display)
                    : g_strndup (display, _sanasto_glossary_strip_extension (display));
  }

  if (fm != NULL)
    {
      const char *value;
      static const char * const keyword_keys[] = { "keywords", "tags", "category",
                                                   "categories", NULL };
      static const char * const alias_keys[] = { "aliases", "aka", "abbreviation", NULL };

      if ((value = sanasto_front_matter_get_string (fm, "title")) != NULL)
        title = plain_value (value);
      if ((value = sanasto_front_matter_get_string (fm, "description")) != NULL ||
          (value = sanasto_front_matter_get_string (fm, "short_description")) != NULL ||
          (value = sanasto_front_matter_get_string (fm, "summary")) != NULL)
        description = plain_value (value);
      if ((value = sanasto_front_matter_get_string (fm, "slug")) != NULL)
        {
          g_autofree char *copy = g_strdup (value);
          char *last;

          g_strstrip (copy);
          while (*copy && copy[strlen (copy) - 1] == '/')
            copy[strlen (copy) - 1] = '\0';
          last = strrchr (copy, '/');
          last = last ? last + 1 : copy;
          if (*last)
            slug = g_strdup (last);
        }
      keywords = merge_lists (fm, keyword_keys, TRUE);
      aliases = merge_lists (fm, alias_keys, FALSE);
    }

  if (title == NULL || description == NULL)
    scan_body (text + body_start, length - body_start,
               title ? NULL : &body_title, description ? NULL : &body_paragraph);

  if (title == NULL)
    title = body_title ? g_steal_pointer (&body_title) : g_strdup (stem);
  if (description == NULL)
    description = g_steal_pointer (&body_paragraph);

  if (slug == NULL)
    {
      if (is_hash_stem (stem) && strcmp (title, stem) != 0)
        slug = sanasto_text_normalize_slug (title);
      else
        slug = g_strdup (stem);
    }

  entry = sanasto_entry_new (rel, dir->language, slug, title);
  if (description != NULL && *description)
    sanasto_entry_set_description (entry, description);
  if (keywords != NULL)
    sanasto_entry_set_keywords (entry, (const char * const *) keywords);
  if (aliases != NULL)
    sanasto_entry_set_aliases (entry, (const char * const *) aliases);
  if (fm != NULL)
    sanasto_entry_set_draft (entry, sanasto_front_matter_get_boolean (fm, "draft", FALSE));
  _sanasto_entry_set_stamp (entry, (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC +
                            st.st_mtim.tv_nsec / 1000, st.st_size);

  return entry;
}

/* Upper case only: a legal glossary may well have a term called "license". */
static gboolean
is_repository_file (const char *name)
{
  static const char * const names[] = { "LICENSE", "CHANGELOG", "CONTRIBUTING",
                                        "CODE_OF_CONDUCT", "AUTHORS", "SECURITY" };
  gsize length = _sanasto_glossary_strip_extension (name);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (length == strlen (names[i]) && strncmp (name, names[i], length) == 0)
      return TRUE;

  return FALSE;
}

/* The articles to read, folder by folder; section pages are left out here. */
static void
collect_files (ScanDir *dir,
               GArray  *files)
{
  gboolean entry_folder = is_entry_folder (dir);

  for (guint i = 0; i < dir->files->len; i++)
    {
      FileJob job = { dir, g_ptr_array_index (dir->files, i), FALSE };

      job.is_index = is_stem (job.name, "index");
      /* Section pages are not terms, nor are a repository's own files. */
      if (is_stem (job.name, "readme") || (job.is_index && !entry_folder) ||
          is_repository_file (job.name))
        continue;
      g_array_append_val (files, job);
    }

  for (guint i = 0; i < dir->dirs->len; i++)
    collect_files (g_ptr_array_index (dir->dirs, i), files);
}

#define CHUNK_SIZE 64

typedef struct
{
  Loader        *loader;
  GArray        *files;    /* FileJob */
  GArray        *chunks;   /* ChunkJob */
  SanastoEntry **results;  /* one slot per file */
  int            next;     /* the next chunk to take, atomically */
} ReadAll;

static void
read_chunk (Reader        *reader,
            ReadAll       *all,
            const ChunkJob *chunk)
{
  ScanDir *dir = g_array_index (all->files, FileJob, chunk->start).dir;
  g_autofree char *full = dir->rel[0] ? g_build_filename (reader->loader->root, dir->rel, NULL)
                                      : g_strdup (reader->loader->root);
  /* Relative to the open folder: no walk down the whole path for each of 14,000 files. */
  int dir_fd = open (full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (dir_fd < 0)
    {
      loader_problem (reader->loader, dir->rel, g_strerror (errno), TRUE);
      return;
    }

  for (guint i = chunk->start; i < chunk->end; i++)
    {
      FileJob *job = &g_array_index (all->files, FileJob, i);
      Loader *loader = reader->loader;
      struct stat st;

      /* An unchanged file: what the last open saw of it, without reading it. */
      if (loader->cache_func != NULL && fstatat (dir_fd, job->name, &st, 0) == 0 &&
          S_ISREG (st.st_mode))
        {
          gint64 mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
          SanastoEntry *entry;

          g_string_truncate (reader->path, 0);
          if (dir->rel[0] != '\0')
            {
              g_string_append (reader->path, dir->rel);
              g_string_append_c (reader->path, '/');
            }
          g_string_append (reader->path, job->name);
          entry = loader->cache_func (reader->path->str, dir->language, mtime, st.st_size,
                                      loader->cache_data);
          /* Taken with its stamp, which is this file's: an entry may be shared. */
          if (entry != NULL)
            {
              all->results[i] = entry;
              continue;
            }
        }

      all->results[i] = load_article (reader, job->dir, dir_fd, job->name, job->is_index);
    }

  close (dir_fd);
}

static gpointer
read_worker (gpointer data)
{
  ReadAll *all = data;
  Reader reader = { all->loader, NULL, 0, g_string_new (NULL) };
  int index;

  while ((index = g_atomic_int_add (&all->next, 1)) < (int) all->chunks->len)
    {
      if (g_cancellable_is_cancelled (all->loader->cancellable))
        break;
      read_chunk (&reader, all, &g_array_index (all->chunks, ChunkJob, index));
    }

  g_free (reader.buffer);
  g_string_free (reader.path, TRUE);
  return NULL;
}

/* Reading is mostly waiting for the kernel: a few threads share the articles, in runs of
 * one folder so that each run opens its folder once. */
static gboolean
read_articles (Loader     *loader,
               ScanDir    *top,
               GPtrArray  *entries,
               GError    **error)
{
  g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (FileJob));
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (ChunkJob));
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  ReadAll all = { loader, files, chunks, NULL, 0 };
  guint n_threads;

  collect_files (top, files);

  for (guint i = 0; i < files->len;)
    {
      ChunkJob chunk = { i, i };
      ScanDir *dir = g_array_index (files, FileJob, i).dir;

      while (chunk.end < files->len && chunk.end - chunk.start < CHUNK_SIZE &&
             g_array_index (files, FileJob, chunk.end).dir == dir)
        chunk.end++;
      g_array_append_val (chunks, chunk);
      i = chunk.end;
    }

  all.results = g_new0 (SanastoEntry *, files->len + 1);

  n_threads = CLAMP (g_get_num_processors (), 1, 4);
  if (chunks->len < 8)
    n_threads = 1;
  for (guint i = 1; i < n_threads; i++)
    {
      GThread *thread = g_thread_try_new ("sanasto-load", read_worker, &all, NULL);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  read_worker (&all);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  for (guint i = 0; i < files->len; i++)
    if (all.results[i] != NULL)
      g_ptr_array_add (entries, all.results[i]);
  g_free (all.results);

  return !g_cancellable_set_error_if_cancelled (loader->cancellable, error);
}

/* The sort fields side by side: the getters' type checks cost more than strcmp(). */
typedef struct
{
  const char   *language;
  const char   *sort_key;
  const char   *slug;
  const char   *path;
  SanastoEntry *entry;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const SortItem *x = a, *y = b;
  int cmp;

  if (x->language != y->language && (cmp = strcmp (x->language, y->language)) != 0)
    return cmp;
  if ((cmp = strcmp (x->sort_key, y->sort_key)) != 0)
    return cmp;
  if ((cmp = strcmp (x->slug, y->slug)) != 0)
    return cmp;
  return strcmp (x->path, y->path);
}

/* Model order of two entries, as compare_sort_items() orders them. */
static int
compare_entries (SanastoEntry *a,
                 SanastoEntry *b)
{
  SortItem x = { sanasto_entry_get_language (a), sanasto_entry_get_sort_key (a),
                 sanasto_entry_get_slug (a), sanasto_entry_get_path (a), a };
  SortItem y = { sanasto_entry_get_language (b), sanasto_entry_get_sort_key (b),
                 sanasto_entry_get_slug (b), sanasto_entry_get_path (b), b };

  return compare_sort_items (&x, &y);
}

static int
compare_sort_item_paths (gconstpointer a,
                         gconstpointer b)
{
  return strcmp (((const SortItem *) a)->path, ((const SortItem *) b)->path);
}

/* Sorts entries (in place) in model order, or by path. */
static void
sort_entries (GPtrArray    *entries,
              GCompareFunc  compare)
{
  g_autofree SortItem *items = NULL;

  /* An empty folder: g_new() gives NULL, and qsort() must not be handed NULL. */
  if (entries->len < 2)
    return;
  items = g_new (SortItem, entries->len);

  for (guint i = 0; i < entries->len; i++)
    {
      SanastoEntry *entry = g_ptr_array_index (entries, i);

      items[i].language = sanasto_entry_get_language (entry);
      items[i].sort_key = sanasto_entry_get_sort_key (entry);
      items[i].slug = sanasto_entry_get_slug (entry);
      items[i].path = sanasto_entry_get_path (entry);
      items[i].entry = entry;
    }
  qsort (items, entries->len, sizeof (SortItem), compare);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_index (entries, i) = items[i].entry;
}

static int
compare_suggest_key (gconstpointer a,
                     gconstpointer b)
{
  const SanastoSuggestKey *x = a, *y = b;

  if (x->length != y->length)
    return x->length < y->length ? -1 : 1;
  return strcmp (x->key, y->key);
}

static int
compare_suggest_key_text (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  GArray *keys = user_data;

  return strcmp (g_array_index (keys, SanastoSuggestKey, *(const guint *) a).key,
                 g_array_index (keys, SanastoSuggestKey, *(const guint *) b).key);
}

static void
language_free (SanastoGlossaryLanguage *language)
{
  g_ptr_array_unref (language->entries);
  g_hash_table_unref (language->slugs);
  g_hash_table_unref (language->aliases);
  g_hash_table_unref (language->normalized);
  g_clear_pointer (&language->suggest, g_array_unref);
  g_clear_pointer (&language->suggest_by_key, g_array_unref);
  g_free (language);
}

static SanastoGlossaryLanguage *
language_new (const char *code)
{
  SanastoGlossaryLanguage *language = g_new0 (SanastoGlossaryLanguage, 1);

  language->code = code;
  language->entries = g_ptr_array_new ();
  language->slugs = g_hash_table_new (g_str_hash, g_str_equal);
  language->aliases = g_hash_table_new (g_str_hash, g_str_equal);
  language->normalized = g_hash_table_new (g_str_hash, g_str_equal);

  return language;
}


/* Takes normalized; adds it when new. */
static void
add_normalized (SanastoGlossary         *self,
                SanastoGlossaryLanguage *language,
                char                    *normalized,
                SanastoEntry            *entry)
{
  char *key;

  if (*normalized == '\0' || g_hash_table_contains (language->normalized, normalized))
    {
      g_free (normalized);
      return;
    }
  key = g_string_chunk_insert (self->keys, normalized);
  g_free (normalized);
  g_hash_table_insert (language->normalized, key, entry);
}

static void
add_path (SanastoGlossary *self,
          const char      *path,
          gsize            length,
          SanastoEntry    *entry)
{
  g_hash_table_insert (self->paths, g_string_chunk_insert_len (self->keys, path, length), entry);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorts the entries in model order and gives each language its run of them. */
static gpointer
sort_model_thread (gpointer data)
{
  SanastoGlossary *self = data;
  SanastoGlossaryLanguage *language = NULL;

  sort_entries (self->entries, compare_sort_items);
  for (guint i = 0; i < self->entries->len; i++)
    {
      SanastoEntry *entry = g_ptr_array_index (self->entries, i);
      const char *code = sanasto_entry_get_language (entry);

      if (language == NULL || language->code != code)
        language = _sanasto_glossary_get_language (self, code);
      g_ptr_array_add (language->entries, entry);
    }
  return NULL;
}

static void
build_indexes (SanastoGlossary *self,
               Loader          *loader)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) by_path = NULL;
  GThread *model_thread;
  guint best = 0;

  /* Languages and the fallback. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      const char *code = sanasto_entry_get_language (g_ptr_array_index (self->entries, i));

      g_hash_table_insert (by_code, (gpointer) code,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (by_code, code))
                                             + 1));
    }

  self->fallback = NULL;
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, by_code);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        const char *code = key;
        guint count = GPOINTER_TO_UINT (value);

        if (*code == '\0')
          continue;
        if (strcmp (code, "en") == 0)
          {
            self->fallback = code;
            break;
          }
        if (count > best || (count == best && self->fallback && strcmp (code, self->fallback) < 0))
          {
            best = count;
            self->fallback = code;
          }
      }
  }

  if (self->fallback == NULL)
    self->fallback = g_intern_static_string ("");
  else if (g_hash_table_contains (by_code, ""))
    {
      /* Stray articles beside the language folders belong to the main language. */
      for (guint i = 0; i < self->entries->len; i++)
        {
          SanastoEntry *entry = g_ptr_array_index (self->entries, i);

          if (*sanasto_entry_get_language (entry) == '\0')
            {
              SanastoEntry *moved = sanasto_entry_new (sanasto_entry_get_path (entry),
                                                       self->fallback,
                                                       sanasto_entry_get_slug (entry),
                                                       sanasto_entry_get_title (entry));

              sanasto_entry_set_description (moved, sanasto_entry_get_description (entry));
              sanasto_entry_set_keywords (moved, sanasto_entry_get_keywords (entry));
              sanasto_entry_set_aliases (moved, sanasto_entry_get_aliases (entry));
              sanasto_entry_set_draft (moved, sanasto_entry_get_draft (entry));
              {
                gint64 mtime, size;

                if (_sanasto_entry_get_stamp (entry, &mtime, &size))
                  _sanasto_entry_set_stamp (moved, mtime, size);
              }
              g_ptr_array_index (self->entries, i) = moved;
              g_object_unref (entry);
            }
        }
    }

  /* Sort keys (entries from the index's cache have theirs). */
  for (guint i = 0; i < self->entries->len; i++)
    {
      SanastoEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *key = NULL;

      if (_sanasto_entry_has_sort_key (entry))
        continue;
      key = sanasto_language_collation_key (sanasto_entry_get_language (entry),
                                            sanasto_entry_get_title (entry));
      sanasto_entry_set_sort_key (entry, key);
    }

  /* One language per code present, sorted by code as the model order has them. */
  {
    g_autoptr(GPtrArray) codes = g_ptr_array_new ();

    for (guint i = 0; i < self->entries->len; i++)
      {
        const char *code = sanasto_entry_get_language (g_ptr_array_index (self->entries, i));

        if (i == 0 || code != g_ptr_array_index (codes, codes->len - 1))
          g_ptr_array_add (codes, (gpointer) code);
      }
    g_ptr_array_sort (codes, compare_codes);
    for (guint i = 0; i < codes->len; i++)
      if (i == 0 || strcmp (g_ptr_array_index (codes, i), g_ptr_array_index (codes, i - 1)) != 0)
        g_ptr_array_add (self->languages, language_new (g_ptr_array_index (codes, i)));
  }
  if (self->languages->len == 0)
    g_ptr_array_add (self->languages, language_new (g_intern_static_string ("")));

  self->language_codes = g_new0 (const char *, self->languages->len + 1);
  for (guint i = 0; i < self->languages->len; i++)
    self->language_codes[i] = ((SanastoGlossaryLanguage *) g_ptr_array_index (self->languages,
                                                                              i))->code;

  /* The model order in a second thread while this one builds the lookup tables: each is
   * about half the work at 100,000 entries. Both only read the entries. */
  by_path = g_ptr_array_sized_new (self->entries->len);
  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (by_path, g_ptr_array_index (self->entries, i));
  model_thread = self->entries->len >= 1000 ?
                 g_thread_try_new ("sanasto-sort", sort_model_thread, self, NULL) : NULL;
  if (model_thread == NULL)
    sort_model_thread (self);

  /* Lookup tables, filled in path order so that the first article by path wins. */
  sort_entries (by_path, compare_sort_item_paths);

  for (guint i = 0; i < by_path->len; i++)
    {
      SanastoEntry *entry = g_ptr_array_index (by_path, i);
      SanastoGlossaryLanguage *language = _sanasto_glossary_get_language (
        self, sanasto_entry_get_language (entry));
      const char *slug = sanasto_entry_get_slug (entry);
      const char *path = sanasto_entry_get_path (entry);
      SanastoEntry *other;
      const char *base;

      if ((other = g_hash_table_lookup (language->slugs, slug)) != NULL)
        {
          g_autofree char *other_path = g_filename_display_name (sanasto_entry_get_path (other));
          g_autofree char *reason = g_strdup_printf ("Same slug “%s” as %s; links go to that one",
                                                     slug, other_path);

          loader_problem (loader, path, reason, FALSE);
        }
      else
        g_hash_table_insert (language->slugs, (gpointer) slug, entry);

      /* The path form, for relative links: without extension, and the folder of index.md. */
      base = strrchr (path, '/');
      base = base ? base + 1 : path;
      add_path (self, path, _sanasto_glossary_strip_extension (path), entry);
      if (is_stem (base, "index") && base != path)
        add_path (self, path, base - 1 - path, entry);

      add_normalized (self, language, sanasto_text_normalize_slug (slug), entry);

      for (const char * const *alias = sanasto_entry_get_aliases (entry); *alias; alias++)
        {
          g_autofree char *key = sanasto_text_normalize_slug (*alias);

          if (*key != '\0' && !g_hash_table_contains (language->aliases, key))
            g_hash_table_insert (language->aliases, g_string_chunk_insert (self->keys, key),
                                 entry);
        }
    }

  /* Titles after all slugs, so that a slug always wins over another entry's title. */
  for (guint i = 0; i < by_path->len; i++)
    {
      SanastoEntry *entry = g_ptr_array_index (by_path, i);
      SanastoGlossaryLanguage *language = _sanasto_glossary_get_language (
        self, sanasto_entry_get_language (entry));

      add_normalized (self, language,
                      sanasto_text_normalize_slug (sanasto_entry_get_title (entry)), entry);
    }

  if (model_thread != NULL)
    g_thread_join (model_thread);
}

/* The suggestion tables are only needed for links that name no entry: built the first time,
 * not at every load (200,000 keys sorted twice, 9 MB, for a glossary of 100,000 terms). */
void
_sanasto_glossary_ensure_suggest (SanastoGlossary         *self,
                                  SanastoGlossaryLanguage *language)
{
  GHashTableIter iter;
  gpointer key, value;
  GArray *suggest;
  GArray *by_key;

  if (g_atomic_pointer_get (&language->suggest) != NULL)
    return;

  g_mutex_lock (&self->suggest_lock);
  if (language->suggest != NULL)
    {
      g_mutex_unlock (&self->suggest_lock);
      return;
    }

  /* One key per normalized slug or title, each once. */
  suggest = g_array_sized_new (FALSE, FALSE, sizeof (SanastoSuggestKey),
                               g_hash_table_size (language->normalized));
  g_hash_table_iter_init (&iter, language->normalized);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SanastoSuggestKey item = { key, strlen (key), 0, 0, value };

      item.signature = sanasto_text_signature (key, item.length);
      item.letters = sanasto_text_letter_mask (key, item.length);
      g_array_append_val (suggest, item);
    }
  g_array_sort (suggest, compare_suggest_key);
  by_key = g_array_sized_new (FALSE, FALSE, sizeof (guint), suggest->len);
  for (guint j = 0; j < suggest->len; j++)
    g_array_append_val (by_key, j);
  g_array_sort_with_data (by_key, compare_suggest_key_text, suggest);

  /* suggest last: a reader that sees it sees both. */
  language->suggest_by_key = by_key;
  g_atomic_pointer_set (&language->suggest, suggest);
  g_mutex_unlock (&self->suggest_lock);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const SanastoLoadProblem *x = *(SanastoLoadProblem **) a;
  const SanastoLoadProblem *y = *(SanastoLoadProblem **) b;

  return strcmp (x->path, y->path);
}

static GType
sanasto_glossary_get_item_type (GListModel *model)
{
  return SANASTO_TYPE_ENTRY;
}

static guint
sanasto_glossary_get_n_items (GListModel *model)
{
  return SANASTO_GLOSSARY (model)->entries->len;
}

static gpointer
sanasto_glossary_get_item (GListModel *model,
                           guint       position)
{
  SanastoGlossary *self = SANASTO_GLOSSARY (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sanasto_glossary_get_item_type;
  iface->get_n_items = sanasto_glossary_get_n_items;
  iface->get_item = sanasto_glossary_get_item;
}

static void
sanasto_glossary_finalize (GObject *object)
{
  SanastoGlossary *self = SANASTO_GLOSSARY (object);

  g_free (self->root);
  g_clear_pointer (&self->paths, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_string_chunk_free);
  if (self->root_fd >= 0)
    close (self->root_fd);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->language_codes);
  g_mutex_clear (&self->suggest_lock);

  G_OBJECT_CLASS (sanasto_glossary_parent_class)->finalize (object);
}

static void
sanasto_glossary_class_init (SanastoGlossaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sanasto_glossary_finalize;
}

static void
sanasto_glossary_init (SanastoGlossary *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->languages = g_ptr_array_new_with_free_func ((GDestroyNotify) language_free);
  self->paths = g_hash_table_new (g_str_hash, g_str_equal);
  self->keys = g_string_chunk_new (64 * 1024);
  self->root_fd = -1;
  g_mutex_init (&self->suggest_lock);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_load_problem_free);
}

/* The glossary object for the folder root, before any article: NULL when root is no folder. */
static SanastoGlossary *
glossary_new_for_root (const char   *root,
                       struct stat  *st,
                       GError      **error)
{
  SanastoGlossary *self;
  g_autofree char *canonical = realpath (root, NULL);

  if (canonical == NULL || stat (canonical, st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (root);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot open folder “%s”: %s", display, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISDIR (st->st_mode))
    {
      g_autofree char *display = g_filename_display_name (root);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   "“%s” is not a folder", display);
      return NULL;
    }

  self = g_object_new (SANASTO_TYPE_GLOSSARY, NULL);
  self->root = g_steal_pointer (&canonical);
  self->root_fd = open (self->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  return self;
}

/* With previous: when the folder still holds exactly previous's entries, each taken from it
 * by cache_func, and nothing was reported, previous is returned (no second set of tables). */
static SanastoGlossary *
load (const char                *root,
      SanastoGlossaryCacheFunc   cache_func,
      gpointer                   cache_data,
      SanastoGlossary           *previous,
      guint                     *n_taken,
      GCancellable              *cancellable,
      GError                   **error)
{
  g_autoptr(SanastoGlossary) self = NULL;
  ScanDir *top;
  Loader loader = { 0 };
  struct stat st;
  gboolean ok;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = glossary_new_for_root (root, &st, error);
  if (self == NULL)
    return NULL;

  loader.root = self->root;
  loader.visited = g_hash_table_new_full (file_id_hash, file_id_equal, g_free, NULL);
  loader.visited_inodes = g_hash_table_new (NULL, NULL);
  loader.root_dev = st.st_dev;
  loader.problems = self->problems;
  loader.cancellable = cancellable;
  loader.cache_func = cache_func;
  loader.cache_data = cache_data;
  g_mutex_init (&loader.lock);
  loader_visit (&loader, st.st_dev, st.st_ino);

  top = scan_dir_new (NULL, "");
  ok = scan (&loader, top, 0, error);
  if (ok)
    {
      assign_languages (top, g_intern_static_string (""));
      ok = read_articles (&loader, top, self->entries, error);
    }

  scan_dir_free (top);
  g_hash_table_unref (loader.visited);
  g_hash_table_unref (loader.visited_inodes);
  /* Every article is read: the cache may go before the lookup tables are built. */
  if (cache_func != NULL)
    cache_func (NULL, NULL, 0, 0, cache_data);

  if (ok && previous != NULL && self->problems->len == 0 &&
      self->entries->len == previous->entries->len && *n_taken == self->entries->len)
    {
      g_mutex_clear (&loader.lock);
      return g_object_ref (previous);
    }

  if (ok)
    {
      build_indexes (self, &loader);
      g_ptr_array_sort (self->problems, compare_problems);
    }
  g_mutex_clear (&loader.lock);

  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

/* The entries of the previous load, by path, for the loader's threads (only read while they
 * run); how many were taken. */
typedef struct
{
  GHashTable *by_path;
  guint       n_taken;  /* atomic */
} PreviousEntries;

static SanastoEntry *
entry_from_previous_cb (const char *path,
                       const char *dir_language,
                       gint64      mtime,
                       gint64      size,
                       gpointer    user_data)
{
  PreviousEntries *previous = user_data;
  SanastoEntry *entry;
  gint64 entry_mtime, entry_size;

  if (path == NULL)
    return NULL;
  entry = g_hash_table_lookup (previous->by_path, path);
  if (entry == NULL || !_sanasto_entry_get_stamp (entry, &entry_mtime, &entry_size) ||
      entry_mtime != mtime || entry_size != size ||
      /* A stray article was given the main language after loading: decided afresh. */
      strcmp (sanasto_entry_get_language (entry), dir_language) != 0)
    return NULL;
  g_atomic_int_inc (&previous->n_taken);
  return g_object_ref (entry);
}

SanastoGlossary *
sanasto_glossary_load_again (SanastoGlossary  *previous,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(GHashTable) by_path = NULL;
  PreviousEntries taken = { NULL, 0 };

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (previous), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  by_path = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < previous->entries->len; i++)
    {
      SanastoEntry *entry = g_ptr_array_index (previous->entries, i);

      g_hash_table_insert (by_path, (char *) sanasto_entry_get_path (entry), entry);
    }
  taken.by_path = by_path;

  return load (previous->root, entry_from_previous_cb, &taken, previous, &taken.n_taken,
               cancellable, error);
}

SanastoGlossary *
_sanasto_glossary_new_from_entries (const char  *root,
                                    GPtrArray   *entries,
                                    GError     **error)
{
  g_autoptr(SanastoGlossary) self = NULL;
  Loader loader = { 0 };
  struct stat st;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  self = glossary_new_for_root (root, &st, error);
  if (self == NULL)
    {
      g_ptr_array_unref (entries);
      return NULL;
    }

  g_ptr_array_extend_and_steal (self->entries, entries);
  self->from_index = TRUE;

  /* Only the lookup tables report problems here (slugs that repeat). */
  loader.root = self->root;
  loader.problems = self->problems;
  g_mutex_init (&loader.lock);
  build_indexes (self, &loader);
  g_ptr_array_sort (self->problems, compare_problems);
  g_mutex_clear (&loader.lock);

  return g_steal_pointer (&self);
}

SanastoGlossary *
sanasto_glossary_load (const char    *root,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return load (root, NULL, NULL, NULL, NULL, cancellable, error);
}

SanastoGlossary *
_sanasto_glossary_load_cached (const char               *root,
                               SanastoGlossaryCacheFunc  func,
                               gpointer                  user_data,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  return load (root, func, user_data, NULL, NULL, cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  SanastoGlossary *glossary = sanasto_glossary_load (task_data, cancellable, &error);

  if (glossary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, glossary, g_object_unref);
}

void
sanasto_glossary_load_async (const char          *root,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (root != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sanasto_glossary_load_async);
  g_task_set_task_data (task, g_strdup (root), g_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

SanastoGlossary *
sanasto_glossary_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
sanasto_glossary_same_entries (SanastoGlossary *self,
                               SanastoGlossary *other)
{
  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), FALSE);
  g_return_val_if_fail (SANASTO_IS_GLOSSARY (other), FALSE);

  if (!g_str_equal (self->root, other->root) || self->entries->len != other->entries->len)
    return FALSE;
  /* Both in model order: the same entries are at the same positions. */
  for (guint i = 0; i < self->entries->len; i++)
    if (!sanasto_entry_equal (g_ptr_array_index (self->entries, i),
                               g_ptr_array_index (other->entries, i)))
      return FALSE;
  return TRUE;
}

gboolean
sanasto_glossary_is_from_index (SanastoGlossary *self)
{
  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), FALSE);

  return self->from_index;
}

const char *
sanasto_glossary_get_root (SanastoGlossary *self)
{
  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), NULL);

  return self->root;
}

const char * const *
sanasto_glossary_get_languages (SanastoGlossary *self)
{
  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), NULL);

  return self->language_codes;
}

const char *
sanasto_glossary_get_fallback_language (SanastoGlossary *self)
{
  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), NULL);

  return self->fallback;
}

SanastoGlossaryLanguage *
_sanasto_glossary_get_language (SanastoGlossary *self,
                                const char      *code)
{
  if (code == NULL)
    return NULL;

  /* Codes are interned: the same pointer is the same code, no strcmp() per entry at load. */
  for (guint i = 0; i < self->languages->len; i++)
    {
      SanastoGlossaryLanguage *language = g_ptr_array_index (self->languages, i);

      if (language->code == code)
        return language;
    }
  for (guint i = 0; i < self->languages->len; i++)
    {
      SanastoGlossaryLanguage *language = g_ptr_array_index (self->languages, i);

      if (strcmp (language->code, code) == 0)
        return language;
    }

  return NULL;
}

const char *
_sanasto_glossary_match_language (SanastoGlossary *self,
                                  const char      *segment)
{
  g_autofree char *lower = NULL;

  if (segment == NULL || *segment == '\0' || !sanasto_language_is_code (segment))
    return NULL;

  lower = g_ascii_strdown (segment, -1);
  g_strdelimit (lower, "_", '-');

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->languages->len; i++)
      {
        SanastoGlossaryLanguage *language = g_ptr_array_index (self->languages, i);

        if (*language->code == '\0')
          continue;
        if (pass == 0 && strcmp (language->code, lower) == 0)
          return language->code;
        /* "en-us" in a link, "en" in the glossary, or the other way around. */
        if (pass == 1 && strncmp (language->code, lower, 2) == 0 &&
            (language->code[2] == '\0' || lower[2] == '\0'))
          return language->code;
      }

  return NULL;
}

SanastoEntry *
_sanasto_glossary_lookup_path (SanastoGlossary *self,
                               const char      *path)
{
  return g_hash_table_lookup (self->paths, path);
}

guint
sanasto_glossary_count_in_language (SanastoGlossary *self,
                                    const char      *language)
{
  SanastoGlossaryLanguage *data;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), 0);

  data = _sanasto_glossary_get_language (self, language);
  return data ? data->entries->len : 0;
}

SanastoEntry *
sanasto_glossary_lookup (SanastoGlossary *self,
                         const char      *language,
                         const char      *slug)
{
  SanastoGlossaryLanguage *data;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  data = _sanasto_glossary_get_language (self, language ? language : self->fallback);
  return data ? g_hash_table_lookup (data->slugs, slug) : NULL;
}

SanastoEntry *
sanasto_glossary_find_term (SanastoGlossary *self,
                            const char      *term,
                            const char      *preferred_language)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *normalized = NULL;
  SanastoGlossaryLanguage *first;
  SanastoGlossaryLanguage *fallback;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), NULL);
  g_return_val_if_fail (term != NULL, NULL);

  first = _sanasto_glossary_get_language (self, preferred_language);
  if (first == NULL && preferred_language != NULL)
    first = _sanasto_glossary_get_language (self,
                                            _sanasto_glossary_match_language (self,
                                                                              preferred_language));
  fallback = _sanasto_glossary_get_language (self, self->fallback);
  if (first != NULL)
    g_ptr_array_add (order, first);
  if (fallback != NULL && fallback != first)
    g_ptr_array_add (order, fallback);
  for (guint i = 0; i < self->languages->len; i++)
    {
      SanastoGlossaryLanguage *language = g_ptr_array_index (self->languages, i);

      if (language != first && language != fallback)
        g_ptr_array_add (order, language);
    }

  normalized = sanasto_text_normalize_slug (term);

  for (guint i = 0; i < order->len; i++)
    {
      SanastoGlossaryLanguage *language = g_ptr_array_index (order, i);
      SanastoEntry *entry;

      if ((entry = g_hash_table_lookup (language->slugs, term)) != NULL ||
          (entry = g_hash_table_lookup (language->normalized, normalized)) != NULL ||
          (entry = g_hash_table_lookup (language->aliases, normalized)) != NULL)
        return entry;
    }

  return NULL;
}

guint
sanasto_glossary_get_position (SanastoGlossary *self,
                               SanastoEntry    *entry)
{
  guint low, high;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), G_MAXUINT);
  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), G_MAXUINT);

  /* Entries can be shared by two loads of a folder (sanasto_glossary_load_again()), so they
   * do not store their position: a binary search in model order finds it. */
  if (!_sanasto_entry_has_sort_key (entry))
    return G_MAXUINT;
  low = 0;
  high = self->entries->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      SanastoEntry *at = g_ptr_array_index (self->entries, middle);
      int cmp = at == entry ? 0 : compare_entries (at, entry);

      if (cmp == 0)
        return at == entry ? middle : G_MAXUINT;
      if (cmp < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return G_MAXUINT;
}

GPtrArray *
sanasto_glossary_get_problems (SanastoGlossary *self)
{
  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), NULL);

  return self->problems;
}

/* The folder may have changed since it was opened: never read outside it. openat2() checks
 * that in one call, where realpath() reads every link of the path; older kernels get the
 * realpath() check. */
static int
open_inside_root (SanastoGlossary *self,
                  const char      *path)
{
  g_autofree char *full = NULL;
  g_autofree char *canonical = NULL;
  int fd;

#ifdef SYS_openat2
  if (self->root_fd >= 0)
    {
      struct open_how how = {
        .flags = O_RDONLY | O_CLOEXEC | O_NOCTTY,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
      };

      fd = syscall (SYS_openat2, self->root_fd, path, &how, sizeof how);
      if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
        {
          if (fd < 0 && errno == EXDEV)
            errno = EACCES;
          return fd;
        }
    }
#endif

  full = g_build_filename (self->root, path, NULL);
  canonical = realpath (full, NULL);
  if (canonical == NULL)
    return -1;
  if (strcmp (canonical, self->root) == 0 || !path_is_inside (self->root, canonical))
    {
      errno = EACCES;
      return -1;
    }

  return open (canonical, O_RDONLY | O_CLOEXEC | O_NOCTTY);
}

static gboolean
read_all (int     fd,
          char  **contents,
          gsize  *length)
{
  struct stat st;
  gsize size;
  gsize done = 0;
  char *buffer;

  if (fstat (fd, &st) != 0)
    return FALSE;
  if (!S_ISREG (st.st_mode))
    {
      errno = EISDIR;
      return FALSE;
    }

  size = st.st_size > 0 ? (gsize) st.st_size : 4096;
  buffer = g_malloc (size + 1);
  for (;;)
    {
      gssize n = read (fd, buffer + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_free (buffer);
          errno = saved_errno;
          return FALSE;
        }
      if (n == 0)
        break;
      done += n;
      if (done == size)
        {
          /* The file grew since fstat(). */
          size *= 2;
          buffer = g_realloc (buffer, size + 1);
        }
    }

  buffer[done] = '\0';
  *contents = buffer;
  *length = done;
  return TRUE;
}

char *
sanasto_glossary_read_body (SanastoGlossary  *self,
                            SanastoEntry     *entry,
                            GError          **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *valid = NULL;
  gsize length = 0;
  const char *text;
  gsize yaml_start, yaml_end, body_start;
  GString *out;
  int fd;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (self), NULL);
  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), NULL);

  fd = open_inside_root (self, sanasto_entry_get_path (entry));
  if (fd < 0 || !read_all (fd, &contents, &length))
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (sanasto_entry_get_path (entry));

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot read “%s”: %s", display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  text = contents;
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3, length -= 3;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  if (locate_front_matter (text, length, &yaml_start, &yaml_end, &body_start) ==
      SANASTO_FRONT_MATTER_CLOSED)
    text += body_start, length -= body_start;

  out = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\r' && (i + 1 == length || text[i + 1] == '\n'))
        continue;
      if (text[i] == '\r')
        g_string_append_c (out, '\n');
      else if (text[i] == '\0')
        g_string_append (out, "\xef\xbf\xbd");
      else
        g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}
