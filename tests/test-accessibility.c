/* test-accessibility.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window, read the way a screen reader and a keyboard user meet it: every control
 * has a name, rows say their term, Tab walks the window in reading order, and the
 * shortcuts window lists every key binding there is.
 *
 * How a name is read back (GTK 4.8 has no getter for accessible properties): through
 * gtk_test_accessible_has_property() / gtk_test_accessible_check_property(), GTK's own
 * testing API, which looks at the very properties a screen reader gets. A control counts as
 * named when it has a non-empty GTK_ACCESSIBLE_PROPERTY_LABEL or a visible GtkLabel child
 * with text; an icon-only button needs the accessible label and a
 * tooltip. /accessibility/checker-fails proves the check fails on an unnamed button.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sanasto-application.h"
#include "sanasto-article-view-private.h"
#include "sanasto-list-popover.h"
#include "sanasto-window-private.h"
#include "sanasto-window-reading-private.h"
#include "window-test-support.h"

static gboolean
mapped (SanastoWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static gboolean
page_settled (SanastoWindow *window)
{
  SanastoArticleView *view = sanasto_window_get_article_view (window);

  return !_sanasto_window_is_loading (window) &&
         sanasto_article_view_get_entry (view) != NULL && !_sanasto_article_view_is_loading (view);
}

static SanastoWindow *
open_window (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "citizen", "reader",
                                                   NULL);
  SanastoWindow *window = sanasto_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  sanasto_test_wait_until ((SanastoTestCondition) mapped, window, "the window to show");
  sanasto_window_open_folder (window, folder, "apple");
  sanasto_test_wait_until ((SanastoTestCondition) page_settled, window, "the first article");
  sanasto_test_settle (300);
  return window;
}

static void
close_window (SanastoWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sanasto_test_settle (300);
}

/* ---- Names ---- */

static gboolean
has_text_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return TRUE;
      if (has_text_label (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_accessible_label (GtkWidget *widget)
{
  g_autofree char *empty = NULL;

  /* No LABELLED_BY: GTK sets it on every button to its child, an icon too, which names
   * nothing. */
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  /* check_property() returns NULL when the value is the one given: here, empty. */
  empty = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return empty != NULL;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SCALE (widget);
}

/* Controls made of other controls: named as a whole, their insides are GTK's business. */
static gboolean
is_composite (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget);
}

/* NULL when the control is properly named, else why not. */
static char *
control_problem (GtkWidget *widget)
{
  gboolean text = has_text_label (widget) && !is_composite (widget);
  gboolean accessible = has_accessible_label (widget);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (!text && !accessible)
    return g_strdup ("has neither text nor an accessible label");
  /* Icon-only buttons: the label is for screen readers, the tooltip for everyone else. The
   * title bar's own buttons (GtkWindowControls) are named by GTK and, by design, have no
   * tooltips. */
  if (!text && (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) &&
      (tooltip == NULL || *tooltip == '\0') &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) == NULL)
    return g_strdup ("is icon-only and has no tooltip");
  return NULL;
}

static void
describe_path (GString   *out,
               GtkWidget *widget)
{
  if (gtk_widget_get_parent (widget) != NULL)
    {
      describe_path (out, gtk_widget_get_parent (widget));
      g_string_append (out, " > ");
    }
  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  if (gtk_widget_get_name (widget) != NULL &&
      strcmp (gtk_widget_get_name (widget), G_OBJECT_TYPE_NAME (widget)) != 0)
    g_string_append_printf (out, "#%s", gtk_widget_get_name (widget));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, "[%s]", gtk_button_get_icon_name (GTK_BUTTON (widget)));
}

static void
check_tree (GtkWidget *widget,
            GString   *problems,
            guint     *n_checked)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (is_control (widget))
    {
      g_autofree char *problem = control_problem (widget);

      (*n_checked)++;
      if (problem != NULL)
        {
          describe_path (problems, widget);
          g_string_append_printf (problems, " %s\n", problem);
        }
    }

  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

      if (popover != NULL)
        check_tree (GTK_WIDGET (popover), problems, n_checked);
    }
  if (is_composite (widget))
    return;

  /* Of a stack, only the page shown is there for the reader. */
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (page != NULL)
        check_tree (page, problems, n_checked);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (child, problems, n_checked);
}

/* The check itself must fail on what it is meant to catch. */
static void
test_checker_fails (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *unnamed = gtk_button_new_from_icon_name ("starred-symbolic");
  GtkWidget *tooltip_only = gtk_button_new_from_icon_name ("starred-symbolic");
  GtkWidget *named = gtk_button_new_from_icon_name ("starred-symbolic");
  GtkWidget *text = gtk_button_new_with_label ("Open");
  GtkWidget *entry = gtk_search_entry_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_checked = 0;

  g_object_ref_sink (box);
  gtk_widget_set_tooltip_text (tooltip_only, "Star");
  gtk_widget_set_tooltip_text (named, "Star");
  gtk_accessible_update_property (GTK_ACCESSIBLE (named), GTK_ACCESSIBLE_PROPERTY_LABEL, "Star",
                                  -1);
  gtk_box_append (GTK_BOX (box), unnamed);
  gtk_box_append (GTK_BOX (box), tooltip_only);
  gtk_box_append (GTK_BOX (box), named);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), entry);

  check_tree (box, problems, &n_checked);
  g_test_message ("%s", problems->str);
  g_assert_cmpuint (n_checked, ==, 5);
  {
    g_autofree char *a = control_problem (unnamed);
    g_autofree char *b = control_problem (tooltip_only);
    g_autofree char *c = control_problem (named);
    g_autofree char *d = control_problem (text);
    g_autofree char *e = control_problem (entry);

    g_assert_cmpstr (a, ==, "has neither text nor an accessible label");
    g_assert_cmpstr (b, ==, "has neither text nor an accessible label");
    g_assert_null (c);
    g_assert_null (d);
    g_assert_cmpstr (e, ==, "has neither text nor an accessible label");
  }

  g_object_unref (box);
}

static void
open_popover (SanastoWindow *window,
              const char    *action)
{
  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  sanasto_test_settle (300);
}

/* Every control of the window, and of the popovers once they are filled, has a name. */
static void
test_controls_named (void)
{
  SanastoWindow *window = open_window ();
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_checked = 0;

  /* Fill the popovers the way a reader does, so their rows and buttons are there. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-bookmark", NULL);
  open_popover (window, "win.show-bookmarks");
  gtk_popover_popdown (GTK_POPOVER (_sanasto_window_get_bookmarks_popover (window)));
  open_popover (window, "win.show-history");
  gtk_popover_popdown (GTK_POPOVER (_sanasto_window_get_history_popover (window)));
  open_popover (window, "win.show-toc");
  gtk_popover_popdown (GTK_POPOVER (_sanasto_window_get_toc_popover (window)));
  g_assert_cmpuint (sanasto_list_popover_get_n_items (
                      SANASTO_LIST_POPOVER (_sanasto_window_get_bookmarks_popover (window))), ==, 1);
  g_assert_cmpuint (sanasto_list_popover_get_n_items (
                      SANASTO_LIST_POPOVER (_sanasto_window_get_toc_popover (window))), ==, 8);

  /* The find bar's controls count too, though it starts closed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  sanasto_test_settle (300);

  check_tree (GTK_WIDGET (window), problems, &n_checked);
  g_assert_cmpuint (n_checked, >=, 15);

  /* The preferences window too. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
    GtkWidget *preferences = NULL;
    guint n_before = n_checked;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
    sanasto_test_settle (300);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && preferences == NULL; i++)
      {
        g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_PREFERENCES_WINDOW (toplevel))
          preferences = toplevel;
      }
    g_assert_nonnull (preferences);
    check_tree (preferences, problems, &n_checked);
    g_assert_cmpuint (n_checked - n_before, >=, 4);
    gtk_window_destroy (GTK_WINDOW (preferences));
  }

  g_test_message ("%u controls checked", n_checked);
  if (problems->len > 0)
    g_error ("Controls without a name:\n%s", problems->str);

  /* The article itself has a name. */
  g_assert_true (has_accessible_label (GTK_WIDGET (sanasto_window_get_article_view (window))));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-bookmark", NULL);
  close_window (window);
}

/* Each row of the term list is read out as its term. */
static void
test_rows_named (void)
{
  SanastoWindow *window = open_window ();
  GtkWidget *list = GTK_WIDGET (_sanasto_window_get_list_view (window));
  GListModel *matches = _sanasto_window_get_matches (window);
  guint n_rows = 0;

  g_assert_nonnull (matches);
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row == NULL || !gtk_widget_get_visible (item) || GTK_IS_SCROLLBAR (item))
        continue;
      g_assert_true (has_accessible_label (row) || has_accessible_label (item));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, g_list_model_get_n_items (matches));

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(SanastoEntry) entry = g_list_model_get_item (matches, i);
      gboolean found = FALSE;

      for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL && !found;
           item = gtk_widget_get_next_sibling (item))
        {
          GtkWidget *row = gtk_widget_get_first_child (item);

          if (row != NULL &&
              gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                  sanasto_entry_get_title (entry)) == NULL)
            found = TRUE;
        }
      if (!found)
        g_error ("No row is read out as “%s”", sanasto_entry_get_title (entry));
    }

  close_window (window);
}

/* ---- Keyboard ---- */

typedef enum
{
  REGION_NONE,
  REGION_SIDEBAR_HEADER,
  REGION_SEARCH,
  REGION_LIST,
  REGION_CONTENT_HEADER,
  REGION_ARTICLE,
} Region;

static const char *region_names[] = {
  "elsewhere", "sidebar header", "search", "term list", "article header", "article"
};

static Region
region_of (SanastoWindow *window,
           GtkWidget     *focus)
{
  GtkWidget *search = GTK_WIDGET (_sanasto_window_get_search_entry (window));
  GtkWidget *list = GTK_WIDGET (_sanasto_window_get_list_view (window));
  GtkWidget *article = GTK_WIDGET (sanasto_window_get_article_view (window));
  GtkWidget *header;

  if (focus == NULL)
    return REGION_NONE;
  if (focus == search || gtk_widget_is_ancestor (focus, search))
    return REGION_SEARCH;
  if (focus == list || gtk_widget_is_ancestor (focus, list))
    return REGION_LIST;
  if (focus == article || gtk_widget_is_ancestor (focus, article))
    return REGION_ARTICLE;
  header = gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR);
  if (header != NULL && gtk_widget_is_ancestor (header, window->sidebar))
    return REGION_SIDEBAR_HEADER;
  if (header != NULL && gtk_widget_is_ancestor (header, window->content))
    return REGION_CONTENT_HEADER;
  return REGION_NONE;
}

/* Tab from the top goes header, search, list, then the article's header and the article,
 * and every stop is a control a person can use. */
static void
test_tab_order (void)
{
  SanastoWindow *window = open_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr(GString) visited = g_string_new (NULL);
  Region order[8];
  guint n_regions = 0;

  gtk_widget_grab_focus (GTK_WIDGET (_sanasto_window_get_search_entry (window)));
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  sanasto_test_settle (300);

  for (int step = 0; step < 40 && n_regions < G_N_ELEMENTS (order); step++)
    {
      GtkWidget *focus;
      Region region;

      if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      region = region_of (window, focus);
      g_string_append_printf (visited, "%s%s(%s)", step > 0 ? ", " : "",
                              focus ? G_OBJECT_TYPE_NAME (focus) : "none", region_names[region]);
      if (n_regions == 0 || order[n_regions - 1] != region)
        {
          /* Coming back to the start: a full round has been made. */
          if (n_regions > 0 && region == order[0])
            break;
          order[n_regions++] = region;
        }
    }

  g_test_message ("Tab stops: %s", visited->str);
  if (n_regions != 5 ||
      order[0] != REGION_SIDEBAR_HEADER || order[1] != REGION_SEARCH || order[2] != REGION_LIST ||
      order[3] != REGION_CONTENT_HEADER || order[4] != REGION_ARTICLE)
    g_error ("Tab order is not header, search, list, article header, article: %s",
             visited->str);

  /* A real Tab key in the list leaves it at once (GTK 4.8 alone would stop at every row of
   * a glossary of thousands); Shift+Tab goes back to the search. Sent to the list's key
   * controllers as GTK delivers a key press, since GTK 4 cannot synthesize key events. */
  {
    GtkWidget *list = GTK_WIDGET (_sanasto_window_get_list_view (window));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
    gboolean handled = FALSE;
    guint n_keys = 0;

    for (guint pass = 0; pass < 2; pass++)
      {
        g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
        g_assert_cmpint (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==,
                         REGION_LIST);
        for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
          {
            g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

            if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
              continue;
            n_keys++;
            g_signal_emit_by_name (controller, "key-pressed",
                                   pass == 0 ? GDK_KEY_Tab : GDK_KEY_ISO_Left_Tab, 23,
                                   pass == 0 ? 0 : GDK_SHIFT_MASK, &handled);
            if (handled)
              break;
          }
        g_assert_true (handled);
        g_assert_cmpint (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==,
                         pass == 0 ? REGION_CONTENT_HEADER : REGION_SEARCH);
      }
    g_assert_cmpuint (n_keys, >, 0);
  }

  close_window (window);
}

/* ---- Shortcuts window ---- */

typedef struct
{
  guint           keyval;
  GdkModifierType modifiers;
} Key;

static gboolean
key_in (GArray *keys,
        guint   keyval,
        GdkModifierType modifiers)
{
  for (guint i = 0; i < keys->len; i++)
    {
      Key *key = &g_array_index (keys, Key, i);

      if (key->keyval == gdk_keyval_to_lower (keyval) && key->modifiers == modifiers)
        return TRUE;
    }
  return FALSE;
}

static void
add_key (GArray          *keys,
         guint            keyval,
         GdkModifierType  modifiers)
{
  Key key = { gdk_keyval_to_lower (keyval), modifiers & gtk_accelerator_get_default_mod_mask () };

  if (!key_in (keys, key.keyval, key.modifiers))
    g_array_append_val (keys, key);
}

static void
add_accelerators (GArray     *keys,
                  const char *accelerators)
{
  g_auto(GStrv) parts = g_strsplit (accelerators, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint keyval;
      GdkModifierType modifiers;

      if (*parts[i] == '\0')
        continue;
      g_assert_true (gtk_accelerator_parse (parts[i], &keyval, &modifiers));
      add_key (keys, keyval, modifiers);
    }
}

static void
collect_listed (GtkWidget *widget,
                GArray    *keys)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      if (accelerator != NULL)
        add_accelerators (keys, accelerator);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, keys);
}

/* Keys that only repeat a listed one: the keypad's, and the browser keys of some keyboards. */
static gboolean
is_alternative (guint keyval)
{
  return (keyval >= GDK_KEY_KP_Space && keyval <= GDK_KEY_KP_9) ||
         keyval == GDK_KEY_Back || keyval == GDK_KEY_Forward;
}

static void
collect_bound (GtkWidget *widget,
               GArray    *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          guint keyval;

          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          const char *name;

          /* Ours are named actions; GTK's own bindings (Tab, arrows, the inspector) are
           * not the app's to list. */
          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          g_test_message ("bound: %s", name);
          if (!g_str_has_prefix (name, "win.") && !g_str_has_prefix (name, "app.") &&
              !g_str_has_prefix (name, "window."))
            continue;
          keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          if (is_alternative (keyval))
            continue;
          add_key (keys, keyval, gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
        }
    }
}

static void
startup_cb (GApplication *application,
            gpointer      user_data)
{
  GArray *keys = user_data;
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (application));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accelerators (keys, accels[j]);
    }
}

/* The shortcuts window (Ctrl+?) lists every key the app and the window answer to, and no
 * key that does nothing. */
static void
test_shortcuts_listed (void)
{
  g_autoptr(SanastoApplication) application = sanasto_application_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (Key));
  g_autoptr(GArray) bound = g_array_new (FALSE, FALSE, sizeof (Key));
  g_autoptr(GError) error = NULL;
  SanastoWindow *window;
  GObject *overlay;

  /* The app's own accelerators are set in its startup. */
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) |
                           G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (application, "startup", G_CALLBACK (startup_cb), bound);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bound->len, >=, 3);

  window = sanasto_window_new (NULL);
  collect_bound (GTK_WIDGET (window), bound);
  gtk_window_destroy (GTK_WINDOW (window));

  builder = gtk_builder_new_from_resource ("/io/github/sanasto/Sanasto/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_nonnull (overlay);
  collect_listed (GTK_WIDGET (overlay), listed);

  for (guint i = 0; i < bound->len; i++)
    {
      Key *key = &g_array_index (bound, Key, i);

      if (!key_in (listed, key->keyval, key->modifiers))
        {
          g_autofree char *name = gtk_accelerator_name (key->keyval, key->modifiers);

          g_error ("%s is bound but not in the shortcuts window", name);
        }
    }
  for (guint i = 0; i < listed->len; i++)
    {
      Key *key = &g_array_index (listed, Key, i);

      if (!key_in (bound, key->keyval, key->modifiers))
        {
          g_autofree char *name = gtk_accelerator_name (key->keyval, key->modifiers);

          g_error ("The shortcuts window lists %s, which does nothing", name);
        }
    }

  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = sanasto_test_fresh_dir (argv[0], "xdg-data-accessibility");

  /* Bookmarks and history go to a folder of their own, not the user's. Not
   * G_TEST_OPTION_ISOLATE_DIRS: it hides the MIME database that icons need. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* GTK's test accessibility backend: the same accessible properties, no AT-SPI bus. The
   * bus address lives in ~/.cache/at-spi, shared by every D-Bus session on the machine, so
   * tests running side by side break each other's bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/accessibility/checker-fails", test_checker_fails);
  g_test_add_func ("/accessibility/controls-named", test_controls_named);
  g_test_add_func ("/accessibility/rows-named", test_rows_named);
  g_test_add_func ("/accessibility/tab-order", test_tab_order);
  g_test_add_func ("/accessibility/shortcuts-listed", test_shortcuts_listed);

  return g_test_run ();
}
