/* test-bookmarks-transfer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taking bookmarks to another computer, in the real window: Export… in the bookmarks popover
 * writes them to the file chosen in the file chooser, Import… adds them back from such a
 * file, and a file that holds no bookmarks is refused with a message. Each ends in a toast
 * that says what happened.
 */

#include "config.h"

#include <adwaita.h>

#include "sanasto-window-private.h"
#include "sanasto-window-reading-private.h"
#include "window-test-support.h"

typedef struct
{
  SanastoWindow    *window;
  SanastoBookmarks *bookmarks;  /* the app's store, shared by its windows */
  GPtrArray        *before;     /* SanastoEntryRef: what the store held before the test */
  const char       *root;
  char             *scratch;    /* the files chosen in the file chooser */
  const char       *awaited_toast;
} Transfer;

static gboolean
glossary_loaded (gpointer data)
{
  return sanasto_window_get_glossary (data) != NULL && !_sanasto_window_is_loading (data);
}

/* A window on the reader fixture; no article needs to show for the bookmarks popover. */
static void
transfer_set_up (Transfer      *transfer,
                 gconstpointer  data)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "citizen", "reader",
                                                   NULL);

  transfer->scratch = g_dir_make_tmp ("sanasto-bookmarks-transfer-XXXXXX", NULL);
  g_assert_nonnull (transfer->scratch);
  transfer->window = sanasto_window_new (NULL);
  gtk_window_present (GTK_WINDOW (transfer->window));
  sanasto_window_open_folder (transfer->window, folder, NULL);
  sanasto_test_wait_until (glossary_loaded, transfer->window, "the reader fixture to load");
  transfer->root = sanasto_glossary_get_root (sanasto_window_get_glossary (transfer->window));
  transfer->bookmarks = _sanasto_window_get_bookmarks (transfer->window);
  transfer->before = sanasto_bookmarks_list (transfer->bookmarks, NULL);
}

/* Leaves the store, which outlives the test, as the test found it. */
static void
transfer_tear_down (Transfer      *transfer,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) after = sanasto_bookmarks_list (transfer->bookmarks, NULL);

  for (guint i = 0; i < after->len; i++)
    {
      SanastoEntryRef *ref = g_ptr_array_index (after, i);
      gboolean was_there = FALSE;

      for (guint j = 0; j < transfer->before->len && !was_there; j++)
        was_there = sanasto_entry_ref_matches (g_ptr_array_index (transfer->before, j), ref->root,
                                               ref->language, ref->slug);
      if (!was_there)
        sanasto_bookmarks_remove (transfer->bookmarks, ref->root, ref->language, ref->slug);
    }
  g_clear_pointer (&transfer->before, g_ptr_array_unref);
  gtk_window_destroy (GTK_WINDOW (transfer->window));
  sanasto_test_settle (300);
  sanasto_test_remove_tree (transfer->scratch);
  g_clear_pointer (&transfer->scratch, g_free);
}

/* The first widget below root (root included) that match() accepts. */
static GtkWidget *
find_widget (GtkWidget  *root,
             gboolean  (*match) (GtkWidget *widget, const char *text),
             const char *text)
{
  GtkWidget *found = NULL;

  if (match (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_widget (child, match, text);
  return found;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

static gboolean
is_label_starting (GtkWidget  *widget,
                   const char *text)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* Opens the bookmarks popover and clicks one of the buttons under its list. */
static void
click_popover_button (SanastoWindow *window,
                      const char    *label)
{
  GtkWidget *popover = _sanasto_window_get_bookmarks_popover (window);
  GtkWidget *button;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-bookmarks", NULL);
  sanasto_test_settle (300);
  g_assert_true (gtk_widget_get_visible (popover));
  button = find_widget (popover, is_button_labelled, label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
chooser_shown (gpointer data)
{
  GtkFileChooser **chooser = data;
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL && *chooser == NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      *chooser = l->data;
  return *chooser != NULL;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} WantChoice;

static gboolean
chooser_has_file (gpointer data)
{
  WantChoice *want = data;
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (want->chooser);

  return chosen != NULL && g_file_equal (chosen, want->file);
}

/* As a person does: picks the file in the chooser that the click opened, then its default
 * button. Opening selects an existing file; saving types the new file's full path in the
 * name field, which does not depend on the folder the chooser happens to show. */
static void
choose_file (GtkFileChooserAction  action,
             const char           *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WantChoice want = { NULL, file };

  sanasto_test_wait_until (chooser_shown, &want.chooser, "the file chooser");
  g_assert_cmpint (gtk_file_chooser_get_action (want.chooser), ==, action);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (want.chooser, path);
  else
    gtk_file_chooser_set_file (want.chooser, file, &error);
  g_assert_no_error (error);
  sanasto_test_wait_until (chooser_has_file, &want, "the chooser to hold the file");
  gtk_dialog_response (GTK_DIALOG (want.chooser), GTK_RESPONSE_ACCEPT);
}

static gboolean
toast_shown (gpointer data)
{
  Transfer *transfer = data;
  GtkWidget *label = find_widget (GTK_WIDGET (transfer->window), is_label_starting,
                                  transfer->awaited_toast);

  return label != NULL && gtk_widget_get_mapped (label);
}

/* Waits for the toast that starts with text. Each test shows one: a second one would wait
 * for the first to time out. */
static void
assert_toast (Transfer   *transfer,
              const char *text)
{
  transfer->awaited_toast = text;
  sanasto_test_wait_until (toast_shown, transfer, text);
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Every bookmark goes to the file, where another computer's store finds them. */
static void
test_export (Transfer      *transfer,
             gconstpointer  data)
{
  const char *root = transfer->root;
  g_autofree char *exported = g_build_filename (transfer->scratch, "to-take-along.ini", NULL);
  g_autofree char *other_store = g_build_filename (transfer->scratch, "other.ini", NULL);
  g_autoptr(SanastoBookmarks) elsewhere = sanasto_bookmarks_new (other_store);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *toast = NULL;
  GtkWidget *popover;

  sanasto_bookmarks_add (transfer->bookmarks, root, "en", "pear", "Pear");
  sanasto_bookmarks_add (transfer->bookmarks, root, "en", "plum", "Plum");
  all = sanasto_bookmarks_list (transfer->bookmarks, NULL);
  toast = g_strdup_printf ("Exported %u bookmarks", all->len);

  click_popover_button (transfer->window, "_Export…");
  choose_file (GTK_FILE_CHOOSER_ACTION_SAVE, exported);
  assert_toast (transfer, toast);
  popover = _sanasto_window_get_bookmarks_popover (transfer->window);
  g_assert_false (gtk_widget_get_visible (popover));
  sanasto_test_wait_until (file_written, exported, "the exported file");

  g_assert_cmpint (sanasto_bookmarks_import (elsewhere, exported, NULL), ==, (int) all->len);
  g_assert_true (sanasto_bookmarks_contains (elsewhere, root, "en", "pear"));
  g_assert_true (sanasto_bookmarks_contains (elsewhere, root, "en", "plum"));
}

/* Of an exported file, only what the store lacks is added. */
static void
test_import (Transfer      *transfer,
             gconstpointer  data)
{
  const char *root = transfer->root;
  g_autofree char *exported = g_build_filename (transfer->scratch, "from-elsewhere.ini", NULL);
  g_autoptr(GError) error = NULL;

  sanasto_bookmarks_add (transfer->bookmarks, root, "en", "pear", "Pear");
  sanasto_bookmarks_add (transfer->bookmarks, root, "en", "plum", "Plum");
  g_assert_true (sanasto_bookmarks_export (transfer->bookmarks, exported, &error));
  g_assert_no_error (error);
  sanasto_bookmarks_remove (transfer->bookmarks, root, "en", "plum");

  click_popover_button (transfer->window, "_Import…");
  choose_file (GTK_FILE_CHOOSER_ACTION_OPEN, exported);
  assert_toast (transfer, "Added 1 bookmark");
  g_assert_true (sanasto_bookmarks_contains (transfer->bookmarks, root, "en", "plum"));
  g_assert_true (sanasto_bookmarks_contains (transfer->bookmarks, root, "en", "pear"));
}

/* A file that is not a bookmarks file changes nothing and says so. */
static void
test_import_refused (Transfer      *transfer,
                     gconstpointer  data)
{
  g_autofree char *not_bookmarks = g_build_filename (transfer->scratch, "shopping-list.txt",
                                                     NULL);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_true (g_file_set_contents (not_bookmarks, "milk\nbread\n", -1, NULL));
  click_popover_button (transfer->window, "_Import…");
  choose_file (GTK_FILE_CHOOSER_ACTION_OPEN, not_bookmarks);

  /* The reason the store gives follows; the start says what failed. */
  assert_toast (transfer, "Could not import the bookmarks: ");
  after = sanasto_bookmarks_list (transfer->bookmarks, NULL);
  g_assert_cmpuint (after->len, ==, transfer->before->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/bookmarks-transfer/export", Transfer, NULL,
              transfer_set_up, test_export, transfer_tear_down);
  g_test_add ("/bookmarks-transfer/import", Transfer, NULL,
              transfer_set_up, test_import, transfer_tear_down);
  g_test_add ("/bookmarks-transfer/import-refused", Transfer, NULL,
              transfer_set_up, test_import_refused, transfer_tear_down);

  return g_test_run ();
}
