/* sanasto-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-index.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sanasto-glossary-private.h"
#include "sanasto-link-resolver.h"
#include "sanasto-markdown.h"

/* Bump whenever the schema or what goes into it changes: old databases are then rebuilt. */
#define SCHEMA_VERSION 4
/* Files written per transaction: large enough to be fast, small enough that a cancel is
 * quick and readers see progress. */
#define BATCH_SIZE 512
#define PROGRESS_STEP 64
/* From how many rows a warm open reads them in two threads (load_from_index()). */
#define TWO_THREAD_ROWS 32768
/* Longest sentence kept around a link, in bytes, on each side of its text. */
#define CONTEXT_SIDE 140
#define LEAD_LENGTH 160
/* How long before an open a file must have last changed for the glossary's cache to trust
 * its size and time: more than any file system's timestamp granularity. */
#define RACY_MARGIN (2 * G_USEC_PER_SEC)

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE entries ("
  "  id INTEGER PRIMARY KEY,"
  "  path TEXT NOT NULL UNIQUE,"
  "  mtime INTEGER NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  language TEXT NOT NULL,"
  "  slug TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  description TEXT NOT NULL,"    /* as the entry has it */
  "  keywords TEXT NOT NULL,"       /* separated by U+001F */
  "  aliases TEXT NOT NULL,"        /* separated by U+001F */
  "  draft INTEGER NOT NULL,"
  "  sort_key BLOB NOT NULL,"       /* collation key of the title in the entry's language */
  "  cacheable INTEGER NOT NULL);"  /* the row is the whole entry: the next load may use it */
  "CREATE TABLE links ("
  "  id INTEGER PRIMARY KEY,"
  "  source INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,"
  "  target TEXT NOT NULL,"
  "  anchor TEXT NOT NULL,"
  "  line INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  resolved TEXT,"          /* path of the target entry, NULL unless kind is INTERNAL */
  "  context TEXT NOT NULL);" /* the sentence around the link, anchor marked */
  "CREATE INDEX links_source ON links (source);"
  "CREATE INDEX links_resolved ON links (resolved);"
  "CREATE INDEX links_kind ON links (kind);"
  "CREATE VIRTUAL TABLE fts USING fts5 (title, aliases, keywords, body,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  /* Matches in the title weigh most, then aliases, keywords, the text. */
  "INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 1.0)');"
  /* Merging fewer, larger runs of segments at a time writes the index fewer times over:
   * about a third less work for a full build, for a few more segments per query. */
  "INSERT INTO fts (fts, rank) VALUES ('automerge', 16);"
  "INSERT INTO fts (fts, rank) VALUES ('crisismerge', 64);";

typedef struct
{
  SanastoEntry  *entry;    /* owned by the glossary */
  char          *title;    /* folded */
  char         **aliases;  /* folded */
  guint          title_chars;
} TitleKey;

struct _SanastoIndex
{
  GObject          parent_instance;

  SanastoGlossary *glossary;

  /* Set up by the open, read-only afterwards. */
  sqlite3         *reader;
  sqlite3_stmt    *fts_stmt;
  sqlite3_stmt    *fts_unranked_stmt;
  sqlite3_stmt    *fts_head_stmt;
  sqlite3_stmt    *count_stmt;
  sqlite3_stmt    *lead_stmt;
  sqlite3_stmt    *backlinks_stmt;
  sqlite3_stmt    *unresolved_stmt;
  sqlite3_stmt    *ids_stmt;
  GHashTable      *entries_by_path;  /* path -> SanastoEntry (owned by the glossary) */
  GHashTable      *entries_by_id;    /* row id (as a pointer) -> SanastoEntry, after the open */
  GArray          *title_keys;       /* TitleKey */
  char            *db_path;
  char            *temp_dir;         /* only when the cache could not be used */

  /* Queries may come from worker threads (sanasto_index_search_async()); one at a time. */
  GMutex           reader_lock;
  GCancellable    *query_cancellable; /* of the query running, under reader_lock */

  guint            files_read;
  gboolean         was_rebuilt;
  gboolean         opening;
  int              ready;            /* atomic */
};

G_DEFINE_FINAL_TYPE (SanastoIndex, sanasto_index, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What an open is working with; lives in the thread that runs it. */
typedef struct
{
  SanastoIndex  *self;
  GMainContext  *context;  /* where "progress" goes; NULL: emit right away */
  GCancellable  *cancellable;
  sqlite3       *db;
  sqlite3_stmt  *insert_entry;
  sqlite3_stmt  *update_entry;
  sqlite3_stmt  *delete_entry;
  sqlite3_stmt  *insert_fts;
  sqlite3_stmt  *delete_fts;
  sqlite3_stmt  *insert_link;
  sqlite3_stmt  *delete_links;
  GHashTable    *problem_paths;  /* articles the loader had something to say about */
  gint64         racy_before;    /* files changed after this (real time, µs) may change again
                                  * unseen: not for the glossary's cache */
} Writer;

typedef struct
{
  gint64 id;
  gint64 mtime;
  gint64 size;
  gboolean seen;
} StoredRow;

typedef struct
{
  SanastoEntry *entry;
  gint64        mtime;
  gint64        size;
  gint64        old_id;  /* 0: new */
} PendingFile;

typedef struct
{
  gint64        id;
  SanastoEntry *entry;   /* owned by the glossary */
} KnownId;

typedef struct
{
  SanastoIndex *self;
  guint         done;
  guint         total;
} ProgressReport;

/* SQLite helpers */

static gboolean
set_db_error (sqlite3    *db,
              int         rc,
              GError    **error)
{
  int code = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB
             ? G_IO_ERROR_INVALID_DATA : G_IO_ERROR_FAILED;

  g_set_error (error, G_IO_ERROR, code, "Search index: %s",
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
db_exec (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (db, rc, error);
  return TRUE;
}

static gboolean
db_prepare (sqlite3       *db,
            const char    *sql,
            sqlite3_stmt **stmt,
            GError       **error)
{
  int rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (db, rc, error);
  return TRUE;
}

/* Runs a prepared statement that returns no rows, then resets it. */
static gboolean
db_step_done (sqlite3       *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (db, rc, error);
  return TRUE;
}

static gboolean
db_query_text (sqlite3     *db,
               const char  *sql,
               char       **out,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_db_error (db, rc, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    *out = NULL;
  else
    {
      set_db_error (db, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static void
delete_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".checked" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

/* A full PRAGMA quick_check reads the whole file: seconds for a large glossary. It runs when
 * the file is not as the last open left it (size and time to the nanosecond), which catches
 * crashes, other writers and damage from outside; damage found later by a query forgets the
 * stamp, so that the next open checks. */
static char *
database_stamp (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld",
                          (gint64)st.st_size, (gint64)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static gboolean
database_unchanged (const char *path)
{
  g_autofree char *stamp_path = g_strconcat (path, ".checked", NULL);
  g_autofree char *stamp = database_stamp (path);
  g_autofree char *remembered = NULL;

  return stamp != NULL &&
         g_file_get_contents (stamp_path, &remembered, NULL, NULL) &&
         strcmp (stamp, remembered) == 0;
}

static void
remember_database (const char *path)
{
  g_autofree char *stamp_path = g_strconcat (path, ".checked", NULL);
  g_autofree char *stamp = database_stamp (path);

  if (stamp != NULL)
    g_file_set_contents (stamp_path, stamp, -1, NULL);
}

static void
forget_database (const char *path)
{
  g_autofree char *stamp_path = g_strconcat (path, ".checked", NULL);

  g_unlink (stamp_path);
}

/* Two opens of the same glossary (two windows, the window and `sanasto --search`) would
 * insert the same articles twice; the second waits for the first, then finds little to do.
 * Returns the descriptor holding the lock, or -1. */
static int
lock_database (const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", lock_path, g_strerror (saved_errno));
      return -1;
    }

  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno != EWOULDBLOCK && saved_errno != EINTR)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot lock %s: %s", lock_path, g_strerror (saved_errno));
          close (fd);
          return -1;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return -1;
        }
      g_usleep (50 * 1000);
    }

  return fd;
}

/* Text helpers */

/* Case- and diacritic-insensitive form for comparing titles with what is typed. */
static char *
fold_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;
  const char *p;

  /* ASCII needs no normalization: the index folds every title at each open. */
  for (p = text; *p != '\0' && (guchar)*p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, p - text);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, bare->len);
}

static gboolean
has_word_char (const char *text,
               gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalnum (g_utf8_get_char (p)))
        return TRUE;
    }
  return FALSE;
}

/* The snippet marks must not occur in indexed text; other control characters are noise. */
static void
clean_text (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 && *p != '\n' && *p != '\t')
        *p = ' ';
    }
}

static char *
join_strv (const char * const *strv)
{
  return g_strjoinv (", ", (char **)strv);
}

static gboolean
is_sentence_end (const char *p)
{
  return (*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0');
}

/* The plain text a reader sees, as sanasto_markdown_plain_text() makes it, and where the text
 * of each link is in it, in the order of sanasto_markdown_collect_links(). */
static char *
text_with_link_spans (cmark_node *document,
                      GArray     *spans)
{
  GString *out = g_string_new (NULL);
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;
  cmark_node *open_link = NULL;
  gsize link_start = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_LINK)
        {
          if (event == CMARK_EVENT_ENTER && open_link == NULL)
            {
              open_link = node;
              link_start = out->len;
            }
          else if (event == CMARK_EVENT_EXIT && node == open_link)
            {
              gsize span[2] = { link_start, out->len };

              g_array_append_vals (spans, span, 2);
              open_link = NULL;
            }
          continue;
        }

      if (event == CMARK_EVENT_ENTER)
        {
          switch (type)
            {
            case CMARK_NODE_CODE_BLOCK:
              if (out->len > 0 && out->str[out->len - 1] != '\n')
                g_string_append_c (out, '\n');
              g_string_append (out, cmark_node_get_literal (node));
              break;

            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
              g_string_append (out, cmark_node_get_literal (node));
              break;

            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
              g_string_append_c (out, ' ');
              break;

            default:
              break;
            }
        }
      else if (type >= CMARK_NODE_FIRST_BLOCK && type <= CMARK_NODE_LAST_BLOCK &&
               out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
    }
  cmark_iter_free (iter);

  return g_string_free (out, FALSE);
}

/* The sentence of text around the link text at [start, end), the link text marked, shortened
 * around the link when it is long. */
static char *
link_context (const char *text,
              gsize       start_offset,
              gsize       end_offset)
{
  const char *found = text + start_offset;
  const char *anchor_end = text + end_offset;
  const char *start;
  const char *end;
  GString *out;

  while (found < anchor_end && (*found == ' ' || *found == '\n'))
    found++;
  while (anchor_end > found && (anchor_end[-1] == ' ' || anchor_end[-1] == '\n'))
    anchor_end--;

  start = found;
  while (start > text && start[-1] != '\n' &&
         !(start - text >= 2 && is_sentence_end (start - 2)))
    start--;
  while (*start == ' ' || *start == '\t')
    start++;

  end = anchor_end;
  while (*end != '\0' && *end != '\n' && !is_sentence_end (end))
    end++;
  if (*end != '\0' && *end != '\n')
    end++;

  out = g_string_new (NULL);
  if (found - start > CONTEXT_SIDE)
    {
      const char *cut = g_utf8_find_next_char (found - CONTEXT_SIDE, found);

      while (cut != NULL && cut < found && *cut != ' ')
        cut++;
      if (cut == NULL || cut >= found)
        cut = found;
      g_string_append (out, "…");
      start = cut;
    }
  g_string_append_len (out, start, found - start);
  g_string_append (out, SANASTO_SEARCH_HIT_MARK_START);
  g_string_append_len (out, found, anchor_end - found);
  g_string_append (out, SANASTO_SEARCH_HIT_MARK_END);
  if (end - anchor_end > CONTEXT_SIDE)
    {
      const char *cut = anchor_end + CONTEXT_SIDE;

      while (cut > anchor_end && *cut != ' ')
        cut--;
      if (cut == anchor_end)
        cut = g_utf8_find_prev_char (anchor_end, anchor_end + CONTEXT_SIDE);
      g_string_append_len (out, anchor_end, cut - anchor_end);
      g_string_append (out, "…");
    }
  else
    g_string_append_len (out, anchor_end, end - anchor_end);

  return g_string_free (out, FALSE);
}

/* Progress */

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_object_unref (report->self);
  g_free (report);
}

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressReport *report = data;

  g_signal_emit (report->self, signals[PROGRESS], 0, report->done, report->total);
  return G_SOURCE_REMOVE;
}

static void
report_progress (Writer *w,
                 guint   done,
                 guint   total)
{
  ProgressReport *report;
  g_autoptr(GSource) source = NULL;

  if (w->context == NULL)
    {
      g_signal_emit (w->self, signals[PROGRESS], 0, done, total);
      return;
    }

  report = g_new0 (ProgressReport, 1);
  report->self = g_object_ref (w->self);
  report->done = done;
  report->total = total;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_progress_cb, report, progress_report_free);
  g_source_set_static_name (source, "[sanasto] index progress");
  g_source_attach (source, w->context);
}

/* Writing */

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->insert_entry, sqlite3_finalize);
  g_clear_pointer (&w->update_entry, sqlite3_finalize);
  g_clear_pointer (&w->delete_entry, sqlite3_finalize);
  g_clear_pointer (&w->insert_fts, sqlite3_finalize);
  g_clear_pointer (&w->delete_fts, sqlite3_finalize);
  g_clear_pointer (&w->insert_link, sqlite3_finalize);
  g_clear_pointer (&w->delete_links, sqlite3_finalize);
  g_clear_pointer (&w->problem_paths, g_hash_table_unref);
  g_clear_pointer (&w->db, sqlite3_close);
}

static gboolean
writer_prepare (Writer  *w,
                GError **error)
{
  return db_prepare (w->db,
                     "INSERT INTO entries (mtime, size, language, slug, title, description,"
                     " keywords, aliases, path, draft, cacheable, sort_key)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, ?12, ?13)",
                     &w->insert_entry, error) &&
         db_prepare (w->db,
                     "UPDATE entries SET mtime = ?1, size = ?2, language = ?3, slug = ?4,"
                     " title = ?5, description = ?6, keywords = ?7, aliases = ?8,"
                     " draft = ?11, cacheable = ?12, sort_key = ?13 WHERE id = ?10",
                     &w->update_entry, error) &&
         db_prepare (w->db, "DELETE FROM entries WHERE id = ?1", &w->delete_entry, error) &&
         db_prepare (w->db,
                     "INSERT INTO fts (rowid, title, aliases, keywords, body)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)",
                     &w->insert_fts, error) &&
         db_prepare (w->db, "DELETE FROM fts WHERE rowid = ?1", &w->delete_fts, error) &&
         db_prepare (w->db,
                     "INSERT INTO links (source, target, anchor, line, kind, resolved, context)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     &w->insert_link, error) &&
         db_prepare (w->db, "DELETE FROM links WHERE source = ?1", &w->delete_links, error);
}

static gboolean
writer_remove (Writer  *w,
               gint64   id,
               GError **error)
{
  sqlite3_bind_int64 (w->delete_links, 1, id);
  if (!db_step_done (w->db, w->delete_links, error))
    return FALSE;
  sqlite3_bind_int64 (w->delete_fts, 1, id);
  if (!db_step_done (w->db, w->delete_fts, error))
    return FALSE;
  sqlite3_bind_int64 (w->delete_entry, 1, id);
  return db_step_done (w->db, w->delete_entry, error);
}

static gboolean
has_separator (const char * const *strv)
{
  for (; *strv != NULL; strv++)
    if (strchr (*strv, '\x1f') != NULL || **strv == '\0')
      return TRUE;
  return FALSE;
}

static gboolean
writer_index_file (Writer             *w,
                   const PendingFile  *file,
                   GError            **error)
{
  SanastoGlossary *glossary = w->self->glossary;
  SanastoEntry *entry = file->entry;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *aliases = NULL;
  g_autofree char *description = NULL;
  g_autofree char *fts_body = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autofree char *link_text = NULL;
  cmark_node *document;
  sqlite3_stmt *stmt;
  gint64 id;

  body = sanasto_glossary_read_body (glossary, entry, &read_error);
  if (body == NULL)
    {
      g_debug ("Indexing %s without its text: %s",
               sanasto_entry_get_path (entry), read_error->message);
      body = g_strdup ("");
    }

  document = sanasto_markdown_parse (body, strlen (body));
  plain = sanasto_markdown_plain_text (document);
  links = sanasto_markdown_collect_links (document);
  spans = g_array_new (FALSE, FALSE, sizeof (gsize));
  link_text = text_with_link_spans (document, spans);
  cmark_node_free (document);
  clean_text (plain);
  clean_text (link_text);

  keywords = join_strv (sanasto_entry_get_keywords (entry));
  aliases = join_strv (sanasto_entry_get_aliases (entry));
  description = g_strdup (sanasto_entry_get_description (entry));
  clean_text (description);

  if (file->old_id != 0)
    {
      stmt = w->update_entry;
      sqlite3_bind_int64 (stmt, 10, file->old_id);
    }
  else
    {
      stmt = w->insert_entry;
      bind_text (stmt, 9, sanasto_entry_get_path (entry));
    }
  sqlite3_bind_int64 (stmt, 1, file->mtime);
  sqlite3_bind_int64 (stmt, 2, file->size);
  bind_text (stmt, 3, sanasto_entry_get_language (entry));
  bind_text (stmt, 4, sanasto_entry_get_slug (entry));
  bind_text (stmt, 5, sanasto_entry_get_title (entry));
  {
    const char * const *entry_keywords = sanasto_entry_get_keywords (entry);
    const char * const *entry_aliases = sanasto_entry_get_aliases (entry);
    g_autofree char *keyword_list = g_strjoinv ("\x1f", (char **)entry_keywords);
    g_autofree char *alias_list = g_strjoinv ("\x1f", (char **)entry_aliases);
    /* A separator inside an item would not split back the same: such an entry is read again
     * at each load, as is one the loader reported a problem with. So is one changed just
     * before it was read: file times are coarse (a few ms, 2 s on some file systems), and a
     * second change of the same size within that time would look like no change. */
    gboolean cacheable = !g_hash_table_contains (w->problem_paths, sanasto_entry_get_path (entry))
                         && file->mtime < w->racy_before
                         && g_utf8_validate (sanasto_entry_get_path (entry), -1, NULL)
                         && !has_separator (sanasto_entry_get_keywords (entry))
                         && !has_separator (sanasto_entry_get_aliases (entry));

    bind_text (stmt, 6, sanasto_entry_get_description (entry));
    bind_text (stmt, 7, keyword_list);
    bind_text (stmt, 8, alias_list);
    sqlite3_bind_int (stmt, 11, sanasto_entry_get_draft (entry));
    sqlite3_bind_int (stmt, 12, cacheable);
    sqlite3_bind_blob (stmt, 13, sanasto_entry_get_sort_key (entry),
                       strlen (sanasto_entry_get_sort_key (entry)), SQLITE_TRANSIENT);
  }
  if (!db_step_done (w->db, stmt, error))
    return FALSE;

  if (file->old_id != 0)
    {
      id = file->old_id;
      sqlite3_bind_int64 (w->delete_fts, 1, id);
      if (!db_step_done (w->db, w->delete_fts, error))
        return FALSE;
      sqlite3_bind_int64 (w->delete_links, 1, id);
      if (!db_step_done (w->db, w->delete_links, error))
        return FALSE;
    }
  else
    id = sqlite3_last_insert_rowid (w->db);

  /* The description is searchable too: it is what a reader sees first on the page. */
  fts_body = description[0] != '\0' ? g_strconcat (description, "\n\n", plain, NULL)
                                    : g_strdup (plain);
  sqlite3_bind_int64 (w->insert_fts, 1, id);
  bind_text (w->insert_fts, 2, sanasto_entry_get_title (entry));
  bind_text (w->insert_fts, 3, aliases);
  bind_text (w->insert_fts, 4, keywords);
  bind_text (w->insert_fts, 5, fts_body);
  if (!db_step_done (w->db, w->insert_fts, error))
    return FALSE;

  for (guint i = 0; i < links->len; i++)
    {
      SanastoLinkRef *ref = g_ptr_array_index (links, i);
      SanastoLink link = { 0, };
      g_autofree char *anchor = g_strdup (ref->anchor_text != NULL ? ref->anchor_text : "");
      g_autofree char *context = NULL;

      if (ref->target == NULL)
        continue;

      clean_text (anchor);
      if (2 * i + 1 < spans->len)
        context = link_context (link_text, g_array_index (spans, gsize, 2 * i),
                                g_array_index (spans, gsize, 2 * i + 1));
      else
        context = g_strdup ("");
      sanasto_link_resolver_resolve (glossary, entry, ref->target, &link);

      sqlite3_bind_int64 (w->insert_link, 1, id);
      bind_text (w->insert_link, 2, ref->target);
      bind_text (w->insert_link, 3, anchor);
      sqlite3_bind_int (w->insert_link, 4, ref->line);
      sqlite3_bind_int (w->insert_link, 5, link.kind);
      bind_text (w->insert_link, 6, link.kind == SANASTO_LINK_INTERNAL && link.entry != NULL
                                    ? sanasto_entry_get_path (link.entry) : NULL);
      bind_text (w->insert_link, 7, context);
      sanasto_link_clear (&link);
      if (!db_step_done (w->db, w->insert_link, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64  id;
  int     kind;
  char   *resolved;
} LinkUpdate;

static void
link_update_clear (gpointer data)
{
  LinkUpdate *update = data;

  g_free (update->resolved);
}

/* Links of unchanged articles may point at entries that appeared, vanished or changed
 * aliases; resolving them all again is cheap next to reading files. */
static gboolean
writer_resolve_all_links (Writer  *w,
                          GError **error)
{
  SanastoIndex *self = w->self;
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (LinkUpdate));
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  int rc;

  g_array_set_clear_func (updates, link_update_clear);

  if (!db_prepare (w->db,
                   "SELECT links.id, entries.path, links.target, links.kind, links.resolved"
                   " FROM links JOIN entries ON entries.id = links.source",
                   &select, error))
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *path = (const char *)sqlite3_column_text (select, 1);
      const char *target = (const char *)sqlite3_column_text (select, 2);
      int kind = sqlite3_column_int (select, 3);
      const char *resolved = (const char *)sqlite3_column_text (select, 4);
      SanastoEntry *from = g_hash_table_lookup (self->entries_by_path, path);
      SanastoLink link = { 0, };
      const char *new_resolved;

      if (from == NULL || target == NULL)
        continue;

      sanasto_link_resolver_resolve (self->glossary, from, target, &link);
      new_resolved = link.kind == SANASTO_LINK_INTERNAL && link.entry != NULL
                     ? sanasto_entry_get_path (link.entry) : NULL;
      if ((int)link.kind != kind || g_strcmp0 (new_resolved, resolved) != 0)
        {
          LinkUpdate u = { sqlite3_column_int64 (select, 0), link.kind, g_strdup (new_resolved) };
          g_array_append_val (updates, u);
        }
      sanasto_link_clear (&link);
    }
  sqlite3_finalize (select);
  if (rc != SQLITE_DONE)
    return set_db_error (w->db, rc, error);

  if (!db_prepare (w->db, "UPDATE links SET kind = ?1, resolved = ?2 WHERE id = ?3",
                   &update, error))
    return FALSE;

  for (guint i = 0; i < updates->len; i++)
    {
      LinkUpdate *u = &g_array_index (updates, LinkUpdate, i);

      sqlite3_bind_int (update, 1, u->kind);
      bind_text (update, 2, u->resolved);
      sqlite3_bind_int64 (update, 3, u->id);
      if (!db_step_done (w->db, update, error))
        {
          sqlite3_finalize (update);
          return FALSE;
        }
    }
  sqlite3_finalize (update);

  g_debug ("Re-resolved links: %u changed", updates->len);
  return TRUE;
}

static gboolean
stat_file (const char *root,
           const char *path,
           gint64     *mtime,
           gint64     *size)
{
  g_autofree char *full = g_build_filename (root, path, NULL);
  GStatBuf st;

  if (g_stat (full, &st) != 0)
    return FALSE;

  *mtime = (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  *size = st.st_size;
  return TRUE;
}

static gboolean
writer_open (Writer      *w,
             const char  *path,
             gboolean    *created,
             GError     **error)
{
  g_autofree char *version = NULL;
  g_autofree char *check = NULL;
  int rc;

  *created = FALSE;

  rc = sqlite3_open_v2 (path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    return set_db_error (w->db, rc, error);
  sqlite3_busy_timeout (w->db, 5000);

  if (!db_query_text (w->db, "PRAGMA user_version", &version, error))
    return FALSE;

  if (g_strcmp0 (version, G_STRINGIFY (SCHEMA_VERSION)) != 0)
    {
      /* A new file, or one from another version: start from nothing. */
      g_clear_pointer (&w->db, sqlite3_close);
      delete_database (path);

      rc = sqlite3_open_v2 (path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
      if (rc != SQLITE_OK)
        return set_db_error (w->db, rc, error);
      sqlite3_busy_timeout (w->db, 5000);

      if (!db_exec (w->db, "PRAGMA journal_mode = WAL", error) ||
          !db_exec (w->db, "BEGIN", error) ||
          !db_exec (w->db, schema_sql, error) ||
          !db_exec (w->db, "PRAGMA user_version = " G_STRINGIFY (SCHEMA_VERSION), error) ||
          !db_exec (w->db, "COMMIT", error))
        return FALSE;

      *created = TRUE;
    }
  else if (!database_unchanged (path))
    {
      if (!db_query_text (w->db, "PRAGMA quick_check", &check, error))
        return FALSE;
      if (g_strcmp0 (check, "ok") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Search index: damaged (%s)", check != NULL ? check : "no answer");
          return FALSE;
        }
    }

  /* Building the full-text index merges segments; a larger page cache keeps that in memory.
   * In WAL mode a crash of the program cannot damage the database whatever the synchronous
   * setting; only a crash of the whole system can, and the index is a cache that the next
   * open checks and rebuilds. Not waiting for the disk makes a full build a quarter faster. */
  return db_exec (w->db, "PRAGMA journal_mode = WAL", error) &&
         db_exec (w->db, "PRAGMA synchronous = OFF", error) &&
         db_exec (w->db, "PRAGMA temp_store = MEMORY", error) &&
         writer_prepare (w, error);
}

/* Ranking */

/* Okapi BM25 without the document-length term (b = 0): term frequency, saturated, weighed by
 * column and by how rare the word is. FTS5's bm25() reads each matching row's size from another
 * table; for two words that occur in nearly every article that lookup was most of the cost of
 * a query (10 ms of 13 at 14,000 articles). The articles of a glossary are of similar length,
 * so the term matters little; the column weights (title 10, aliases 5, keywords 2, text 1)
 * do the rest. Arguments: one weight per column. */
#define RANK_K1 1.2
#define RANK_MAX_HITS 16
/* Matching articles from which on the full text is not ranked (see add_full_text_hits()). */
#define RANK_ALL_LIMIT 2000

typedef struct
{
  int     n_phrases;
  double *idf;      /* per phrase */
  double *freq;     /* per phrase, for the row at hand */
} RankData;

static void
rank_data_free (void *data)
{
  RankData *rank = data;

  g_free (rank->idf);
  g_free (rank->freq);
  g_free (rank);
}

static int
count_rows_cb (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               void                   *user_data)
{
  (*(sqlite3_int64 *)user_data)++;
  return SQLITE_OK;
}

static RankData *
rank_data_get (const Fts5ExtensionApi *api,
               Fts5Context            *fts)
{
  RankData *rank = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_rows = 0;

  if (rank != NULL)
    return rank;

  /* Once per query: in how many articles each phrase occurs. */
  rank = g_new0 (RankData, 1);
  rank->n_phrases = api->xPhraseCount (fts);
  rank->idf = g_new0 (double, MAX (rank->n_phrases, 1));
  rank->freq = g_new0 (double, MAX (rank->n_phrases, 1));
  api->xRowCount (fts, &n_rows);
  for (int i = 0; i < rank->n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;
      double idf;

      api->xQueryPhrase (fts, i, &n_hits, count_rows_cb);
      idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));
      /* As in FTS5's bm25(): a word in more than half the rows still counts a little. */
      rank->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
  if (api->xSetAuxdata (fts, rank, rank_data_free) != SQLITE_OK)
    return NULL;

  return rank;
}

static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     n_values,
               sqlite3_value         **values)
{
  RankData *rank = rank_data_get (api, fts);
  double score = 0.0;

  if (rank == NULL)
    {
      sqlite3_result_error_code (context, SQLITE_NOMEM);
      return;
    }

  /* Occurrences come by column, title first. The score saturates (16 occurrences give 93 % of
   * what any number does), so the first RANK_MAX_HITS of each phrase are enough: the word
   * "the" occurs a hundred times in an article. */
  for (int i = 0; i < rank->n_phrases; i++)
    {
      Fts5PhraseIter iter;
      int column, offset, n = 0;

      rank->freq[i] = 0.0;
      if (api->xPhraseFirst (fts, i, &iter, &column, &offset) != SQLITE_OK)
        continue;
      while (column >= 0 && n++ < RANK_MAX_HITS)
        {
          rank->freq[i] += column < n_values ? sqlite3_value_double (values[column]) : 1.0;
          api->xPhraseNext (fts, &iter, &column, &offset);
        }
    }
  for (int i = 0; i < rank->n_phrases; i++)
    score += rank->idf[i] * rank->freq[i] * (RANK_K1 + 1.0) / (rank->freq[i] + RANK_K1);

  /* FTS5 sorts ascending: better matches are more negative, as with bm25(). */
  sqlite3_result_double (context, -score);
}

/* Snippets: sanasto_snippet(fts, column, n_tokens) is the text around the first match in
 * column, n_tokens tokens long, each match between U+0002 and U+0003, "…" where the text was
 * cut. FTS5's snippet() tokenizes the whole column of every row it returns to choose the best
 * fragment: 50 rows of 6 KB were most of what a query of a rare word cost. This tokenizes up to
 * the end of the fragment around the first match, usually near the start. */
#define SNIPPET_MAX_MATCHES 64

typedef struct
{
  const char *text;
  int         start;        /* first token of the fragment */
  int         end;          /* one past its last token */
  int        *matches;      /* matching token offsets, sorted */
  int         n_matches;
  int         token;        /* index of the token at hand */
  int         written;      /* bytes of text copied so far */
  gboolean    cut;          /* tokens left after the fragment */
  GString    *out;
} Snippet;

static int
snippet_token_cb (void       *data,
                  int         flags,
                  const char *token,
                  int         n_token,
                  int         start,
                  int         end)
{
  Snippet *snippet = data;
  int index;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  index = snippet->token++;
  if (index < snippet->start)
    {
      snippet->written = end;
      return SQLITE_OK;
    }
  if (index >= snippet->end)
    {
      snippet->cut = TRUE;
      return SQLITE_DONE;
    }
  if (index == snippet->start)
    snippet->written = start;

  for (int i = 0; i < snippet->n_matches; i++)
    if (snippet->matches[i] == index)
      {
        g_string_append_len (snippet->out, snippet->text + snippet->written,
                             start - snippet->written);
        g_string_append_c (snippet->out, '\x02');
        g_string_append_len (snippet->out, snippet->text + start, end - start);
        g_string_append_c (snippet->out, '\x03');
        snippet->written = end;
        return SQLITE_OK;
      }

  g_string_append_len (snippet->out, snippet->text + snippet->written, end - snippet->written);
  snippet->written = end;
  return SQLITE_OK;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *)a - *(const int *)b;
}

static void
snippet_function (const Fts5ExtensionApi *api,
                  Fts5Context            *fts,
                  sqlite3_context        *context,
                  int                     n_values,
                  sqlite3_value         **values)
{
  int matches[SNIPPET_MAX_MATCHES];
  Snippet snippet = { NULL, 0, 0, matches, 0, 0, 0, FALSE, NULL };
  int column, n_tokens, n_text = 0, first = -1;
  const char *text = NULL;

  if (n_values != 2)
    {
      sqlite3_result_error (context, "sanasto_snippet: two arguments", -1);
      return;
    }
  column = sqlite3_value_int (values[0]);
  n_tokens = MAX (sqlite3_value_int (values[1]), 1);

  if (api->xColumnText (fts, column, &text, &n_text) != SQLITE_OK || text == NULL)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }

  /* Where each phrase occurs in the column: tokens from offset to offset + size. */
  for (int i = 0; i < api->xPhraseCount (fts); i++)
    {
      Fts5PhraseIter iter;
      int phrase_column, offset;
      int size = api->xPhraseSize (fts, i);

      if (api->xPhraseFirst (fts, i, &iter, &phrase_column, &offset) != SQLITE_OK)
        continue;
      for (; phrase_column >= 0; api->xPhraseNext (fts, &iter, &phrase_column, &offset))
        {
          if (phrase_column != column)
            continue;
          if (first < 0 || offset < first)
            first = offset;
          for (int t = 0; t < size && snippet.n_matches < SNIPPET_MAX_MATCHES; t++)
            matches[snippet.n_matches++] = offset + t;
          if (offset > first + n_tokens || snippet.n_matches >= SNIPPET_MAX_MATCHES)
            break;
        }
    }
  qsort (matches, snippet.n_matches, sizeof (int), compare_ints);

  /* A little of what comes before the first match, then the rest of the fragment. */
  snippet.text = text;
  snippet.start = first > 2 ? first - 2 : 0;
  snippet.end = snippet.start + n_tokens;
  snippet.out = g_string_sized_new (128);
  if (snippet.start > 0)
    g_string_append (snippet.out, "…");
  api->xTokenize (fts, text, n_text, &snippet, snippet_token_cb);
  if (snippet.cut)
    g_string_append (snippet.out, "…");

  sqlite3_result_text (context, snippet.out->str, snippet.out->len, g_free);
  g_string_free (snippet.out, FALSE);
}

/* The fts5_api of a connection, to register auxiliary functions. */
static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

/* Stops a query whose caller has given up on it (a newer search as the user types). */
static int
query_interrupt_cb (gpointer user_data)
{
  SanastoIndex *self = user_data;

  return self->query_cancellable != NULL && g_cancellable_is_cancelled (self->query_cancellable);
}

static gboolean
open_reader (SanastoIndex  *self,
             const char    *path,
             GError       **error)
{
  fts5_api *api;
  int rc;

  rc = sqlite3_open_v2 (path, &self->reader, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    return set_db_error (self->reader, rc, error);
  sqlite3_busy_timeout (self->reader, 2000);
  sqlite3_progress_handler (self->reader, 2000, query_interrupt_cb, self);
  /* Common words have long doclists: reading them through the page cache of the process
   * copies every page, mapping the file does not. */
  sqlite3_exec (self->reader, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);

  /* Ranked by the fts table alone: joined with another table, bm25() would see one row at a
   * time and weigh rare and common words alike. */
  api = get_fts5_api (self->reader);
  if (api == NULL ||
      api->xCreateFunction (api, "sanasto_rank", NULL, rank_function, NULL) != SQLITE_OK ||
      api->xCreateFunction (api, "sanasto_snippet", NULL, snippet_function, NULL) != SQLITE_OK)
    return set_db_error (self->reader, SQLITE_ERROR, error);

  /* With ORDER BY rank and a LIMIT, FTS5 ranks every match but runs snippet() only for the
   * rows it returns; a second query per row would look the words up again each time. */
  return db_prepare (self->reader,
                     "SELECT rowid, sanasto_snippet(fts, 3, 12) FROM fts"
                     " WHERE fts MATCH ?1 AND rank MATCH 'sanasto_rank(10.0, 5.0, 2.0, 1.0)'"
                     " ORDER BY rank LIMIT ?2",
                     &self->fts_stmt, error) &&
         db_prepare (self->reader,
                     "SELECT rowid, sanasto_snippet(fts, 3, 12) FROM fts"
                     " WHERE fts MATCH ?1 LIMIT ?2",
                     &self->fts_unranked_stmt, error) &&
         db_prepare (self->reader,
                     "SELECT rowid FROM fts"
                     " WHERE fts MATCH ?1 AND rank MATCH 'sanasto_rank(10.0, 5.0, 2.0, 1.0)'"
                     " ORDER BY rank LIMIT ?2",
                     &self->fts_head_stmt, error) &&
         db_prepare (self->reader,
                     "SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ?1"
                     " LIMIT " G_STRINGIFY (RANK_ALL_LIMIT) ")",
                     &self->count_stmt, error) &&
         db_prepare (self->reader,
                     "SELECT substr(body, 1, " G_STRINGIFY (LEAD_LENGTH) ") FROM fts"
                     " WHERE rowid = (SELECT id FROM entries WHERE path = ?1)",
                     &self->lead_stmt, error) &&
         db_prepare (self->reader, "SELECT id, path FROM entries", &self->ids_stmt, error) &&
         db_prepare (self->reader,
                     "SELECT entries.path, links.target, links.anchor, links.line, links.context"
                     " FROM links JOIN entries ON entries.id = links.source"
                     " WHERE links.resolved = ?1 AND entries.path <> ?1"
                     " ORDER BY links.source, links.line",
                     &self->backlinks_stmt, error) &&
         db_prepare (self->reader,
                     "SELECT entries.path, links.target, links.anchor, links.line, links.context"
                     " FROM links JOIN entries ON entries.id = links.source"
                     " WHERE links.kind = ?1 ORDER BY links.id",
                     &self->unresolved_stmt, error);
}

static gboolean
map_ids (SanastoIndex  *self,
         GError       **error)
{
  int rc;

  /* sync_once() fills it when nothing changed: it read every id already. */
  if (self->entries_by_id != NULL)
    return TRUE;
  self->entries_by_id = g_hash_table_new (NULL, NULL);

  while ((rc = sqlite3_step (self->ids_stmt)) == SQLITE_ROW)
    {
      const char *path = (const char *)sqlite3_column_text (self->ids_stmt, 1);
      SanastoEntry *entry = g_hash_table_lookup (self->entries_by_path, path);
      if (entry == NULL)
        continue;

      g_hash_table_insert (self->entries_by_id,
                           GSIZE_TO_POINTER ((gsize)sqlite3_column_int64 (self->ids_stmt, 0)),
                           entry);
    }
  sqlite3_reset (self->ids_stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self->reader, rc, error);

  return TRUE;
}

static void
title_key_clear (gpointer data)
{
  TitleKey *key = data;

  g_free (key->title);
  g_strfreev (key->aliases);
}

static void
build_memory_indexes (SanastoIndex *self)
{
  GListModel *model = G_LIST_MODEL (self->glossary);
  guint n = g_list_model_get_n_items (model);

  /* A failed open may be tried again. */
  g_clear_pointer (&self->entries_by_path, g_hash_table_unref);
  g_clear_pointer (&self->entries_by_id, g_hash_table_unref);
  g_clear_pointer (&self->title_keys, g_array_unref);

  self->entries_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      SanastoEntry *entry = g_list_model_get_item (model, i);

      /* The table holds the reference g_list_model_get_item() gave. */
      g_hash_table_insert (self->entries_by_path, (char *)sanasto_entry_get_path (entry), entry);
    }
}

/* Folded titles for title search. Built after the database is brought up to date, whose
 * temporary tables are freed by then: a lower peak of memory. */
static void
build_title_keys (SanastoIndex *self)
{
  GListModel *model = G_LIST_MODEL (self->glossary);
  guint n = g_list_model_get_n_items (model);

  self->title_keys = g_array_sized_new (FALSE, TRUE, sizeof (TitleKey), n);
  g_array_set_clear_func (self->title_keys, title_key_clear);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (model, i);
      const char * const *aliases = sanasto_entry_get_aliases (entry);
      guint n_aliases = g_strv_length ((char **)aliases);
      TitleKey key;

      key.entry = entry;
      key.title = fold_text (sanasto_entry_get_title (entry));
      key.title_chars = g_utf8_strlen (key.title, -1);
      /* Most entries have no alias: no array for them. */
      key.aliases = n_aliases > 0 ? g_new0 (char *, n_aliases + 1) : NULL;
      for (guint j = 0; j < n_aliases; j++)
        key.aliases[j] = fold_text (aliases[j]);
      g_array_append_val (self->title_keys, key);
    }
}

static gboolean
sync_once (SanastoIndex  *self,
           const char    *path,
           GMainContext  *context,
           GCancellable  *cancellable,
           GError       **error)
{
  Writer w = { self, context, cancellable, NULL, };
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GArray) stored_rows = NULL;
  GStringChunk *stored_paths = NULL;
  g_autoptr(GArray) known_ids = NULL;
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GArray) removed = NULL;
  g_autofree char *links_state = NULL;
  const char *root = sanasto_glossary_get_root (self->glossary);
  GListModel *model = G_LIST_MODEL (self->glossary);
  guint n = g_list_model_get_n_items (model);
  gboolean created;
  gboolean resolve_links;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!writer_open (&w, path, &created, error))
    goto fail;

  w.racy_before = g_get_real_time () - RACY_MARGIN;
  w.problem_paths = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GPtrArray *problems = sanasto_glossary_get_problems (self->glossary);

    for (guint i = 0; i < problems->len; i++)
      g_hash_table_add (w.problem_paths,
                        ((SanastoLoadProblem *)g_ptr_array_index (problems, i))->path);
  }

  /* What the database knows: rows and their paths in two blocks, not 200,000 small ones. */
  stored = g_hash_table_new (g_str_hash, g_str_equal);
  stored_rows = g_array_new (FALSE, FALSE, sizeof (StoredRow));
  stored_paths = g_string_chunk_new (64 * 1024);
  if (!db_prepare (w.db, "SELECT id, path, mtime, size FROM entries", &stmt, error))
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredRow row = { 0, };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.mtime = sqlite3_column_int64 (stmt, 2);
      row.size = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (stored_rows, row);
      /* The value is the row's position + 1: the array moves as it grows. */
      g_hash_table_insert (stored,
                           g_string_chunk_insert (stored_paths,
                                                  (const char *)sqlite3_column_text (stmt, 1)),
                           GUINT_TO_POINTER (stored_rows->len));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      set_db_error (w.db, rc, error);
      goto fail;
    }

  if (!db_query_text (w.db, "SELECT value FROM meta WHERE key = 'links'", &links_state, error))
    goto fail;

  /* What the folder holds now. */
  pending = g_array_new (FALSE, FALSE, sizeof (PendingFile));
  known_ids = g_array_sized_new (FALSE, FALSE, sizeof (KnownId), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (model, i);
      const char *entry_path = sanasto_entry_get_path (entry);
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (stored, entry_path));
      StoredRow *row = position > 0 ? &g_array_index (stored_rows, StoredRow, position - 1) : NULL;
      PendingFile file = { entry, 0, 0, 0 };

      /* The loader saw the file's time and size before reading it: the same stamp here. */
      if (!_sanasto_entry_get_stamp (entry, &file.mtime, &file.size) &&
          !stat_file (root, entry_path, &file.mtime, &file.size))
        continue;

      if (row != NULL)
        {
          row->seen = TRUE;
          if (row->mtime == file.mtime && row->size == file.size)
            {
              KnownId known = { row->id, entry };

              g_array_append_val (known_ids, known);
              continue;
            }
          file.old_id = row->id;
        }
      g_array_append_val (pending, file);
    }

  removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < stored_rows->len; i++)
    {
      StoredRow *row = &g_array_index (stored_rows, StoredRow, i);

      if (!row->seen)
        g_array_append_val (removed, row->id);
    }

  /* Links written now are resolved against the whole glossary; only the links of articles
   * that were already there can be stale. */
  resolve_links = g_strcmp0 (links_state, "stale") == 0 ||
                  (g_hash_table_size (stored) > 0 && (pending->len > 0 || removed->len > 0));

  g_debug ("Index %s: %u stored, %u to read, %u removed", path,
           g_hash_table_size (stored), pending->len, removed->len);

  report_progress (&w, 0, pending->len);

  /* Building merges full-text segments: a large page cache keeps that in memory. Only then,
   * for the diff above reads every row and would keep them all. */
  if (pending->len > 0 && !db_exec (w.db, "PRAGMA cache_size = -65536", error))
    goto fail;
  if (!db_exec (w.db, "BEGIN", error))
    goto fail;
  if (resolve_links &&
      !db_exec (w.db, "INSERT OR REPLACE INTO meta VALUES ('links', 'stale')", error))
    goto fail;

  for (guint i = 0; i < removed->len; i++)
    {
      if (!writer_remove (&w, g_array_index (removed, gint64, i), error))
        goto fail;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          /* Keep what is done: the next open goes on from there. */
          if (!db_exec (w.db, "COMMIT", error))
            goto fail;
          g_cancellable_set_error_if_cancelled (cancellable, error);
          goto fail;
        }

      if (!writer_index_file (&w, &g_array_index (pending, PendingFile, i), error))
        goto fail;
      self->files_read++;

      if ((i + 1) % BATCH_SIZE == 0)
        {
          if (!db_exec (w.db, "COMMIT", error) || !db_exec (w.db, "BEGIN", error))
            goto fail;
        }
      if ((i + 1) % PROGRESS_STEP == 0 && i + 1 < pending->len)
        report_progress (&w, i + 1, pending->len);
    }

  if (!db_exec (w.db, "COMMIT", error))
    goto fail;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  if (resolve_links)
    {
      if (!db_exec (w.db, "BEGIN", error) ||
          !writer_resolve_all_links (&w, error) ||
          !db_exec (w.db, "INSERT OR REPLACE INTO meta VALUES ('links', 'ok')", error) ||
          !db_exec (w.db, "COMMIT", error))
        goto fail;
    }

  if (pending->len > 0 || removed->len > 0)
    db_exec (w.db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  report_progress (&w, pending->len, pending->len);
  self->was_rebuilt = created;
  writer_clear (&w);
  g_string_chunk_free (stored_paths);

  /* Nothing changed: every id is known, no need to read them again. */
  if (pending->len == 0 && removed->len == 0)
    {
      g_clear_pointer (&self->entries_by_id, g_hash_table_unref);
      self->entries_by_id = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < known_ids->len; i++)
        {
          KnownId *known = &g_array_index (known_ids, KnownId, i);

          g_hash_table_insert (self->entries_by_id, GSIZE_TO_POINTER ((gsize)known->id),
                               known->entry);
        }
    }
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&stored_paths, g_string_chunk_free);
  if (w.db != NULL && !sqlite3_get_autocommit (w.db))
    sqlite3_exec (w.db, "ROLLBACK", NULL, NULL, NULL);
  writer_clear (&w);
  return FALSE;
}

/* Where to keep the index when the user's cache cannot hold it (a read-only home): a folder
 * of our own that goes away with the object. */
static char *
temporary_database_path (SanastoIndex  *self,
                         GError       **error)
{
  g_clear_pointer (&self->temp_dir, g_free);
  self->temp_dir = g_dir_make_tmp ("sanasto-index-XXXXXX", error);
  if (self->temp_dir == NULL)
    return NULL;

  return g_build_filename (self->temp_dir, "index.db", NULL);
}

static gboolean
index_sync (SanastoIndex  *self,
            GMainContext  *context,
            GCancellable  *cancellable,
            GError       **error)
{
  const char *root = sanasto_glossary_get_root (self->glossary);
  g_autofree char *path = sanasto_index_get_database_path (root);
  g_autofree char *dir = g_path_get_dirname (path);
  guint attempt = 0;

  g_autoptr(GError) lock_error = NULL;
  int lock_fd = -1;

  build_memory_indexes (self);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("Cannot create %s: %s", dir, g_strerror (errno));
      attempt = 2;
    }
  else if ((lock_fd = lock_database (path, cancellable, &lock_error)) < 0)
    {
      if (g_error_matches (lock_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&lock_error));
          return FALSE;
        }
      g_debug ("%s", lock_error->message);
      attempt = 2;
    }

  for (;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (attempt == 2)
        {
          /* A folder of our own needs no lock. */
          if (lock_fd >= 0)
            close (lock_fd);
          lock_fd = -1;
          g_free (path);
          path = temporary_database_path (self, error);
          if (path == NULL)
            return FALSE;
        }

      self->files_read = 0;
      if (sync_once (self, path, context, cancellable, &local_error))
        break;

      if (attempt >= 2 || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (lock_fd >= 0)
            close (lock_fd);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* It is only a cache: whatever went wrong, a fresh one is the answer; and if even that
       * fails, one outside the cache. */
      g_debug ("Rebuilding %s: %s", path, local_error->message);
      delete_database (path);
    }

  remember_database (path);
  if (lock_fd >= 0)
    close (lock_fd);
  g_free (self->db_path);
  self->db_path = g_strdup (path);

  build_title_keys (self);
  if (!open_reader (self, path, error) || !map_ids (self, error))
    return FALSE;

  g_atomic_int_set (&self->ready, TRUE);
  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SanastoIndex *self = source_object;
  GError *error = NULL;

  if (index_sync (self, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Searching */

typedef struct
{
  TitleKey           *key;
  SanastoSearchMatch  match;
  gboolean            via_alias;
} TitleHit;

static SanastoSearchMatch
match_title (const char *title,
             const char *query)
{
  const char *p;
  SanastoSearchMatch best = SANASTO_SEARCH_MATCH_FULL_TEXT;

  if (strcmp (title, query) == 0)
    return SANASTO_SEARCH_MATCH_EXACT;
  if (g_str_has_prefix (title, query))
    return SANASTO_SEARCH_MATCH_PREFIX;

  for (p = strstr (title, query); p != NULL; p = strstr (p + 1, query))
    {
      const char *before = g_utf8_find_prev_char (title, p);

      if (before != NULL && !g_unichar_isalnum (g_utf8_get_char (before)))
        return SANASTO_SEARCH_MATCH_WORD_PREFIX;
      best = SANASTO_SEARCH_MATCH_SUBSTRING;
    }

  return best;
}

static int
compare_title_hits (gconstpointer a,
                    gconstpointer b)
{
  const TitleHit *ha = a;
  const TitleHit *hb = b;

  if (ha->match != hb->match)
    return ha->match < hb->match ? -1 : 1;
  if (ha->via_alias != hb->via_alias)
    return ha->via_alias ? 1 : -1;
  if (ha->key->title_chars != hb->key->title_chars)
    return ha->key->title_chars < hb->key->title_chars ? -1 : 1;
  return strcmp (sanasto_entry_get_sort_key (ha->key->entry),
                 sanasto_entry_get_sort_key (hb->key->entry));
}

/* The typed text as a title would read: no query syntax, spaces collapsed, folded. */
static char *
title_query (const char *text)
{
  g_autoptr(GString) bare = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '*')
        continue;
      if (g_ascii_isspace (*p))
        {
          space = bare->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (bare, ' ');
      g_string_append_c (bare, *p);
      space = FALSE;
    }

  if (!has_word_char (bare->str, bare->len))
    return NULL;

  return fold_text (bare->str);
}

static char *
lead_text (SanastoIndex *self,
           SanastoEntry *entry)
{
  const char *description = sanasto_entry_get_description (entry);
  g_autofree char *lead = NULL;
  char *newline;

  if (description[0] != '\0')
    {
      g_autofree char *copy = g_strdup (description);

      clean_text (copy);
      return g_steal_pointer (&copy);
    }

  bind_text (self->lead_stmt, 1, sanasto_entry_get_path (entry));
  if (sqlite3_step (self->lead_stmt) == SQLITE_ROW)
    lead = g_utf8_make_valid ((const char *)sqlite3_column_text (self->lead_stmt, 0), -1);
  sqlite3_reset (self->lead_stmt);
  sqlite3_clear_bindings (self->lead_stmt);

  if (lead == NULL)
    return g_strdup ("");

  /* substr() may have cut a word; the first block is enough. */
  newline = strchr (lead, '\n');
  if (newline != NULL)
    *newline = '\0';
  else if (g_utf8_strlen (lead, -1) >= LEAD_LENGTH)
    {
      char *space = strrchr (lead, ' ');

      if (space != NULL)
        {
          *space = '\0';
          return g_strconcat (lead, "…", NULL);
        }
    }

  return g_steal_pointer (&lead);
}

static void
add_title_hits (SanastoIndex *self,
                GPtrArray    *hits,
                GHashTable   *seen,
                const char   *query,
                const char   *language,
                guint         limit)
{
  g_autofree char *folded = title_query (query);
  g_autoptr(GArray) found = NULL;

  if (folded == NULL)
    return;

  found = g_array_new (FALSE, FALSE, sizeof (TitleHit));
  for (guint i = 0; i < self->title_keys->len; i++)
    {
      TitleKey *key = &g_array_index (self->title_keys, TitleKey, i);
      TitleHit hit = { key, SANASTO_SEARCH_MATCH_FULL_TEXT, FALSE };

      if (language != NULL && strcmp (sanasto_entry_get_language (key->entry), language) != 0)
        continue;

      hit.match = match_title (key->title, folded);
      for (guint j = 0; key->aliases != NULL && key->aliases[j] != NULL; j++)
        {
          SanastoSearchMatch alias_match = match_title (key->aliases[j], folded);

          if (alias_match < hit.match)
            {
              hit.match = alias_match;
              hit.via_alias = TRUE;
            }
        }

      if (hit.match != SANASTO_SEARCH_MATCH_FULL_TEXT)
        g_array_append_val (found, hit);
    }

  g_array_sort (found, compare_title_hits);

  for (guint i = 0; i < found->len && (limit == 0 || hits->len < limit); i++)
    {
      TitleHit *hit = &g_array_index (found, TitleHit, i);
      g_autofree char *lead = lead_text (self, hit->key->entry);

      g_ptr_array_add (hits, sanasto_search_hit_new (hit->key->entry, hit->match,
                                                     hit->via_alias, lead));
      g_hash_table_add (seen, hit->key->entry);
    }
}

/* Adds the rows of a full-text statement (rowid, snippet; or only rowid, then the hit shows
 * the article's lead, as a title match does) until wanted hits were added. */
static void
add_fts_rows (SanastoIndex *self,
              sqlite3_stmt *stmt,
              const char   *fts_query,
              gint64        row_limit,
              GPtrArray    *hits,
              GHashTable   *seen,
              const char   *language,
              guint        *found,
              guint         wanted)
{
  int rc = SQLITE_DONE;

  bind_text (stmt, 1, fts_query);
  sqlite3_bind_int64 (stmt, 2, row_limit);
  while (*found < wanted && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      SanastoEntry *entry = g_hash_table_lookup (self->entries_by_id,
                                                 GSIZE_TO_POINTER ((gsize)id));
      g_autofree char *snippet = NULL;

      if (entry == NULL || g_hash_table_contains (seen, entry))
        continue;
      if (language != NULL && strcmp (sanasto_entry_get_language (entry), language) != 0)
        continue;

      if (sqlite3_column_count (stmt) > 1)
        snippet = g_utf8_make_valid ((const char *)sqlite3_column_text (stmt, 1), -1);
      else
        snippet = lead_text (self, entry);
      g_hash_table_add (seen, entry);
      g_ptr_array_add (hits, sanasto_search_hit_new (entry, SANASTO_SEARCH_MATCH_FULL_TEXT,
                                                     FALSE, snippet));
      (*found)++;
    }
  if (*found < wanted && rc != SQLITE_DONE)
    {
      g_debug ("Search for %s failed: %s", fts_query, sqlite3_errmsg (self->reader));
      if ((rc & 0xff) == SQLITE_CORRUPT)
        forget_database (self->db_path);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Whether at least RANK_ALL_LIMIT articles match: counting stops there, so it is cheap. */
static gboolean
matches_many (SanastoIndex *self,
              const char   *fts_query)
{
  gboolean many = FALSE;

  bind_text (self->count_stmt, 1, fts_query);
  if (sqlite3_step (self->count_stmt) == SQLITE_ROW)
    many = sqlite3_column_int64 (self->count_stmt, 0) >= RANK_ALL_LIMIT;
  sqlite3_reset (self->count_stmt);
  sqlite3_clear_bindings (self->count_stmt);

  return many;
}

static void
add_full_text_hits (SanastoIndex *self,
                    GPtrArray    *hits,
                    GHashTable   *seen,
                    const char   *query,
                    const char   *language,
                    guint         limit)
{
  g_autofree char *fts_query = sanasto_index_build_fts_query (query);
  guint found = 0;
  guint wanted = limit == 0 ? G_MAXUINT : limit - MIN (limit, hits->len);
  /* The language is filtered here, so then the whole ranked list may be needed. */
  gint64 row_limit = limit == 0 || language != NULL ? -1 : (gint64)limit + hits->len;

  if (fts_query == NULL || wanted == 0)
    return;

  /* Words that are in thousands of articles ("the", "system"): ranking every match costs
   * 10-20 ms at 14,000 articles, more than typing allows, and tells little, as such words
   * are everywhere. The matches in titles, aliases and keywords come first, ranked, showing
   * the article's lead as title matches do; then the others in glossary order, which FTS5
   * gives without ranking, stopping at the limit. */
  if (matches_many (self, fts_query))
    {
      g_autofree char *head_query = g_strdup_printf ("{title aliases keywords} : (%s)",
                                                     fts_query);

      add_fts_rows (self, self->fts_head_stmt, head_query, row_limit, hits, seen, language,
                    &found, wanted);
      if (found < wanted && !g_cancellable_is_cancelled (self->query_cancellable))
        add_fts_rows (self, self->fts_unranked_stmt, fts_query,
                      row_limit < 0 ? -1 : row_limit + found, hits, seen, language, &found,
                      wanted);
      return;
    }

  add_fts_rows (self, self->fts_stmt, fts_query, row_limit, hits, seen, language, &found, wanted);
}

static GPtrArray *
collect_link_hits (SanastoIndex *self,
                   sqlite3_stmt *stmt,
                   gboolean      one_per_source)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sources = g_hash_table_new (NULL, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *path = (const char *)sqlite3_column_text (stmt, 0);
      SanastoEntry *source = g_hash_table_lookup (self->entries_by_path, path);

      if (source == NULL)
        continue;
      if (one_per_source && !g_hash_table_add (sources, source))
        continue;

      g_ptr_array_add (hits,
                       sanasto_search_hit_new_link (source,
                                                    (const char *)sqlite3_column_text (stmt, 1),
                                                    (const char *)sqlite3_column_text (stmt, 2),
                                                    sqlite3_column_int (stmt, 3),
                                                    (const char *)sqlite3_column_text (stmt, 4)));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return hits;
}

static int
compare_backlinks (gconstpointer a,
                   gconstpointer b)
{
  SanastoEntry *ea = sanasto_search_hit_get_entry (*(SanastoSearchHit **)a);
  SanastoEntry *eb = sanasto_search_hit_get_entry (*(SanastoSearchHit **)b);

  return strcmp (sanasto_entry_get_sort_key (ea), sanasto_entry_get_sort_key (eb));
}

static int
compare_unresolved (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  SanastoGlossary *glossary = user_data;
  SanastoSearchHit *ha = *(SanastoSearchHit **)a;
  SanastoSearchHit *hb = *(SanastoSearchHit **)b;
  guint pa = sanasto_glossary_get_position (glossary, sanasto_search_hit_get_entry (ha));
  guint pb = sanasto_glossary_get_position (glossary, sanasto_search_hit_get_entry (hb));

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return sanasto_search_hit_get_line (ha) - sanasto_search_hit_get_line (hb);
}

static GPtrArray *
search_locked (SanastoIndex *self,
               const char   *query,
               const char   *language,
               guint         limit,
               GCancellable *cancellable)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *text = NULL;

  if (query == NULL || !g_atomic_int_get (&self->ready))
    return hits;

  text = g_utf8_make_valid (query, -1);
  seen = g_hash_table_new (NULL, NULL);

  g_mutex_lock (&self->reader_lock);
  self->query_cancellable = cancellable;
  add_title_hits (self, hits, seen, text, language, limit);
  if ((limit == 0 || hits->len < limit) && !g_cancellable_is_cancelled (cancellable))
    add_full_text_hits (self, hits, seen, text, language, limit);
  self->query_cancellable = NULL;
  g_mutex_unlock (&self->reader_lock);

  return hits;
}

typedef struct
{
  char  *query;
  char  *language;
  guint  limit;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  g_free (search->query);
  g_free (search->language);
  g_free (search);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *search = task_data;
  g_autoptr(GPtrArray) hits = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  hits = search_locked (source_object, search->query, search->language, search->limit,
                        cancellable);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&hits), (GDestroyNotify)g_ptr_array_unref);
}

typedef struct
{
  char     *text;
  gboolean  prefix;
} QueryTerm;

static void
query_term_clear (gpointer data)
{
  QueryTerm *term = data;

  g_free (term->text);
}

/* GObject */

static void
sanasto_index_finalize (GObject *object)
{
  SanastoIndex *self = (SanastoIndex *)object;

  g_clear_pointer (&self->fts_stmt, sqlite3_finalize);
  g_clear_pointer (&self->fts_unranked_stmt, sqlite3_finalize);
  g_clear_pointer (&self->fts_head_stmt, sqlite3_finalize);
  g_clear_pointer (&self->count_stmt, sqlite3_finalize);
  g_clear_pointer (&self->lead_stmt, sqlite3_finalize);
  g_clear_pointer (&self->backlinks_stmt, sqlite3_finalize);
  g_clear_pointer (&self->unresolved_stmt, sqlite3_finalize);
  g_clear_pointer (&self->ids_stmt, sqlite3_finalize);
  g_clear_pointer (&self->reader, sqlite3_close);
  g_mutex_clear (&self->reader_lock);
  g_clear_pointer (&self->entries_by_path, g_hash_table_unref);
  g_clear_pointer (&self->entries_by_id, g_hash_table_unref);
  g_clear_pointer (&self->title_keys, g_array_unref);
  g_clear_object (&self->glossary);
  g_clear_pointer (&self->db_path, g_free);

  if (self->temp_dir != NULL)
    {
      g_autofree char *path = g_build_filename (self->temp_dir, "index.db", NULL);

      delete_database (path);
      g_rmdir (self->temp_dir);
      g_clear_pointer (&self->temp_dir, g_free);
    }

  G_OBJECT_CLASS (sanasto_index_parent_class)->finalize (object);
}

static void
sanasto_index_class_init (SanastoIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sanasto_index_finalize;

  /* (guint done, guint total): files read so far out of the files to read. */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
sanasto_index_init (SanastoIndex *self)
{
  g_mutex_init (&self->reader_lock);
}

/* Public API */

SanastoIndex *
sanasto_index_new (SanastoGlossary *glossary)
{
  SanastoIndex *self;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (glossary), NULL);

  self = g_object_new (SANASTO_TYPE_INDEX, NULL);
  self->glossary = g_object_ref (glossary);

  return self;
}

void
sanasto_index_open_async (SanastoIndex        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SANASTO_IS_INDEX (self));
  g_return_if_fail (!self->opening && !g_atomic_int_get (&self->ready));

  self->opening = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sanasto_index_open_async);
  g_task_set_task_data (task, g_main_context_ref_thread_default (),
                        (GDestroyNotify)g_main_context_unref);
  g_task_run_in_thread (task, open_thread);
}

gboolean
sanasto_index_open_finish (SanastoIndex  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (SANASTO_IS_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->opening = FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
sanasto_index_open (SanastoIndex  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (SANASTO_IS_INDEX (self), FALSE);
  g_return_val_if_fail (!self->opening && !g_atomic_int_get (&self->ready), FALSE);

  self->opening = TRUE;
  ok = index_sync (self, NULL, cancellable, error);
  self->opening = FALSE;

  return ok;
}

SanastoGlossary *
sanasto_index_get_glossary (SanastoIndex *self)
{
  g_return_val_if_fail (SANASTO_IS_INDEX (self), NULL);

  return self->glossary;
}

gboolean
sanasto_index_is_ready (SanastoIndex *self)
{
  g_return_val_if_fail (SANASTO_IS_INDEX (self), FALSE);

  return g_atomic_int_get (&self->ready);
}

char *
sanasto_index_get_database_path (const char *root)
{
  g_autofree char *checksum = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, root, -1);
  name = g_strconcat (checksum, ".db", NULL);

  return g_build_filename (g_get_user_cache_dir (), "sanasto", name, NULL);
}

/* Loading the glossary from the index */

typedef struct
{
  gint64        mtime;
  gint64        size;
  SanastoEntry *entry;
} CachedEntry;

static void
cached_entry_clear (gpointer data)
{
  g_clear_object (&((CachedEntry *)data)->entry);
}

/* The entries as the index has them, built while the loader walks the folder (one copy of
 * each string, in the entry: at 100,000 articles a second copy was 30 MB more at the peak). */
typedef struct
{
  GHashTable   *rows;     /* path (the entry's) -> position in items + 1 */
  GArray       *items;    /* CachedEntry */
  char         *db_path;
  /* Filled in a thread while the loader walks the folder; the loader waits for it. */
  GMutex        lock;
  GCond         cond;
  int           ready;    /* atomic */
} EntryCache;

static void
entry_cache_free_entries (EntryCache *cache)
{
  g_clear_pointer (&cache->rows, g_hash_table_unref);
  g_clear_pointer (&cache->items, g_array_unref);
}

static void
entry_cache_clear (EntryCache *cache)
{
  entry_cache_free_entries (cache);
  g_clear_pointer (&cache->db_path, g_free);
  g_mutex_clear (&cache->lock);
  g_cond_clear (&cache->cond);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Splits a U+001F-separated list into vector, at most max items; returns the count. */
static guint
split_list (char        *list,
            const char **vector,
            guint        max)
{
  guint n = 0;

  if (*list == '\0')
    return 0;
  while (n < max)
    {
      char *separator = strchr (list, '\x1f');

      vector[n++] = list;
      if (separator == NULL)
        break;
      *separator = '\0';
      list = separator + 1;
    }
  return n;
}

static void
set_list (SanastoEntry *entry,
          const char   *list,
          gboolean      aliases)
{
  /* Most lists are a few short words: no allocation for those. */
  char small_copy[512];
  const char *small_vector[32];
  g_autofree char *copy = NULL;
  g_autofree const char **vector = NULL;
  char *items;
  const char **items_vector;
  gsize length, max;
  guint n;

  if (*list == '\0')
    return;
  length = strlen (list);
  /* Items are never empty, so there are at most half as many as bytes, and one. */
  max = length / 2 + 1;
  if (length < sizeof small_copy && max < G_N_ELEMENTS (small_vector))
    {
      items = memcpy (small_copy, list, length + 1);
      items_vector = small_vector;
    }
  else
    {
      items = copy = g_strdup (list);
      items_vector = vector = g_new (const char *, max + 1);
    }
  n = split_list (items, items_vector, max);
  items_vector[n] = NULL;
  if (aliases)
    sanasto_entry_set_aliases (entry, items_vector);
  else
    sanasto_entry_set_keywords (entry, items_vector);
}

#define ENTRY_COLUMNS \
  "path, mtime, size, language, slug, title, description, keywords, aliases, draft, sort_key"

/* The entry of a row selected with ENTRY_COLUMNS first. */
static SanastoEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  const char *description = column_text (stmt, 6);
  int sort_key_length = sqlite3_column_bytes (stmt, 10);
  SanastoEntry *entry = sanasto_entry_new (column_text (stmt, 0), column_text (stmt, 3),
                                           column_text (stmt, 4), column_text (stmt, 5));

  if (*description != '\0')
    sanasto_entry_set_description (entry, description);
  set_list (entry, column_text (stmt, 7), FALSE);
  set_list (entry, column_text (stmt, 8), TRUE);
  sanasto_entry_set_draft (entry, sqlite3_column_int (stmt, 9));
  /* Computing collation keys was a fifth of a warm load. */
  _sanasto_entry_take_sort_key (entry, g_strndup (sqlite3_column_blob (stmt, 10),
                                                  sort_key_length));
  _sanasto_entry_set_stamp (entry, sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_int64 (stmt, 2));
  return entry;
}

/* Opens the database read-only and prepares "SELECT ENTRY_COLUMNS FROM entries WHERE where",
 * only when the schema is ours. */
static gboolean
prepare_entries_query (const char    *db_path,
                       const char    *where,
                       sqlite3      **db,
                       sqlite3_stmt **stmt)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " ENTRY_COLUMNS " FROM entries WHERE (%s)"
                                          " AND (SELECT user_version FROM pragma_user_version)"
                                          " = " G_STRINGIFY (SCHEMA_VERSION), where);

  *db = NULL;
  *stmt = NULL;
  if (sqlite3_open_v2 (db_path, db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (*db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;

  g_debug ("No entries from %s: %s", db_path, *db != NULL ? sqlite3_errmsg (*db) : "");
  sqlite3_close (*db);
  *db = NULL;
  return FALSE;
}

/* Everything the database knows of the entries; on any error the cache stays empty and every
 * file is read. */
static void
entry_cache_fill (EntryCache *cache)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  if (!prepare_entries_query (cache->db_path, "cacheable", &db, &stmt))
    return;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CachedEntry row;

      row.mtime = sqlite3_column_int64 (stmt, 1);
      row.size = sqlite3_column_int64 (stmt, 2);
      row.entry = entry_from_row (stmt);
      g_array_append_val (cache->items, row);
      g_hash_table_insert (cache->rows, (char *)sanasto_entry_get_path (row.entry),
                           GUINT_TO_POINTER (cache->items->len));
    }
  if (rc != SQLITE_DONE)
    {
      g_debug ("Reading %s: %s", cache->db_path, sqlite3_errmsg (db));
      g_hash_table_remove_all (cache->rows);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A share of the rows, read by one thread with its own connection. */
typedef struct
{
  const char    *db_path;
  sqlite3_int64  first_id;
  sqlite3_int64  last_id;
  GPtrArray     *entries;
  gboolean       ok;
} RowRange;

static gpointer
read_row_range_thread (gpointer data)
{
  RowRange *range = data;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;

  /* Only rows as good as the file (see writer_index_file()): these entries are taken again
   * when the folder is read (sanasto_glossary_load_again()). */
  if (!prepare_entries_query (range->db_path, "cacheable AND id BETWEEN ?1 AND ?2", &db, &stmt))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, range->first_id);
  sqlite3_bind_int64 (stmt, 2, range->last_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (range->entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    g_debug ("Reading %s: %s", range->db_path, sqlite3_errmsg (db));
  range->ok = rc == SQLITE_DONE;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

/* The glossary as the index last saw it, the folder not read; NULL when the index has none. */
static SanastoGlossary *
load_from_index (const char  *root,
                 const char  *db_path,
                 GError     **error)
{
  RowRange ranges[2] = { { db_path, 0, 0, NULL, FALSE }, { db_path, 0, 0, NULL, FALSE } };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_int64 first = 0, last = -1;
  GThread *thread;
  GPtrArray *entries;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT min(id), max(id) FROM entries", -1, &stmt, NULL)
      == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
    {
      first = sqlite3_column_int64 (stmt, 0);
      last = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (last < first)
    return NULL;

  /* Half the rows each in two threads: making the entries is most of the work. A second
   * thread pays for its own heap only past a few tens of thousands of rows (measured: the
   * same wall time at 14,000 rows for a third more CPU, 0.59 s instead of 0.85 s at 100,000). */
  ranges[0].first_id = first;
  ranges[0].last_id = first + (last - first) / 2;
  ranges[1].first_id = ranges[0].last_id + 1;
  ranges[1].last_id = last;
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    ranges[i].entries = g_ptr_array_new_with_free_func (g_object_unref);
  thread = last - first >= TWO_THREAD_ROWS ?
           g_thread_try_new ("sanasto-rows", read_row_range_thread, &ranges[1], NULL) : NULL;
  read_row_range_thread (&ranges[0]);
  if (thread != NULL)
    g_thread_join (thread);
  else
    read_row_range_thread (&ranges[1]);

  entries = ranges[0].entries;
  if (ranges[0].ok && ranges[1].ok)
    g_ptr_array_extend_and_steal (entries, g_steal_pointer (&ranges[1].entries));
  g_clear_pointer (&ranges[1].entries, g_ptr_array_unref);
  if (!ranges[0].ok || !ranges[1].ok || entries->len == 0)
    {
      g_ptr_array_unref (entries);
      return NULL;
    }
  return _sanasto_glossary_new_from_entries (root, entries, error);
}

static gpointer
entry_cache_fill_thread (gpointer data)
{
  EntryCache *cache = data;

  entry_cache_fill (cache);

  g_mutex_lock (&cache->lock);
  g_atomic_int_set (&cache->ready, TRUE);
  g_cond_broadcast (&cache->cond);
  g_mutex_unlock (&cache->lock);

  return NULL;
}

static void
entry_cache_wait (EntryCache *cache)
{
  if (g_atomic_int_get (&cache->ready))
    return;
  g_mutex_lock (&cache->lock);
  while (!g_atomic_int_get (&cache->ready))
    g_cond_wait (&cache->cond, &cache->lock);
  g_mutex_unlock (&cache->lock);
}

static SanastoEntry *
entry_from_cache_cb (const char *path,
                     const char *dir_language,
                     gint64      mtime,
                     gint64      size,
                     gpointer    user_data)
{
  EntryCache *cache = user_data;
  const CachedEntry *row;
  guint position;

  entry_cache_wait (cache);

  /* Every article read: what was not taken can go before the loader builds its tables. */
  if (path == NULL)
    {
      entry_cache_free_entries (cache);
      return NULL;
    }

  position = GPOINTER_TO_UINT (g_hash_table_lookup (cache->rows, path));
  if (position == 0)
    return NULL;
  row = &g_array_index (cache->items, CachedEntry, position - 1);
  if (row->mtime != mtime || row->size != size)
    return NULL;
  /* A stray article beside language folders was given the main language after loading: it
   * is read again, so that the loader decides that afresh. */
  if (strcmp (sanasto_entry_get_language (row->entry), dir_language) != 0)
    return NULL;

  return g_object_ref (row->entry);
}

SanastoGlossary *
sanasto_index_load_glossary (const char             *root,
                             SanastoIndexLoadFlags   flags,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autofree char *canonical = NULL;
  EntryCache cache = { NULL, };
  SanastoGlossary *glossary;
  GThread *thread;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The loader reports a folder that cannot be opened. */
  canonical = realpath (root, NULL);
  if (canonical == NULL)
    return sanasto_glossary_load (root, cancellable, error);

  /* Only a database exactly as our last open left it: anything else may be damaged, and the
   * index's own open checks and repairs it. */
  cache.db_path = sanasto_index_get_database_path (canonical);
  if (!g_file_test (cache.db_path, G_FILE_TEST_IS_REGULAR) || !database_unchanged (cache.db_path))
    {
      g_free (cache.db_path);
      return sanasto_glossary_load (canonical, cancellable, error);
    }

  if (flags & SANASTO_INDEX_LOAD_FROM_INDEX)
    {
      g_autoptr(GError) local_error = NULL;

      glossary = load_from_index (canonical, cache.db_path, &local_error);
      if (glossary != NULL || local_error != NULL)
        {
          g_free (cache.db_path);
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return glossary;
        }
    }

  cache.items = g_array_new (FALSE, FALSE, sizeof (CachedEntry));
  g_array_set_clear_func (cache.items, cached_entry_clear);
  cache.rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&cache.lock);
  g_cond_init (&cache.cond);

  /* Reading the rows and walking the folder at the same time: two cores, half the wait. */
  thread = g_thread_try_new ("sanasto-cache", entry_cache_fill_thread, &cache, NULL);
  if (thread == NULL)
    entry_cache_fill_thread (&cache);
  glossary = _sanasto_glossary_load_cached (canonical, entry_from_cache_cb, &cache,
                                            cancellable, error);
  if (thread != NULL)
    g_thread_join (thread);
  entry_cache_clear (&cache);

  return glossary;
}

typedef struct
{
  char                  *root;
  SanastoIndexLoadFlags  flags;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->root);
  g_free (load);
}

static void
load_glossary_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  SanastoGlossary *glossary = sanasto_index_load_glossary (load->root, load->flags, cancellable,
                                                           &error);

  if (glossary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, glossary, g_object_unref);
}

void
sanasto_index_load_glossary_async (const char            *root,
                                   SanastoIndexLoadFlags  flags,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (root != NULL);

  load = g_new0 (LoadData, 1);
  load->root = g_strdup (root);
  load->flags = flags;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sanasto_index_load_glossary_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_glossary_thread);
}

SanastoGlossary *
sanasto_index_load_glossary_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
sanasto_index_get_files_read (SanastoIndex *self)
{
  g_return_val_if_fail (SANASTO_IS_INDEX (self), 0);

  return self->files_read;
}

gboolean
sanasto_index_get_was_rebuilt (SanastoIndex *self)
{
  g_return_val_if_fail (SANASTO_IS_INDEX (self), FALSE);

  return self->was_rebuilt;
}

GPtrArray *
sanasto_index_search (SanastoIndex *self,
                      const char   *query,
                      const char   *language,
                      guint         limit)
{
  g_return_val_if_fail (SANASTO_IS_INDEX (self), NULL);

  return search_locked (self, query, language, limit, NULL);
}

void
sanasto_index_search_async (SanastoIndex        *self,
                            const char          *query,
                            const char          *language,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *search;

  g_return_if_fail (SANASTO_IS_INDEX (self));
  g_return_if_fail (query != NULL);

  search = g_new0 (SearchData, 1);
  search->query = g_strdup (query);
  search->language = g_strdup (language);
  search->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sanasto_index_search_async);
  g_task_set_task_data (task, search, search_data_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
sanasto_index_search_finish (SanastoIndex  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (SANASTO_IS_INDEX (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
sanasto_index_get_backlinks (SanastoIndex *self,
                             SanastoEntry *entry)
{
  GPtrArray *hits;

  g_return_val_if_fail (SANASTO_IS_INDEX (self), NULL);
  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), NULL);

  if (!g_atomic_int_get (&self->ready))
    return g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&self->reader_lock);
  bind_text (self->backlinks_stmt, 1, sanasto_entry_get_path (entry));
  hits = collect_link_hits (self, self->backlinks_stmt, TRUE);
  g_mutex_unlock (&self->reader_lock);
  g_ptr_array_sort (hits, compare_backlinks);

  return hits;
}

GPtrArray *
sanasto_index_get_unresolved_links (SanastoIndex *self)
{
  GPtrArray *hits;

  g_return_val_if_fail (SANASTO_IS_INDEX (self), NULL);

  if (!g_atomic_int_get (&self->ready))
    return g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&self->reader_lock);
  sqlite3_bind_int (self->unresolved_stmt, 1, SANASTO_LINK_UNRESOLVED);
  hits = collect_link_hits (self, self->unresolved_stmt, FALSE);
  g_mutex_unlock (&self->reader_lock);
  g_ptr_array_sort_with_data (hits, compare_unresolved, self->glossary);

  return hits;
}

char *
sanasto_index_build_fts_query (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) terms = NULL;
  g_autoptr(GString) out = NULL;
  const char *p;
  gboolean last_is_bare = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  terms = g_array_new (FALSE, FALSE, sizeof (QueryTerm));
  g_array_set_clear_func (terms, query_term_clear);

  p = valid;
  while (*p != '\0')
    {
      const char *start;
      const char *end;
      QueryTerm term = { NULL, FALSE };

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (*p == '"')
        {
          end = strchr (p + 1, '"');
          if (end == NULL)
            {
              /* An unbalanced quote is dropped; what follows is ordinary words. */
              p++;
              continue;
            }
          start = p + 1;
          p = end + 1;
          term.prefix = *p == '*';
          while (*p == '*')
            p++;
          if (has_word_char (start, end - start))
            {
              term.text = g_strndup (start, end - start);
              g_array_append_val (terms, term);
              last_is_bare = FALSE;
            }
          continue;
        }

      start = p;
      while (*p != '\0' && *p != '"' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      end = p;
      while (end > start && end[-1] == '*')
        {
          end--;
          term.prefix = TRUE;
        }
      if (has_word_char (start, end - start))
        {
          term.text = g_strndup (start, end - start);
          g_array_append_val (terms, term);
          last_is_bare = TRUE;
        }
    }

  if (terms->len == 0)
    return NULL;

  /* As you type, the last word is not finished yet. */
  if (last_is_bare &&
      !g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (valid, valid + strlen (valid)))))
    g_array_index (terms, QueryTerm, terms->len - 1).prefix = TRUE;

  out = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      QueryTerm *term = &g_array_index (terms, QueryTerm, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      for (const char *q = term->text; *q != '\0'; q++)
        {
          if (*q == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *q);
        }
      g_string_append_c (out, '"');
      if (term->prefix)
        g_string_append_c (out, '*');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
