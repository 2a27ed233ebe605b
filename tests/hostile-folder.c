/* hostile-folder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "hostile-folder.h"

#define LONG_LINE     (1024 * 1024)
#define DEEP_NESTING  10000

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
make_dir (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
}

static void
make_symlink (const char *target,
              const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static char *
repeat (const char *piece,
        guint       times,
        const char *tail)
{
  GString *out = g_string_sized_new (strlen (piece) * times + strlen (tail));

  for (guint i = 0; i < times; i++)
    g_string_append (out, piece);
  g_string_append (out, tail);
  return g_string_free (out, FALSE);
}

const HostileGood hostile_good_entries[] = {
  { "plain", "PLAINWORD" },
  { "crlf-bom", "CRLFWORD" },
  { "bad-utf8", "BADUTFWORD" },
  { "billion-laughs", "LAUGHWORD" },
  { "deep-list", "DEEPLISTWORD" },
  { "deep-quote", "DEEPQUOTEWORD" },
  { "deep-brackets", "BRACKETWORD" },
  { "long-line", "LONGLINEWORD" },
  { "late-nul", "LATENULWORD" },
  { "unterminated", "UNTERMINATEDWORD" },
  { "escapes", "ESCAPEWORD" },
  { "huge", "HUGEWORD" },  /* last: absent when built without it */
};
const guint hostile_n_good_entries = G_N_ELEMENTS (hostile_good_entries);

void
hostile_build (Hostile *hostile,
               gsize    huge_size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret_file = NULL;
  g_autofree char *unreadable = NULL;
  char *text;

  hostile->tmp = g_dir_make_tmp ("sanasto-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  hostile->root = g_build_filename (hostile->tmp, "root", NULL);
  hostile->outside = g_build_filename (hostile->tmp, "outside", NULL);
  make_dir (hostile->tmp, "root");
  make_dir (hostile->tmp, "outside");

  /* Outside the root: a secret, reachable only through symlinks and ../ paths. */
  write_file (hostile->outside, "secret.md", "---\ntitle: " SECRET "\n---\n" SECRET "\n", -1);
  write_file (hostile->outside, "secret.png", SECRET, -1);
  secret_file = g_build_filename (hostile->outside, "secret.md", NULL);
  make_symlink (secret_file, hostile->root, "outside-link.md");
  make_symlink (hostile->outside, hostile->root, "outside-dir");
  make_symlink ("../outside/secret.md", hostile->root, "relative-outside.md");

  /* Good articles, each odd in one way. */
  write_file (hostile->root, "plain.md",
              "---\ntitle: Plain\n---\nPLAINWORD. See [crlf](crlf-bom.md).\n", -1);
  write_file (hostile->root, "crlf-bom.md",
              "\xef\xbb\xbf---\r\ntitle: CRLF and BOM\r\ndescription: d\r\n---\r\n"
              "CRLFWORD line one\r\nline two\r\n", -1);
  write_file (hostile->root, "bad-utf8.md",
              "---\ntitle: Bad \xff\xfe UTF-8 \xc3\n---\nBADUTFWORD \xed\xa0\x80 \xc0\xaf \xf8\x88\x80"
              "\x80\x80 end\xe2\x82\n", -1);
  write_file (hostile->root, "billion-laughs.md",
              "---\n"
              "title: &a [LAUGHWORD, LAUGHWORD, LAUGHWORD, LAUGHWORD, LAUGHWORD]\n"
              "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
              "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
              "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
              "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
              "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
              "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
              "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
              "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
              "keywords: *i\n"
              "aliases: *i\n"
              "tags: [*i, *h, *g]\n"
              "description: *i\n"
              "---\nLAUGHWORD body\n", -1);

  text = repeat ("- ", DEEP_NESTING, "DEEPLISTWORD\n");
  write_file (hostile->root, "deep-list.md", text, -1);
  g_free (text);
  text = repeat (">", DEEP_NESTING, " DEEPQUOTEWORD\n");
  write_file (hostile->root, "deep-quote.md", text, -1);
  g_free (text);
  {
    g_autofree char *open = repeat ("[", DEEP_NESTING, "BRACKETWORD");
    g_autofree char *close = repeat ("](x)", DEEP_NESTING, "");
    g_autofree char *stars = repeat ("*_", DEEP_NESTING, "\n");
    g_autofree char *ticks = repeat ("<a href=\"", DEEP_NESTING, "\n");

    text = g_strconcat (open, close, "\n\n", stars, "\n", ticks, NULL);
    write_file (hostile->root, "deep-brackets.md", text, -1);
    g_free (text);
  }

  text = g_malloc (LONG_LINE + 64);
  strcpy (text, "LONGLINEWORD ");
  for (gsize i = strlen (text); i < LONG_LINE; i++)
    text[i] = "ab *[_`<&"[i % 9];
  strcpy (text + LONG_LINE, "\n");
  write_file (hostile->root, "long-line.md", text, -1);
  g_free (text);

  /* A NUL past the binary probe: text, shown with a replacement character. */
  {
    GString *late = g_string_new ("---\ntitle: Late NUL\n---\nLATENULWORD ");

    while (late->len < 4096)
      g_string_append (late, "filler text ");
    g_string_append_len (late, "a\0b\0\0c\n", 7);
    write_file (hostile->root, "late-nul.md", late->str, late->len);
    g_string_free (late, TRUE);
  }

  write_file (hostile->root, "unterminated.md",
              "---\ntitle: Never closed\ndescription: x\nUNTERMINATEDWORD and more\n", -1);

  /* Links and images that try to leave the folder or run something. */
  write_file (hostile->root, "escapes.md",
              "---\ntitle: \"<script>alert(1)</script>Escapes\"\n"
              "description: \"<img src=x onerror=alert(1)>\"\n"
              "keywords: \"<script>k</script>, <b>bold</b>\"\n---\n"
              "ESCAPEWORD\n\n"
              "[up](../outside/secret.md) [abs](" "/etc/passwd) [link](outside-link.md)\n"
              "[dir](outside-dir/secret.md) [enc](%2e%2e/outside/secret.md)\n"
              "![img](../outside/secret.png) ![img2](outside-dir/secret.png)\n"
              "[js](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)\n"
              "<script>alert(1)</script>\n\n<SCRIPT SRC=x></SCRIPT>\n\n"
              "<img src=x onerror=alert(1)> <svg onload=alert(1)>\n\n"
              "[x](<javascript:alert(1)>) [y](JaVaScRiPt:alert(1))\n", -1);

  if (huge_size > 0)
    {
      /* One huge article: many paragraphs with links and emphasis. */
      GString *huge = g_string_sized_new (huge_size + 4096);

      g_string_append (huge, "---\ntitle: Huge\n---\nHUGEWORD\n\n");
      while (huge->len < huge_size)
        g_string_append (huge, "Some *emphasis* and a [link](plain) in a paragraph of text "
                               "that goes on; `code` & <b>tags</b>.\n\n");
      write_file (hostile->root, "huge.md", huge->str, huge->len);
      g_string_free (huge, TRUE);
    }

  /* Bad files. */
  write_file (hostile->root, "empty.md", "", 0);
  write_file (hostile->root, "blank.md", " \n\t\r\n", -1);
  write_file (hostile->root, "nul.md", "\0\0\0\0binary\0", 11);
  write_file (hostile->root, "bad-name-\xff\xfe.md", "---\ntitle: Bad name\n---\nBADNAMEWORD\n",
              -1);
  write_file (hostile->root, "new\nline.md", "NEWLINEWORD\n", -1);
  write_file (hostile->root, "fake\nBROKEN: fake.md:1: line.md",
              "FAKEWORD [x\x1b[2J](nowhere-at-all)\n", -1);
  write_file (hostile->root, "empty\nBROKEN: forged\x1b[2J.md", "", 0);

  /* Symlink loops: a folder that contains itself, and links that point at each other. */
  make_dir (hostile->root, "loop");
  make_symlink ("..", hostile->root, "loop/up");
  make_symlink ("../loop", hostile->root, "loop/again");
  make_symlink ("self.md", hostile->root, "self.md");
  make_symlink ("ping.md", hostile->root, "pong.md");
  make_symlink ("pong.md", hostile->root, "ping.md");

  write_file (hostile->root, "unreadable.md", "---\ntitle: Unreadable\n---\nx\n", -1);
  unreadable = g_build_filename (hostile->root, "unreadable.md", NULL);
  g_assert_cmpint (g_chmod (unreadable, 0), ==, 0);
  /* As root, mode 000 does not keep us out. */
  hostile->chmod_blocks = access (unreadable, R_OK) != 0;

  write_file (hostile->root, "removed.md", "---\ntitle: Removed\n---\nREMOVEDWORD\n", -1);
}

void
hostile_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
        hostile_remove_tree (child);
      else
        g_unlink (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

void
hostile_free (Hostile *hostile)
{
  hostile_remove_tree (hostile->tmp);
  g_free (hostile->tmp);
  g_free (hostile->root);
  g_free (hostile->outside);
}
