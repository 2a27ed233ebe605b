/* sanasto-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-index.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sanasto-link-resolver.h"
#include "sanasto-markdown.h"

/* Bump whenever the schema or what goes into it changes: old databases are then rebuilt. */
#define SCHEMA_VERSION 2
/* Files written per transaction: large enough to be fast, small enough that a cancel is
 * quick and readers see progress. */
#define BATCH_SIZE 256
#define PROGRESS_STEP 64
/* Longest sentence kept around a link, in bytes, on each side of its text. */
#define CONTEXT_SIDE 140
#define LEAD_LENGTH 160

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
  "  description TEXT NOT NULL,"
  "  keywords TEXT NOT NULL,"
  "  aliases TEXT NOT NULL);"
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
  "INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 1.0)');";

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
  sqlite3_stmt    *snippet_stmt;
  sqlite3_stmt    *lead_stmt;
  sqlite3_stmt    *backlinks_stmt;
  sqlite3_stmt    *unresolved_stmt;
  sqlite3_stmt    *ids_stmt;
  GHashTable      *entries_by_path;  /* path -> SanastoEntry (owned by the glossary) */
  GHashTable      *entries_by_id;    /* gint64 row id -> SanastoEntry, after the open */
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
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = NULL;

  if (decomposed == NULL)
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
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
  g_clear_pointer (&w->db, sqlite3_close);
}

static gboolean
writer_prepare (Writer  *w,
                GError **error)
{
  return db_prepare (w->db,
                     "INSERT INTO entries (mtime, size, language, slug, title, description,"
                     " keywords, aliases, path) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                     &w->insert_entry, error) &&
         db_prepare (w->db,
                     "UPDATE entries SET mtime = ?1, size = ?2, language = ?3, slug = ?4,"
                     " title = ?5, description = ?6, keywords = ?7, aliases = ?8"
                     " WHERE id = ?10",
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
  bind_text (stmt, 6, description);
  bind_text (stmt, 7, keywords);
  bind_text (stmt, 8, aliases);
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

  /* Building the full-text index merges segments; a larger page cache keeps that in memory. */
  return db_exec (w->db, "PRAGMA journal_mode = WAL", error) &&
         db_exec (w->db, "PRAGMA synchronous = NORMAL", error) &&
         db_exec (w->db, "PRAGMA cache_size = -65536", error) &&
         db_exec (w->db, "PRAGMA temp_store = MEMORY", error) &&
         writer_prepare (w, error);
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
  int rc;

  rc = sqlite3_open_v2 (path, &self->reader, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    return set_db_error (self->reader, rc, error);
  sqlite3_busy_timeout (self->reader, 2000);
  sqlite3_progress_handler (self->reader, 2000, query_interrupt_cb, self);

  /* Ranked by the fts table alone: joined with another table, bm25() would see one row at a
   * time and weigh rare and common words alike. */
  return db_prepare (self->reader,
                     "SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT ?2",
                     &self->fts_stmt, error) &&
         db_prepare (self->reader,
                     "SELECT snippet(fts, 3, char(2), char(3), '…', 12) FROM fts"
                     " WHERE fts MATCH ?1 AND rowid = ?2",
                     &self->snippet_stmt, error) &&
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

  g_clear_pointer (&self->entries_by_id, g_hash_table_unref);
  self->entries_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  while ((rc = sqlite3_step (self->ids_stmt)) == SQLITE_ROW)
    {
      const char *path = (const char *)sqlite3_column_text (self->ids_stmt, 1);
      SanastoEntry *entry = g_hash_table_lookup (self->entries_by_path, path);
      gint64 *id;

      if (entry == NULL)
        continue;

      id = g_new (gint64, 1);
      *id = sqlite3_column_int64 (self->ids_stmt, 0);
      g_hash_table_insert (self->entries_by_id, id, entry);
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
  g_clear_pointer (&self->title_keys, g_array_unref);

  self->entries_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->title_keys = g_array_sized_new (FALSE, TRUE, sizeof (TitleKey), n);
  g_array_set_clear_func (self->title_keys, title_key_clear);

  for (guint i = 0; i < n; i++)
    {
      SanastoEntry *entry = g_list_model_get_item (model, i);
      const char * const *aliases = sanasto_entry_get_aliases (entry);
      guint n_aliases = g_strv_length ((char **)aliases);
      TitleKey key;

      key.entry = entry;
      key.title = fold_text (sanasto_entry_get_title (entry));
      key.title_chars = g_utf8_strlen (key.title, -1);
      key.aliases = g_new0 (char *, n_aliases + 1);
      for (guint j = 0; j < n_aliases; j++)
        key.aliases[j] = fold_text (aliases[j]);
      g_array_append_val (self->title_keys, key);

      /* The table holds the reference g_list_model_get_item() gave. */
      g_hash_table_insert (self->entries_by_path, (char *)sanasto_entry_get_path (entry), entry);
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
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GArray) removed = NULL;
  g_autofree char *links_state = NULL;
  const char *root = sanasto_glossary_get_root (self->glossary);
  GListModel *model = G_LIST_MODEL (self->glossary);
  guint n = g_list_model_get_n_items (model);
  gboolean created;
  gboolean resolve_links;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer value;
  int rc;

  if (!writer_open (&w, path, &created, error))
    goto fail;

  /* What the database knows. */
  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!db_prepare (w.db, "SELECT id, path, mtime, size FROM entries", &stmt, error))
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredRow *row = g_new0 (StoredRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->mtime = sqlite3_column_int64 (stmt, 2);
      row->size = sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (stored, g_strdup ((const char *)sqlite3_column_text (stmt, 1)), row);
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
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (model, i);
      const char *entry_path = sanasto_entry_get_path (entry);
      StoredRow *row = g_hash_table_lookup (stored, entry_path);
      PendingFile file = { entry, 0, 0, 0 };

      if (!stat_file (root, entry_path, &file.mtime, &file.size))
        continue;

      if (row != NULL)
        {
          row->seen = TRUE;
          if (row->mtime == file.mtime && row->size == file.size)
            continue;
          file.old_id = row->id;
        }
      g_array_append_val (pending, file);
    }

  removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      StoredRow *row = value;

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
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
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
      for (guint j = 0; key->aliases[j] != NULL; j++)
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

static void
add_full_text_hits (SanastoIndex *self,
                    GPtrArray    *hits,
                    GHashTable   *seen,
                    const char   *query,
                    const char   *language,
                    guint         limit)
{
  g_autofree char *fts_query = sanasto_index_build_fts_query (query);
  g_autoptr(GArray) found = NULL;
  guint wanted = limit == 0 ? G_MAXUINT : limit - MIN (limit, hits->len);
  int rc;

  if (fts_query == NULL || wanted == 0)
    return;

  /* The language is filtered here, so then the whole ranked list may be needed. */
  found = g_array_new (FALSE, FALSE, sizeof (gint64));
  bind_text (self->fts_stmt, 1, fts_query);
  sqlite3_bind_int64 (self->fts_stmt, 2,
                      limit == 0 || language != NULL ? -1 : (gint64)limit + hits->len);
  while (found->len < wanted && (rc = sqlite3_step (self->fts_stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (self->fts_stmt, 0);
      SanastoEntry *entry = g_hash_table_lookup (self->entries_by_id, &id);

      if (entry == NULL || g_hash_table_contains (seen, entry))
        continue;
      if (language != NULL && strcmp (sanasto_entry_get_language (entry), language) != 0)
        continue;

      g_array_append_val (found, id);
      g_hash_table_add (seen, entry);
    }
  if (found->len < wanted && rc != SQLITE_DONE)
    {
      g_debug ("Search for %s failed: %s", fts_query, sqlite3_errmsg (self->reader));
      if ((rc & 0xff) == SQLITE_CORRUPT)
        forget_database (self->db_path);
    }
  sqlite3_reset (self->fts_stmt);
  sqlite3_clear_bindings (self->fts_stmt);

  /* Snippets only for the rows kept: they are the costly part. */
  for (guint i = 0; i < found->len && !g_cancellable_is_cancelled (self->query_cancellable); i++)
    {
      gint64 id = g_array_index (found, gint64, i);
      SanastoEntry *entry = g_hash_table_lookup (self->entries_by_id, &id);
      g_autofree char *snippet = NULL;

      bind_text (self->snippet_stmt, 1, fts_query);
      sqlite3_bind_int64 (self->snippet_stmt, 2, id);
      if (sqlite3_step (self->snippet_stmt) == SQLITE_ROW)
        snippet = g_utf8_make_valid ((const char *)sqlite3_column_text (self->snippet_stmt, 0), -1);
      sqlite3_reset (self->snippet_stmt);
      sqlite3_clear_bindings (self->snippet_stmt);

      g_ptr_array_add (hits, sanasto_search_hit_new (entry, SANASTO_SEARCH_MATCH_FULL_TEXT,
                                                     FALSE, snippet));
    }
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
  g_clear_pointer (&self->snippet_stmt, sqlite3_finalize);
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
