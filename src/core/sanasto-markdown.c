/* sanasto-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sanasto-markdown-private.h"

/* Safe by default in cmark 0.30; CMARK_OPT_UNSAFE is never passed. No CMARK_OPT_SMART: the text
 * is shown as written, as GitHub and GitLab show these glossaries. Typographic punctuation
 * turned `--flag` written outside a code span into "–flag", and cost half again cmark's parse
 * (docs/PERFORMANCE.md). */
#define SANASTO_CMARK_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)

void
sanasto_link_ref_free (SanastoLinkRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->target);
  g_free (ref->anchor_text);
  g_free (ref);
}

/* Counts leading spaces (a tab counts as reaching the next multiple of four). */
static int
leading_indent (const char *line,
                const char *end,
                const char **after)
{
  int width = 0;
  const char *p = line;

  while (p < end && (*p == ' ' || *p == '\t'))
    {
      width = *p == '\t' ? (width + 4) & ~3 : width + 1;
      p++;
    }

  *after = p;
  return width;
}

/* Length of a code fence opening or closing run of ``` or ~~~ at p, or 0. */
static gsize
fence_length (const char *p,
              const char *end,
              char       *fence_char)
{
  const char *q = p;

  if (p >= end || (*p != '`' && *p != '~'))
    return 0;

  while (q < end && *q == *p)
    q++;

  if (q - p < 3)
    return 0;

  /* A backtick fence's info string may not contain backticks. */
  if (*p == '`' && memchr (q, '`', end - q) != NULL)
    return 0;

  *fence_char = *p;
  return q - p;
}

/* Appends s escaped so that it reads literally as Markdown link text. */
static void
append_markdown_text (GString    *out,
                      const char *s,
                      gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_ispunct (s[i]))
        g_string_append_c (out, '\\');
      g_string_append_c (out, s[i]);
    }
}

/* Appends s as a pointy-bracket link destination. */
static void
append_markdown_destination (GString    *out,
                             const char *s,
                             gsize       len)
{
  g_string_append_c (out, '<');
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '<' || s[i] == '>' || s[i] == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, s[i]);
    }
  g_string_append_c (out, '>');
}

/* Reads a double-quoted string at *p (after optional spaces); no escapes inside. */
static gboolean
read_quoted (const char **p,
             const char  *end,
             const char **start,
             gsize       *len)
{
  const char *q = *p;
  const char *close;

  while (q < end && *q == ' ')
    q++;
  if (q >= end || *q != '"')
    return FALSE;
  q++;
  close = memchr (q, '"', end - q);
  if (close == NULL)
    return FALSE;

  *start = q;
  *len = close - q;
  *p = close + 1;
  return TRUE;
}

static gboolean
skip_literal (const char **p,
              const char  *end,
              const char  *literal)
{
  const char *q = *p;
  gsize n = strlen (literal);

  while (q < end && *q == ' ')
    q++;
  if ((gsize) (end - q) < n || memcmp (q, literal, n) != 0)
    return FALSE;

  *p = q + n;
  return TRUE;
}

/* What both macro forms become: [text](/term), the term standing in for a missing text. */
static void
append_glossary_link (GString    *out,
                      const char *term,
                      gsize       term_len,
                      const char *text,
                      gsize       text_len)
{
  g_autofree char *dest = g_strdup_printf ("/%.*s", (int) term_len, term);

  g_string_append_c (out, '[');
  if (text != NULL && text_len > 0)
    append_markdown_text (out, text, text_len);
  else
    append_markdown_text (out, term, term_len);
  g_string_append (out, "](");
  append_markdown_destination (out, dest, strlen (dest));
  g_string_append_c (out, ')');
}

/* {{Glossary("X")}} or {{Glossary("X", "text")}} at p; on success *p is past the macro. */
static gboolean
rewrite_glossary_macro (const char **p,
                        const char  *end,
                        GString     *out)
{
  const char *q = *p + 2;
  const char *term, *text = NULL;
  gsize term_len, text_len = 0;

  if (!skip_literal (&q, end, "Glossary(") || !read_quoted (&q, end, &term, &term_len))
    return FALSE;
  if (skip_literal (&q, end, ",") && !read_quoted (&q, end, &text, &text_len))
    return FALSE;
  if (!skip_literal (&q, end, ")") || !skip_literal (&q, end, "}}") || term_len == 0)
    return FALSE;

  append_glossary_link (out, term, term_len, text, text_len);

  *p = q;
  return TRUE;
}

/* {{< glossary_tooltip term_id="x" text="y" >}} at p, attributes in any order. */
static gboolean
rewrite_tooltip_macro (const char **p,
                       const char  *end,
                       GString     *out)
{
  const char *q = *p + 2;
  const char *term = NULL, *text = NULL;
  gsize term_len = 0, text_len = 0;

  if (!skip_literal (&q, end, "<") || !skip_literal (&q, end, "glossary_tooltip"))
    return FALSE;

  for (;;)
    {
      const char *name, *value;
      gsize value_len;

      while (q < end && *q == ' ')
        q++;
      if (skip_literal (&q, end, ">}}"))
        break;

      name = q;
      while (q < end && (g_ascii_isalnum (*q) || *q == '_'))
        q++;
      if (q == name || q >= end || *q != '=')
        return FALSE;
      q++;
      if (!read_quoted (&q, end, &value, &value_len))
        return FALSE;

      if (strncmp (name, "term_id=", 8) == 0)
        term = value, term_len = value_len;
      else if (strncmp (name, "text=", 5) == 0)
        text = value, text_len = value_len;
    }

  if (term == NULL || term_len == 0)
    return FALSE;

  append_glossary_link (out, term, term_len, text, text_len);

  *p = q;
  return TRUE;
}

/* Copies one line of ordinary text (not code), turning glossary macros into links outside
 * code spans. */
static void
append_text_line (GString    *out,
                  const char *line,
                  const char *end)
{
  const char *p = line;
  const char *copied = line;

  while (p < end)
    {
      if (*p == '`')
        {
          /* A code span runs to the next backtick run of the same length on this line. */
          const char *run = p;
          gsize n;
          const char *q;

          while (p < end && *p == '`')
            p++;
          n = p - run;
          for (q = p; q < end; )
            {
              const char *close = q;

              if (*q != '`')
                {
                  q++;
                  continue;
                }
              while (q < end && *q == '`')
                q++;
              if ((gsize) (q - close) == n)
                {
                  p = q;
                  break;
                }
            }
          continue;
        }

      if (*p == '{' && p + 1 < end && p[1] == '{')
        {
          const char *after = p;
          gsize before = out->len;

          g_string_append_len (out, copied, p - copied);
          if (rewrite_glossary_macro (&after, end, out) ||
              rewrite_tooltip_macro (&after, end, out))
            {
              p = copied = after;
              continue;
            }
          g_string_truncate (out, before);
          p += 2;
          continue;
        }

      p++;
    }

  g_string_append_len (out, copied, end - copied);
}

/* The lenient pre-pass: "##Heading" becomes "## Heading" and site-generator glossary macros
 * become links, outside fenced and indented code. No line is added or removed, so cmark's
 * line numbers stay those of the body. */
static GString *
prepare_source (const char *body,
                gsize       length)
{
  GString *out = g_string_sized_new (length + length / 64 + 16);
  const char *p = body;
  const char *end = body + length;
  char fence_char = 0;
  gsize fence_len = 0;
  gboolean previous_blank = TRUE;
  gboolean in_indented_code = FALSE;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      const char *next = nl != NULL ? nl + 1 : end;
      const char *text;
      int indent = leading_indent (p, line_end, &text);
      gboolean blank = text == line_end;
      char c = 0;
      gsize n;

      if (fence_len > 0)
        {
          /* Inside a fenced code block: copy verbatim until the closing fence. */
          n = indent < 4 ? fence_length (text, line_end, &c) : 0;
          if (n >= fence_len && c == fence_char)
            {
              const char *rest = text + n;
              while (rest < line_end && (*rest == ' ' || *rest == '\t'))
                rest++;
              if (rest == line_end)
                fence_len = 0;
            }
          g_string_append_len (out, p, next - p);
          p = next;
          previous_blank = FALSE;
          continue;
        }

      /* Indented code starts only after a blank line; it cannot interrupt a paragraph. */
      if (!blank && indent >= 4 && (previous_blank || in_indented_code))
        in_indented_code = TRUE;
      else if (!blank)
        in_indented_code = FALSE;

      if (in_indented_code || blank || indent >= 4)
        {
          g_string_append_len (out, p, next - p);
          p = next;
          previous_blank = blank;
          continue;
        }

      n = fence_length (text, line_end, &c);
      if (n > 0)
        {
          fence_char = c;
          fence_len = n;
          g_string_append_len (out, p, next - p);
          p = next;
          previous_blank = FALSE;
          continue;
        }

      if (*text == '#')
        {
          const char *h = text;

          while (h < line_end && *h == '#')
            h++;
          if (h - text <= 6 && h < line_end && *h != ' ' && *h != '\t')
            {
              g_string_append_len (out, p, h - p);
              g_string_append_c (out, ' ');
              append_text_line (out, h, line_end);
              g_string_append_len (out, line_end, next - line_end);
              p = next;
              previous_blank = FALSE;
              continue;
            }
        }

      append_text_line (out, p, line_end);
      g_string_append_len (out, line_end, next - line_end);
      p = next;
      previous_blank = FALSE;
    }

  return out;
}

/* Whether the pre-pass could change anything: a line starting with '#' right before a
 * non-space, or a "{{". Most articles have neither and are parsed without a copy. */
static gboolean
needs_pre_pass (const char *body,
                gsize       length)
{
  const char *end = body + length;

  for (const char *p = memchr (body, '#', length); p != NULL;
       p = p + 1 < end ? memchr (p + 1, '#', end - p - 1) : NULL)
    {
      const char *line = p;

      while (line > body && line[-1] == ' ')
        line--;
      if ((line == body || line[-1] == '\n') && p - line < 4)
        {
          const char *h = p;

          while (h < end && *h == '#')
            h++;
          if (h < end && *h != ' ' && *h != '\t' && *h != '\n' && *h != '\r')
            return TRUE;
        }
    }

  for (const char *p = memchr (body, '{', length); p != NULL;
       p = p + 1 < end ? memchr (p + 1, '{', end - p - 1) : NULL)
    if (p + 1 < end && p[1] == '{')
      return TRUE;

  return FALSE;
}

cmark_node *
sanasto_markdown_parse (const char *body,
                        gsize       length)
{
  g_autoptr(GString) source = NULL;

  g_return_val_if_fail (body != NULL || length == 0, NULL);

  if (body == NULL)
    body = "";

  if (!needs_pre_pass (body, length))
    return cmark_parse_document (body, length, SANASTO_CMARK_OPTIONS);

  source = prepare_source (body, length);
  return cmark_parse_document (source->str, source->len, SANASTO_CMARK_OPTIONS);
}

/* Appends the visible text of an inline leaf node; FALSE for nodes that carry none. */
static gboolean
append_inline_text (GString    *out,
                    cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      g_string_append (out, cmark_node_get_literal (node));
      return TRUE;

    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      g_string_append_c (out, ' ');
      return TRUE;

    default:
      return FALSE;
    }
}

/* The plain text under node (inclusive), collected with an iterator, no recursion. */
static char *
node_text (cmark_node *node)
{
  GString *out = g_string_new (NULL);
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      if (event == CMARK_EVENT_ENTER)
        append_inline_text (out, cmark_iter_get_node (iter));
    }
  cmark_iter_free (iter);

  return g_strstrip (g_string_free (out, FALSE));
}

char *
_sanasto_markdown_node_text (cmark_node *node)
{
  return node_text (node);
}

/* cmark dates a link that spans lines by its last line; its text starts on the first. */
static int
link_line (cmark_node *link)
{
  int line = cmark_node_get_start_line (link);
  cmark_node *first = cmark_node_first_child (link);

  if (first != NULL && cmark_node_get_start_line (first) > 0)
    line = MIN (line, cmark_node_get_start_line (first));

  return line;
}

GPtrArray *
sanasto_markdown_collect_links (cmark_node *document)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) sanasto_link_ref_free);
  cmark_iter *iter;
  cmark_event_type event;
  g_autoptr(GString) anchor = g_string_new (NULL);
  cmark_node *open_link = NULL;

  g_return_val_if_fail (document != NULL, links);

  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_LINK)
        {
          if (event == CMARK_EVENT_ENTER && open_link == NULL)
            {
              open_link = node;
              g_string_truncate (anchor, 0);
            }
          else if (event == CMARK_EVENT_EXIT && node == open_link)
            {
              SanastoLinkRef *ref = g_new0 (SanastoLinkRef, 1);
              const char *url = cmark_node_get_url (node);

              ref->target = g_strdup (url != NULL ? url : "");
              ref->anchor_text = g_strstrip (g_strdup (anchor->str));
              ref->line = link_line (node);
              g_ptr_array_add (links, ref);
              open_link = NULL;
            }
        }
      else if (open_link != NULL && event == CMARK_EVENT_ENTER)
        {
          append_inline_text (anchor, node);
        }
    }
  cmark_iter_free (iter);

  return links;
}

static gboolean
is_block (cmark_node_type type)
{
  return type >= CMARK_NODE_FIRST_BLOCK && type <= CMARK_NODE_LAST_BLOCK;
}

char *
sanasto_markdown_plain_text (cmark_node *document)
{
  GString *out;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (document != NULL, g_strdup (""));

  out = g_string_new (NULL);
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event == CMARK_EVENT_ENTER)
        {
          if (type == CMARK_NODE_CODE_BLOCK)
            {
              if (out->len > 0 && out->str[out->len - 1] != '\n')
                g_string_append_c (out, '\n');
              g_string_append (out, cmark_node_get_literal (node));
            }
          else
            {
              /* Link destinations and raw HTML are not text a reader sees. */
              append_inline_text (out, node);
            }
        }
      else if (is_block (type) && out->len > 0 && out->str[out->len - 1] != '\n')
        {
          g_string_append_c (out, '\n');
        }
    }
  cmark_iter_free (iter);

  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* Cuts text to about max_chars characters at a word boundary, adding an ellipsis. */
static char *
shorten_at_word (char  *text,
                 gsize  max_chars)
{
  const char *p = text;
  const char *cut = NULL;
  const char *last_space = NULL;
  gsize count = 0;
  GString *out;

  while (*p != '\0')
    {
      if (count == max_chars)
        {
          cut = p;
          break;
        }
      if (g_unichar_isspace (g_utf8_get_char (p)))
        last_space = p;
      p = g_utf8_next_char (p);
      count++;
    }

  if (cut == NULL)
    return text;

  /* Prefer the last word boundary, unless it would throw away most of the text. */
  if (last_space != NULL && (gsize) (last_space - text) > (gsize) (cut - text) / 2)
    cut = last_space;

  out = g_string_new_len (text, cut - text);
  while (out->len > 0 && (g_ascii_isspace (out->str[out->len - 1]) ||
                          g_ascii_ispunct (out->str[out->len - 1])))
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "…");
  g_free (text);

  return g_string_free (out, FALSE);
}

char *
sanasto_markdown_first_paragraph (cmark_node *document,
                                  gsize       max_chars)
{
  g_return_val_if_fail (document != NULL, NULL);

  /* Walk top-level blocks and their containers without recursing. */
  for (cmark_node *node = cmark_node_first_child (document);
       node != NULL;
       node = cmark_node_next (node))
    {
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_PARAGRAPH)
        {
          char *text = node_text (node);

          if (*text != '\0')
            return shorten_at_word (text, max_chars);
          g_free (text);
        }
      else if (type == CMARK_NODE_BLOCK_QUOTE && cmark_node_first_child (node) != NULL)
        {
          /* Some articles open with their definition in a quote: look inside, then go on. */
          cmark_node *first = cmark_node_first_child (node);

          if (cmark_node_get_type (first) == CMARK_NODE_PARAGRAPH)
            {
              char *text = node_text (first);

              if (*text != '\0')
                return shorten_at_word (text, max_chars);
              g_free (text);
            }
        }
    }

  return NULL;
}

char *
sanasto_markdown_first_heading (cmark_node *document)
{
  cmark_iter *iter;
  cmark_event_type event;
  char *text = NULL;

  g_return_val_if_fail (document != NULL, NULL);

  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_HEADING)
        {
          text = node_text (node);
          if (*text != '\0')
            break;
          g_clear_pointer (&text, g_free);
        }
    }
  cmark_iter_free (iter);

  return text;
}
