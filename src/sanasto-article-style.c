/* sanasto-article-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sanasto-article-style.h"

char *
sanasto_article_style_build_css (int         size,
                                 const char *family)
{
  GString *css = g_string_new (NULL);

  if (size > 0)
    g_string_append_printf (css, "html { font-size: %dpx !important; }\n", CLAMP (size, 6, 72));

  if (family != NULL && *family != '\0' && g_utf8_validate (family, -1, NULL))
    {
      /* A CSS string: anything but letters, digits, spaces, '-' and '_' as an escape, so a
       * name cannot close the string or the rule. */
      g_string_append (css, "html, body, article, p, li, td, th, blockquote, header "
                            "{ font-family: \"");
      for (const char *p = family; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c) || c == ' ' || c == '-' || c == '_')
            g_string_append_unichar (css, c);
          else
            g_string_append_printf (css, "\\%x ", c);
        }
      g_string_append (css, "\", sans-serif !important; }\n");
    }

  return g_string_free (css, FALSE);
}

static void
apply (WebKitWebView *web_view,
       GSettings     *settings)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (web_view);
  g_autofree char *family = g_settings_get_string (settings, "article-font-family");
  g_autofree char *css =
    sanasto_article_style_build_css (g_settings_get_int (settings, "article-font-size"), family);

  webkit_user_content_manager_remove_all_style_sheets (manager);
  if (*css != '\0')
    {
      g_autoptr(WebKitUserStyleSheet) sheet =
        webkit_user_style_sheet_new (css, WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                     WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);

      webkit_user_content_manager_add_style_sheet (manager, sheet);
    }
}

static void
settings_changed_cb (WebKitWebView *web_view,
                     const char    *key,
                     GSettings     *settings)
{
  if (g_strcmp0 (key, "article-font-size") == 0 || g_strcmp0 (key, "article-font-family") == 0)
    apply (web_view, settings);
}

void
sanasto_article_style_attach (WebKitWebView *web_view,
                              GSettings     *settings)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));
  g_return_if_fail (G_IS_SETTINGS (settings));

  /* The settings object lives as long as the view: the signal handler needs it. */
  g_object_set_data_full (G_OBJECT (web_view), "sanasto-article-style-settings",
                          g_object_ref (settings), g_object_unref);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), web_view,
                           G_CONNECT_SWAPPED);
  apply (web_view, settings);
}
