/* sanasto-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sanasto-core-resources.h"
#include "sanasto-language.h"
#include "sanasto-link-resolver.h"
#include "sanasto-markdown-private.h"
#include "sanasto-renderer-private.h"

#define ENTRY_PREFIX SANASTO_SCHEME "://entry/"
#define FILE_PREFIX SANASTO_SCHEME "://file/"
#define MISSING_PREFIX SANASTO_SCHEME "://missing/"
#define PAGE_END "</article>\n</body>\n</html>\n"
#define STYLESHEET_PATH "/io/github/sanasto/Sanasto/core/article.css"

/* WebKit lays out a paragraph in time that grows faster than the number of inline elements
 * in it: a 1 MB line of "*_`" soup (87,000 elements) kept the view busy for minutes. Past
 * this many in one block, the rest of the block is shown as plain text. */
#define INLINE_BUDGET 1000
/* user_data of an inline node opened as plain text, so that its exit writes no end tag. */
#define PLAIN_NODE ((void *) 1)

/* Nothing remote, no scripts: images and fonts only from the app's own scheme. */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; img-src sanasto:; style-src 'unsafe-inline' sanasto:; font-src sanasto:"

typedef struct
{
  SanastoGlossary *glossary;
  SanastoEntry    *entry;
  GHashTable      *heading_ids;
  gboolean         seen_heading;
  guint            link_depth;
  guint            inline_budget;  /* markup elements the current block may still open */
  GString         *link_exit;
  GString         *scratch;
  GString         *fragment;
} RenderContext;

/* Escapes text for HTML content and quoted attribute values. */
static void
append_escaped (GString    *out,
                const char *text)
{
  const char *p = text;

  for (;;)
    {
      gsize run = strcspn (p, "&<>\"'");

      g_string_append_len (out, p, run);
      p += run;

      switch (*p)
        {
        case '\0': return;
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        default: g_string_append (out, "&#39;"); break;
        }
      p++;
    }
}

/* Percent-escapes everything but RFC 3986's unreserved characters (and those in keep). The
 * result needs no HTML escaping. */
static void
append_uri_escaped (GString    *out,
                    const char *text,
                    const char *keep)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~' ||
          (keep != NULL && strchr (keep, *p) != NULL))
        {
          g_string_append_c (out, *p);
        }
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
}

/* An href as written in the article (http, https, mailto): percent-encodes what may not
 * appear in a URL and escapes the rest for an attribute, as cmark does. */
static void
append_href (GString    *out,
             const char *url)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-_.~!*();:@=+$,/?#[]%", *p) != NULL)
        g_string_append_c (out, *p);
      else if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '\'')
        g_string_append (out, "&#39;");
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
}

/* A heading id: lowercase letters and digits, '-' and '_'; the rest folds into '-'. */
static void
append_slug (GString    *out,
             const char *text)
{
  gsize start = out->len;
  gboolean dash = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean ascii = (guchar) *p < 0x80;
      gunichar c = ascii ? (gunichar) *p : g_utf8_get_char (p);

      if (ascii ? g_ascii_isalnum (*p) || *p == '_' : g_unichar_isalnum (c))
        {
          if (dash && out->len > start)
            g_string_append_c (out, '-');
          dash = FALSE;
          if (ascii)
            g_string_append_c (out, g_ascii_tolower (*p));
          else
            g_string_append_unichar (out, g_unichar_tolower (c));
        }
      else
        {
          dash = TRUE;
        }
    }

  if (out->len == start)
    g_string_append (out, "section");
}

static char *
fold_for_compare (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_utf8_casefold (stripped, -1);
}

static void
append_title_attribute (GString    *out,
                        const char *title)
{
  if (title == NULL || *title == '\0')
    return;

  g_string_append (out, " title=\"");
  append_escaped (out, title);
  g_string_append_c (out, '"');
}

/* sanasto://entry/<lang>/<slug>#<fragment>, each part percent-escaped, so the result needs
 * no further escaping inside an HTML attribute. */
static void
append_entry_uri (GString      *uri,
                  SanastoEntry *entry,
                  const char   *fragment)
{
  const char *language = sanasto_entry_get_language (entry);

  g_string_append (uri, ENTRY_PREFIX);
  if (*language == '\0')
    g_string_append_c (uri, '_');
  else
    append_uri_escaped (uri, language, NULL);
  g_string_append_c (uri, '/');
  append_uri_escaped (uri, sanasto_entry_get_slug (entry), NULL);

  if (fragment != NULL && *fragment != '\0')
    {
      g_string_append_c (uri, '#');
      append_uri_escaped (uri, fragment, NULL);
    }
}

static void
append_file_uri (GString    *out,
                 const char *path)
{
  g_string_append (out, FILE_PREFIX);
  append_uri_escaped (out, path, "/");
}

static gboolean
is_remote_url (const char *url)
{
  return g_ascii_strncasecmp (url, "http://", 7) == 0 ||
         g_ascii_strncasecmp (url, "https://", 8) == 0;
}

/* Starts a new line in the output unless at the start of one, as cmark's renderer does. */
static void
append_newline (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

/* Continues the walk after node, without visiting its children or its exit. */
static void
skip_node (cmark_iter *iter,
           cmark_node *node)
{
  cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
}

gboolean
_sanasto_renderer_heading_id (SanastoEntry *entry,
                              GHashTable   *ids,
                              gboolean     *seen_heading,
                              const char   *text,
                              GString      *id)
{
  gsize base_len;

  if (!*seen_heading)
    {
      g_autofree char *folded = fold_for_compare (text);
      g_autofree char *title = fold_for_compare (sanasto_entry_get_title (entry));

      *seen_heading = TRUE;
      if (strcmp (folded, title) == 0)
        return FALSE;
    }

  g_string_truncate (id, 0);
  append_slug (id, text);
  base_len = id->len;
  for (int n = 2; g_hash_table_contains (ids, id->str); n++)
    {
      g_string_truncate (id, base_len);
      g_string_append_printf (id, "-%d", n);
    }
  g_hash_table_add (ids, g_strdup (id->str));

  return TRUE;
}

/* Opens a heading with an id made from its text, unique in the page; FALSE when the heading
 * only repeats the title that the page header shows already. */
static gboolean
open_heading (RenderContext *ctx,
              cmark_node    *heading,
              GString       *out)
{
  g_autofree char *text = _sanasto_markdown_node_text (heading);
  GString *id = ctx->scratch;

  if (!_sanasto_renderer_heading_id (ctx->entry, ctx->heading_ids, &ctx->seen_heading, text, id))
    return FALSE;

  append_newline (out);
  g_string_append (out, "<h");
  g_string_append_c (out, (char) ('0' + CLAMP (cmark_node_get_heading_level (heading), 1, 6)));
  g_string_append (out, " id=\"");
  append_escaped (out, id->str);
  g_string_append (out, "\">");

  return TRUE;
}

/* Writes the opening tag of a link and remembers what closes it: how the link looks
 * depends on where it leads. Unsafe links keep their words only. */
static void
open_link (RenderContext *ctx,
           cmark_node    *node,
           GString       *out)
{
  const char *url = cmark_node_get_url (node);
  const char *title = cmark_node_get_title (node);
  GString *exit = ctx->link_exit;
  SanastoLink link = { 0 };

  g_string_truncate (exit, 0);

  if (url == NULL || *url == '\0')
    return;

  /* A fragment of this very page scrolls to one of its headings. */
  if (url[0] == '#')
    {
      g_autofree char *fragment = g_uri_unescape_string (url + 1, NULL);

      g_string_append (out, "<a href=\"#");
      g_string_truncate (ctx->fragment, 0);
      append_slug (ctx->fragment, fragment != NULL ? fragment : url + 1);
      append_uri_escaped (out, ctx->fragment->str, NULL);
      g_string_append_c (out, '"');
      append_title_attribute (out, title);
      g_string_append_c (out, '>');
      g_string_append (exit, "</a>");
      return;
    }

  sanasto_link_resolver_resolve (ctx->glossary, ctx->entry, url, &link);

  switch (link.kind)
    {
    case SANASTO_LINK_INTERNAL:
      {
        const char *fragment = NULL;

        /* Heading ids are slugs: a fragment written for the site's ids becomes ours. */
        if (link.fragment != NULL && *link.fragment != '\0')
          {
            g_string_truncate (ctx->fragment, 0);
            append_slug (ctx->fragment, link.fragment);
            fragment = ctx->fragment->str;
          }

        g_string_append (out, link.via_fallback ? "<a class=\"internal fallback\" href=\""
                                                : "<a class=\"internal\" href=\"");
        append_entry_uri (out, link.entry, fragment);
        g_string_append_c (out, '"');
        g_string_append (exit, "</a>");

        if (link.via_fallback)
          {
            const char *language = sanasto_entry_get_language (link.entry);
            g_autofree char *explanation = NULL;

            if (*language == '\0')
              language = "?";
            explanation = g_strdup_printf (_("Not in this language; shown in “%s”"),
                                           sanasto_language_get_display_name (language));
            append_title_attribute (out, explanation);
            g_string_append (exit, "<sup class=\"fallback-language\"");
            append_title_attribute (exit, explanation);
            g_string_append_c (exit, '>');
            append_escaped (exit, language);
            g_string_append (exit, "</sup>");
          }
        else
          {
            append_title_attribute (out, title != NULL && *title != '\0'
                                           ? title
                                           : sanasto_entry_get_title (link.entry));
          }
        g_string_append_c (out, '>');
      }
      break;

    case SANASTO_LINK_EXTERNAL:
      /* Only what the desktop's browser or mail client should open. */
      if (!is_remote_url (url) && g_ascii_strncasecmp (url, "mailto:", 7) != 0)
        break;
      g_string_append (out, "<a class=\"external\" rel=\"noreferrer\" href=\"");
      append_href (out, url);
      g_string_append_c (out, '"');
      append_title_attribute (out, title != NULL && *title != '\0' ? title : url);
      g_string_append_c (out, '>');
      g_string_append (exit, "</a>");
      break;

    case SANASTO_LINK_FILE:
      g_string_append (out, "<a class=\"file\" href=\"");
      append_file_uri (out, link.file_path);
      g_string_append_c (out, '"');
      append_title_attribute (out, title);
      g_string_append_c (out, '>');
      g_string_append (exit, "</a>");
      break;

    case SANASTO_LINK_UNRESOLVED:
      {
        g_autofree char *anchor = _sanasto_markdown_node_text (node);
        g_autofree char *explanation =
          g_strdup_printf (_("“%s” is not in this glossary"), url);

        g_string_append (out, "<a class=\"missing\" href=\"" MISSING_PREFIX);
        append_uri_escaped (out, url, NULL);
        g_string_append (out, "?text=");
        append_uri_escaped (out, anchor, NULL);
        g_string_append_c (out, '"');
        append_title_attribute (out, explanation);
        g_string_append_c (out, '>');
        g_string_append (exit, "</a>");
      }
      break;

    case SANASTO_LINK_UNSAFE:
    default:
      break;
    }

  sanasto_link_clear (&link);
}

/* Writes an image whole: only files inside the root become pictures. cmark's safe mode would
 * let data:image/png and remote pictures through; a remote one becomes a link to it. */
static void
render_image (RenderContext *ctx,
              cmark_node    *node,
              GString       *out)
{
  const char *url = cmark_node_get_url (node);
  g_autofree char *alt = _sanasto_markdown_node_text (node);
  SanastoLink link = { 0 };

  if (url != NULL && *url != '\0')
    sanasto_link_resolver_resolve (ctx->glossary, ctx->entry, url, &link);
  else
    link.kind = SANASTO_LINK_UNSAFE;

  if (link.kind == SANASTO_LINK_FILE && link.file_path != NULL)
    {
      g_string_append (out, "<img src=\"");
      append_file_uri (out, link.file_path);
      g_string_append (out, "\" alt=\"");
      append_escaped (out, alt);
      g_string_append_c (out, '"');
      append_title_attribute (out, cmark_node_get_title (node));
      g_string_append (out, " />");
    }
  else if (link.kind == SANASTO_LINK_EXTERNAL && is_remote_url (url) && ctx->link_depth == 0)
    {
      g_string_append (out, "<a class=\"external image\" rel=\"noreferrer\" href=\"");
      append_href (out, url);
      g_string_append (out, "\" title=\"");
      append_escaped (out, url);
      g_string_append (out, "\">");
      append_escaped (out, *alt != '\0' ? alt : _("Image"));
      g_string_append (out, "</a>");
    }
  else
    {
      append_escaped (out, alt);
    }

  sanasto_link_clear (&link);
}

static gboolean
in_tight_list (cmark_node *paragraph)
{
  cmark_node *parent = cmark_node_parent (paragraph);
  cmark_node *grandparent = parent != NULL ? cmark_node_parent (parent) : NULL;

  return grandparent != NULL &&
         cmark_node_get_type (grandparent) == CMARK_NODE_LIST &&
         cmark_node_get_list_tight (grandparent);
}

/* The article as HTML, in one walk over cmark's tree (an iterator: no recursion, however
 * deep the nesting). It writes every tag itself, so raw HTML from the article has no way
 * into the page. The markup follows cmark's own renderer. */
static void
render_body (RenderContext *ctx,
             cmark_node    *document,
             GString       *out)
{
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean entering = event == CMARK_EVENT_ENTER;
      cmark_node_type type = cmark_node_get_type (node);

      if (entering && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING))
        ctx->inline_budget = INLINE_BUDGET;

      if (type == CMARK_NODE_CODE || type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG ||
          type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        {
          if (entering && ctx->inline_budget == 0)
            cmark_node_set_user_data (node, PLAIN_NODE);
          else if (entering)
            ctx->inline_budget--;

          if (cmark_node_get_user_data (node) == PLAIN_NODE)
            {
              /* Images too: their alt text follows as the children's text. */
              if (type == CMARK_NODE_CODE)
                append_escaped (out, cmark_node_get_literal (node));
              continue;
            }
        }

      switch (type)
        {
        case CMARK_NODE_TEXT:
          append_escaped (out, cmark_node_get_literal (node));
          break;

        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, '\n');
          break;

        case CMARK_NODE_LINEBREAK:
          g_string_append (out, "<br />\n");
          break;

        case CMARK_NODE_CODE:
          g_string_append (out, "<code>");
          append_escaped (out, cmark_node_get_literal (node));
          g_string_append (out, "</code>");
          break;

        case CMARK_NODE_EMPH:
          g_string_append (out, entering ? "<em>" : "</em>");
          break;

        case CMARK_NODE_STRONG:
          g_string_append (out, entering ? "<strong>" : "</strong>");
          break;

        case CMARK_NODE_LINK:
          /* CommonMark links do not nest; should one ever, it stays text. */
          if (entering)
            {
              if (ctx->link_depth++ == 0)
                open_link (ctx, node, out);
            }
          else if (--ctx->link_depth == 0)
            {
              g_string_append_len (out, ctx->link_exit->str, ctx->link_exit->len);
            }
          break;

        case CMARK_NODE_IMAGE:
          render_image (ctx, node, out);
          skip_node (iter, node);
          break;

        case CMARK_NODE_PARAGRAPH:
          if (in_tight_list (node))
            break;
          if (entering)
            {
              append_newline (out);
              g_string_append (out, "<p>");
            }
          else
            {
              g_string_append (out, "</p>\n");
            }
          break;

        case CMARK_NODE_HEADING:
          if (entering)
            {
              if (!open_heading (ctx, node, out))
                skip_node (iter, node);
            }
          else
            {
              g_string_append (out, "</h");
              g_string_append_c (out,
                                 (char) ('0' + CLAMP (cmark_node_get_heading_level (node), 1, 6)));
              g_string_append (out, ">\n");
            }
          break;

        case CMARK_NODE_BLOCK_QUOTE:
          /* A lone ">" line after a quote makes an empty one: an empty bar on the page. */
          if (entering && cmark_node_first_child (node) == NULL)
            {
              skip_node (iter, node);
              break;
            }
          append_newline (out);
          g_string_append (out, entering ? "<blockquote>\n" : "</blockquote>\n");
          break;

        case CMARK_NODE_LIST:
          if (cmark_node_get_list_type (node) == CMARK_BULLET_LIST)
            {
              if (entering)
                append_newline (out);
              g_string_append (out, entering ? "<ul>\n" : "</ul>\n");
            }
          else if (entering)
            {
              int start = cmark_node_get_list_start (node);

              append_newline (out);
              if (start == 1)
                g_string_append (out, "<ol>\n");
              else
                g_string_append_printf (out, "<ol start=\"%d\">\n", start);
            }
          else
            {
              g_string_append (out, "</ol>\n");
            }
          break;

        case CMARK_NODE_ITEM:
          if (entering)
            {
              append_newline (out);
              g_string_append (out, "<li>");
            }
          else
            {
              g_string_append (out, "</li>\n");
            }
          break;

        case CMARK_NODE_CODE_BLOCK:
          {
            const char *info = cmark_node_get_fence_info (node);

            append_newline (out);
            if (info != NULL && *info != '\0')
              {
                g_autofree char *language = g_strndup (info, strcspn (info, " \t\r\n"));

                g_string_append (out, "<pre><code class=\"language-");
                append_escaped (out, language);
                g_string_append (out, "\">");
              }
            else
              {
                g_string_append (out, "<pre><code>");
              }
            append_escaped (out, cmark_node_get_literal (node));
            g_string_append (out, "</code></pre>\n");
          }
          break;

        case CMARK_NODE_THEMATIC_BREAK:
          append_newline (out);
          g_string_append (out, "<hr />\n");
          break;

        /* Raw HTML from the article is never shown, not even as a comment. */
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
        case CMARK_NODE_DOCUMENT:
        default:
          break;
        }
    }

  cmark_iter_free (iter);
}

static GBytes *
load_stylesheet (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resource_lookup_data (sanasto_core_get_resource (), STYLESHEET_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (bytes == NULL)
    g_error ("The article stylesheet is missing from the resources: %s", error->message);

  return bytes;
}

const char *
sanasto_renderer_get_stylesheet (void)
{
  static GBytes *stylesheet;

  if (g_once_init_enter (&stylesheet))
    g_once_init_leave (&stylesheet, load_stylesheet ());

  /* Resource data is always nul-terminated. */
  return g_bytes_get_data (stylesheet, NULL);
}

char *
sanasto_renderer_entry_uri (SanastoEntry *entry,
                            const char   *fragment)
{
  GString *uri;

  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), NULL);

  uri = g_string_sized_new (64);
  append_entry_uri (uri, entry, fragment);

  return g_string_free (uri, FALSE);
}

gboolean
sanasto_renderer_parse_entry_uri (const char  *uri,
                                  char       **language,
                                  char       **slug,
                                  char       **fragment)
{
  g_autofree char *path = NULL;
  g_autofree char *decoded_language = NULL;
  g_autofree char *decoded_slug = NULL;
  g_autofree char *decoded_fragment = NULL;
  const char *rest, *hash, *query, *end, *slash;

  g_return_val_if_fail (uri != NULL, FALSE);

  if (g_ascii_strncasecmp (uri, ENTRY_PREFIX, strlen (ENTRY_PREFIX)) != 0)
    return FALSE;

  rest = uri + strlen (ENTRY_PREFIX);
  hash = strchr (rest, '#');
  query = strchr (rest, '?');
  end = hash != NULL ? hash : rest + strlen (rest);
  if (query != NULL && query < end)
    end = query;

  slash = memchr (rest, '/', end - rest);
  if (slash == NULL || slash == rest || slash + 1 == end)
    return FALSE;

  decoded_language = g_uri_unescape_segment (rest, slash, NULL);
  decoded_slug = g_uri_unescape_segment (slash + 1, end, NULL);
  if (decoded_language == NULL || decoded_slug == NULL || *decoded_slug == '\0')
    return FALSE;
  if (strcmp (decoded_language, "_") == 0)
    decoded_language[0] = '\0';

  if (hash != NULL && hash[1] != '\0')
    {
      decoded_fragment = g_uri_unescape_string (hash + 1, NULL);
      if (decoded_fragment == NULL)
        return FALSE;
    }

  if (language != NULL)
    *language = g_steal_pointer (&decoded_language);
  if (slug != NULL)
    *slug = g_steal_pointer (&decoded_slug);
  if (fragment != NULL)
    *fragment = g_steal_pointer (&decoded_fragment);

  return TRUE;
}

/* The direction of the article, decided here once: dir="auto" on the article made WebKit
 * re-resolve it for every node the parser appended, so a 2 MB article took minutes to show.
 * The language says it when it is a right-to-left one; otherwise the title's first letter. */
static const char *
page_direction (SanastoEntry *entry)
{
  static const char * const rtl_languages[] = { "ar", "arc", "ckb", "dv", "fa", "he", "iw",
                                                "ks", "ps", "sd", "ug", "ur", "yi" };
  const char *language = sanasto_entry_get_language (entry);
  gsize primary = strcspn (language, "-_");

  for (guint i = 0; i < G_N_ELEMENTS (rtl_languages); i++)
    if (primary == strlen (rtl_languages[i]) &&
        g_ascii_strncasecmp (language, rtl_languages[i], primary) == 0)
      return "rtl";

  for (const char *p = sanasto_entry_get_title (entry); *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      switch ((int) g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
        case G_UNICODE_SCRIPT_SAMARITAN:
        case G_UNICODE_SCRIPT_MANDAIC:
        case G_UNICODE_SCRIPT_ADLAM:
          return "rtl";
        default:
          return "ltr";
        }
    }

  return "ltr";
}

static void
append_page_start (GString      *page,
                   SanastoEntry *entry)
{
  const char *language = sanasto_entry_get_language (entry);
  const char *title = sanasto_entry_get_title (entry);
  const char *description = sanasto_entry_get_description (entry);
  const char * const *keywords = sanasto_entry_get_keywords (entry);

  g_string_append (page, "<!DOCTYPE html>\n<html");
  if (*language != '\0')
    {
      g_string_append (page, " lang=\"");
      append_escaped (page, language);
      g_string_append_c (page, '"');
    }
  g_string_append (page,
                   ">\n<head>\n"
                   "<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\""
                   CONTENT_SECURITY_POLICY "\">\n"
                   "<meta name=\"color-scheme\" content=\"light dark\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
  append_escaped (page, title);
  g_string_append (page, "</title>\n<style>\n");
  g_string_append (page, sanasto_renderer_get_stylesheet ());
  g_string_append (page, "</style>\n</head>\n<body>\n<article dir=\"");
  g_string_append (page, page_direction (entry));
  g_string_append (page, "\">\n<header>\n<h1>");
  append_escaped (page, title);
  g_string_append (page, "</h1>\n");

  if (*description != '\0')
    {
      g_string_append (page, "<p class=\"description\">");
      append_escaped (page, description);
      g_string_append (page, "</p>\n");
    }

  if (keywords != NULL && keywords[0] != NULL)
    {
      g_string_append (page, "<ul class=\"chips\">");
      for (guint i = 0; keywords[i] != NULL; i++)
        {
          if (*keywords[i] == '\0')
            continue;
          g_string_append (page, "<li class=\"chip\">");
          append_escaped (page, keywords[i]);
          g_string_append (page, "</li>");
        }
      g_string_append (page, "</ul>\n");
    }

  g_string_append (page, "</header>\n");
}

static void
render_buffers_free (gpointer data)
{
  RenderContext *buffers = data;

  g_hash_table_unref (buffers->heading_ids);
  g_string_free (buffers->link_exit, TRUE);
  g_string_free (buffers->scratch, TRUE);
  g_string_free (buffers->fragment, TRUE);
  g_free (buffers);
}

/* Pages are rendered one after another, often many in a row: each thread keeps its working
 * buffers instead of allocating them for every page. */
static RenderContext *
render_buffers_get (void)
{
  static GPrivate key = G_PRIVATE_INIT (render_buffers_free);
  RenderContext *buffers = g_private_get (&key);

  if (buffers == NULL)
    {
      buffers = g_new0 (RenderContext, 1);
      buffers->heading_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      buffers->link_exit = g_string_sized_new (256);
      buffers->scratch = g_string_sized_new (256);
      buffers->fragment = g_string_sized_new (64);
      g_private_set (&key, buffers);
    }

  return buffers;
}

char *
_sanasto_renderer_render_markdown (SanastoGlossary *glossary,
                                   SanastoEntry    *entry,
                                   const char      *body,
                                   gsize            length)
{
  RenderContext *ctx = render_buffers_get ();
  cmark_node *document;
  GString *page;

  document = sanasto_markdown_parse (body, length);

  ctx->glossary = glossary;
  ctx->entry = entry;
  ctx->seen_heading = FALSE;
  ctx->link_depth = 0;
  ctx->inline_budget = INLINE_BUDGET;

  /* Markup adds about a fifth to the text; the stylesheet comes on top. */
  page = g_string_sized_new (length + length / 4 + 8192);
  append_page_start (page, entry);
  render_body (ctx, document, page);
  g_string_append (page, PAGE_END);

  cmark_node_free (document);
  g_hash_table_remove_all (ctx->heading_ids);
  ctx->glossary = NULL;
  ctx->entry = NULL;

  return g_string_free (page, FALSE);
}

char *
sanasto_renderer_render_page (SanastoGlossary  *glossary,
                              SanastoEntry     *entry,
                              GError          **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (SANASTO_IS_GLOSSARY (glossary), NULL);
  g_return_val_if_fail (SANASTO_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  body = sanasto_glossary_read_body (glossary, entry, error);
  if (body == NULL)
    return NULL;

  return _sanasto_renderer_render_markdown (glossary, entry, body, strlen (body));
}

/* "Also in: …" links to the same slug in the glossary's other languages. */
static void
append_also_in (GString         *out,
                SanastoGlossary *glossary,
                SanastoEntry    *entry)
{
  const char * const *languages = sanasto_glossary_get_languages (glossary);
  const char *own = sanasto_entry_get_language (entry);
  gboolean any = FALSE;

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      SanastoEntry *other;

      if (g_strcmp0 (languages[i], own) == 0)
        continue;
      other = sanasto_glossary_lookup (glossary, languages[i], sanasto_entry_get_slug (entry));
      if (other == NULL)
        continue;

      if (!any)
        {
          g_string_append (out, "<nav class=\"also-in\">");
          append_escaped (out, _("Also in:"));
          g_string_append_c (out, ' ');
          any = TRUE;
        }
      else
        g_string_append (out, ", ");
      g_string_append (out, "<a class=\"internal\" hreflang=\"");
      append_escaped (out, languages[i]);
      g_string_append (out, "\" href=\"");
      append_entry_uri (out, other, NULL);
      g_string_append (out, "\">");
      append_escaped (out, sanasto_language_get_display_name (languages[i]));
      g_string_append (out, "</a>");
    }
  if (any)
    g_string_append (out, "</nav>\n");
}

/* "Referenced by": each article that links here, with the sentence around the link. */
static void
append_backlinks (GString   *out,
                  GPtrArray *backlinks)
{
  g_string_append (out, "<section class=\"backlinks\">\n<h2>");
  append_escaped (out, _("Referenced by"));
  g_string_append (out, "</h2>\n<ul>\n");
  for (guint i = 0; i < backlinks->len; i++)
    {
      SanastoSearchHit *hit = g_ptr_array_index (backlinks, i);
      SanastoEntry *source = sanasto_search_hit_get_entry (hit);
      g_autofree char *context = sanasto_search_hit_get_snippet_markup (hit);

      g_string_append (out, "<li><a class=\"internal\" href=\"");
      append_entry_uri (out, source, NULL);
      g_string_append (out, "\">");
      append_escaped (out, sanasto_entry_get_title (source));
      g_string_append (out, "</a>");
      /* The snippet markup is escaped text with <b> around the link's words. */
      if (*context != '\0')
        {
          g_string_append (out, "<p class=\"context\">");
          g_string_append (out, context);
          g_string_append (out, "</p>");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n</section>\n");
}

char *
_sanasto_renderer_render_page_full (SanastoGlossary  *glossary,
                                    SanastoEntry     *entry,
                                    GPtrArray        *backlinks,
                                    GError          **error)
{
  g_autofree char *page = sanasto_renderer_render_page (glossary, entry, error);
  g_autoptr(GString) extra = NULL;
  GString *out;
  const char *header_end;
  gsize body_end;

  if (page == NULL)
    return NULL;

  extra = g_string_new (NULL);
  append_also_in (extra, glossary, entry);

  /* Article text is escaped, so the first "</header>" is the page's own. */
  header_end = strstr (page, "</header>\n");
  body_end = strlen (page);
  if (g_str_has_suffix (page, PAGE_END))
    body_end -= strlen (PAGE_END);
  if (header_end == NULL)
    return g_steal_pointer (&page);

  out = g_string_sized_new (body_end + 4096);
  g_string_append_len (out, page, header_end + strlen ("</header>\n") - page);
  g_string_append_len (out, extra->str, extra->len);
  g_string_append_len (out, header_end + strlen ("</header>\n"),
                       page + body_end - (header_end + strlen ("</header>\n")));
  if (backlinks != NULL && backlinks->len > 0)
    append_backlinks (out, backlinks);
  g_string_append (out, page + body_end);

  return g_string_free (out, FALSE);
}

char *
_sanasto_renderer_render_backlinks (GPtrArray *backlinks)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (backlinks != NULL, NULL);

  if (backlinks->len > 0)
    append_backlinks (out, backlinks);
  return g_string_free (out, FALSE);
}
