/* sanasto-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sanasto-application.h"
#include "sanasto-window.h"

struct _SanastoApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SanastoApplication, sanasto_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "term", 't', 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the article of TERM (slug, title or alias)"), N_("TERM") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[DIR]") },
  { NULL }
};

static void
color_scheme_changed_cb (SanastoApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static SanastoWindow *
get_window (SanastoApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SANASTO_IS_WINDOW (window))
    return SANASTO_WINDOW (window);
  return sanasto_window_new (GTK_APPLICATION (self));
}

static void
open_in_window (SanastoApplication *self,
                const char         *folder,
                const char         *term)
{
  SanastoWindow *window = get_window (self);
  g_autofree char *fallback = NULL;

  if (folder == NULL && sanasto_window_get_folder (window) == NULL)
    folder = fallback = sanasto_application_get_default_folder (self);

  if (folder != NULL && g_strcmp0 (folder, sanasto_window_get_folder (window)) != 0)
    sanasto_window_open_folder (window, folder, term);
  else if (term != NULL)
    sanasto_window_open_term (window, term);

  gtk_window_present (GTK_WINDOW (window));
}

static void
sanasto_application_activate (GApplication *application)
{
  open_in_window (SANASTO_APPLICATION (application), NULL, NULL);
}

static int
sanasto_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  SanastoApplication *self = SANASTO_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *term = NULL;
  g_autofree char **folders = NULL;
  g_autofree char *folder = NULL;

  g_variant_dict_lookup (options, "term", "s", &term);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &folders);

  if (folders != NULL && folders[0] != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                             folders[0]);

      folder = g_file_get_path (file);
      if (folders[1] != NULL)
        g_application_command_line_printerr (command_line, "%s\n",
                                             _("Only one folder can be opened at a time."));
    }

  open_in_window (self, folder, term);
  return 0;
}

static void
sanasto_application_startup (GApplication *application)
{
  SanastoApplication *self = SANASTO_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (sanasto_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autoptr(GList) windows =
    g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close the windows rather than quit outright, so they remember their size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
};

static void
sanasto_application_dispose (GObject *object)
{
  SanastoApplication *self = SANASTO_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sanasto_application_parent_class)->dispose (object);
}

static void
sanasto_application_class_init (SanastoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sanasto_application_dispose;
  application_class->activate = sanasto_application_activate;
  application_class->command_line = sanasto_application_command_line;
  application_class->startup = sanasto_application_startup;
}

static void
sanasto_application_init (SanastoApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read a folder of Markdown glossary articles."));
  g_application_set_option_context_description (G_APPLICATION (self),
    _("Without a display:\n"
      "  sanasto --check DIR          report entries, problems and links\n"
      "  sanasto --html DIR TERM      print the page of TERM\n"
      "  sanasto --search QUERY DIR   print the ranked search results"));
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}

SanastoApplication *
sanasto_application_new (void)
{
  return g_object_new (SANASTO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/sanasto/Sanasto",
                       NULL);
}

char *
sanasto_application_get_default_folder (SanastoApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-glossary");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "sample", NULL);

  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&last);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  if (g_file_test (SOURCE_SAMPLE_DIR, G_FILE_TEST_IS_DIR))
    return g_strdup (SOURCE_SAMPLE_DIR);
  return NULL;
}
