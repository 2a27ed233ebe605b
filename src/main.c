/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sanasto-application.h"
#include "sanasto-command-line.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SanastoApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --check, --html and --search work without a display, so they never touch GTK. */
  if (sanasto_command_line_is_headless (argc, argv))
    return sanasto_command_line_run (argc, argv);

  app = sanasto_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
