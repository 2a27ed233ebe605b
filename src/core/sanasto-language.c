/* sanasto-language.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "sanasto-language.h"
#include "sanasto-text.h"

/* ISO 639-1, two letters each. */
static const char iso_639_1[] =
  "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
  "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
  "ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
  "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
  "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
  "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
  "yo za zh zu ";  /* every code is followed by a space, the last one too */

typedef struct
{
  const char *code;
  const char *english;
  const char *native;
} LanguageName;

static const LanguageName names[] = {
  { "af", "Afrikaans", "Afrikaans" },
  { "am", "Amharic", "አማርኛ" },
  { "ar", "Arabic", "العربية" },
  { "az", "Azerbaijani", "Azərbaycanca" },
  { "be", "Belarusian", "Беларуская" },
  { "bg", "Bulgarian", "Български" },
  { "bn", "Bengali", "বাংলা" },
  { "bs", "Bosnian", "Bosanski" },
  { "ca", "Catalan", "Català" },
  { "cs", "Czech", "Čeština" },
  { "cy", "Welsh", "Cymraeg" },
  { "da", "Danish", "Dansk" },
  { "de", "German", "Deutsch" },
  { "el", "Greek", "Ελληνικά" },
  { "en", "English", "English" },
  { "eo", "Esperanto", "Esperanto" },
  { "es", "Spanish", "Español" },
  { "et", "Estonian", "Eesti" },
  { "eu", "Basque", "Euskara" },
  { "fa", "Persian", "فارسی" },
  { "fi", "Finnish", "Suomi" },
  { "fr", "French", "Français" },
  { "ga", "Irish", "Gaeilge" },
  { "gl", "Galician", "Galego" },
  { "he", "Hebrew", "עברית" },
  { "hi", "Hindi", "हिन्दी" },
  { "hr", "Croatian", "Hrvatski" },
  { "hu", "Hungarian", "Magyar" },
  { "hy", "Armenian", "Հայերեն" },
  { "id", "Indonesian", "Bahasa Indonesia" },
  { "is", "Icelandic", "Íslenska" },
  { "it", "Italian", "Italiano" },
  { "ja", "Japanese", "日本語" },
  { "ka", "Georgian", "ქართული" },
  { "kk", "Kazakh", "Қазақ тілі" },
  { "km", "Khmer", "ខ្មែរ" },
  { "ko", "Korean", "한국어" },
  { "lt", "Lithuanian", "Lietuvių" },
  { "lv", "Latvian", "Latviešu" },
  { "mk", "Macedonian", "Македонски" },
  { "ml", "Malayalam", "മലയാളം" },
  { "mn", "Mongolian", "Монгол" },
  { "ms", "Malay", "Bahasa Melayu" },
  { "mt", "Maltese", "Malti" },
  { "nb", "Norwegian Bokmal", "Norsk bokmål" },
  { "ne", "Nepali", "नेपाली" },
  { "nl", "Dutch", "Nederlands" },
  { "nn", "Norwegian Nynorsk", "Norsk nynorsk" },
  { "no", "Norwegian", "Norsk" },
  { "pa", "Punjabi", "ਪੰਜਾਬੀ" },
  { "pl", "Polish", "Polski" },
  { "pt", "Portuguese", "Português" },
  { "pt-br", "Brazilian Portuguese", "Português do Brasil" },
  { "ro", "Romanian", "Română" },
  { "ru", "Russian", "Русский" },
  { "se", "Northern Sami", "Davvisámegiella" },
  { "sk", "Slovak", "Slovenčina" },
  { "sl", "Slovenian", "Slovenščina" },
  { "sq", "Albanian", "Shqip" },
  { "sr", "Serbian", "Српски" },
  { "sv", "Swedish", "Svenska" },
  { "sw", "Swahili", "Kiswahili" },
  { "ta", "Tamil", "தமிழ்" },
  { "te", "Telugu", "తెలుగు" },
  { "th", "Thai", "ไทย" },
  { "tl", "Tagalog", "Tagalog" },
  { "tr", "Turkish", "Türkçe" },
  { "uk", "Ukrainian", "Українська" },
  { "ur", "Urdu", "اردو" },
  { "uz", "Uzbek", "Oʻzbekcha" },
  { "vi", "Vietnamese", "Tiếng Việt" },
  { "zh", "Chinese", "中文" },
  { "zh-cn", "Simplified Chinese", "简体中文" },
  { "zh-tw", "Traditional Chinese", "繁體中文" },
};

/* Default regions for the locales that collate a language. */
static const struct { const char *code; const char *locale; } locales[] = {
  { "ar", "ar_EG" }, { "bg", "bg_BG" }, { "ca", "ca_ES" }, { "cs", "cs_CZ" },
  { "da", "da_DK" }, { "de", "de_DE" }, { "el", "el_GR" }, { "en", "en_US" },
  { "es", "es_ES" }, { "et", "et_EE" }, { "fa", "fa_IR" }, { "fi", "fi_FI" },
  { "fr", "fr_FR" }, { "he", "he_IL" }, { "hi", "hi_IN" }, { "hr", "hr_HR" },
  { "hu", "hu_HU" }, { "id", "id_ID" }, { "it", "it_IT" }, { "ja", "ja_JP" },
  { "ko", "ko_KR" }, { "lt", "lt_LT" }, { "lv", "lv_LV" }, { "nb", "nb_NO" },
  { "nl", "nl_NL" }, { "nn", "nn_NO" }, { "no", "nb_NO" }, { "pl", "pl_PL" },
  { "pt", "pt_PT" }, { "ro", "ro_RO" }, { "ru", "ru_RU" }, { "sk", "sk_SK" },
  { "sl", "sl_SI" }, { "sr", "sr_RS" }, { "sv", "sv_SE" }, { "th", "th_TH" },
  { "tr", "tr_TR" }, { "uk", "uk_UA" }, { "vi", "vi_VN" }, { "zh", "zh_CN" },
};

static gboolean
is_primary_code (const char *code,
                 gsize       length)
{
  const char *p;

  if (length != 2 || !g_ascii_islower (code[0]) || !g_ascii_islower (code[1]))
    return FALSE;

  for (p = iso_639_1; *p; p += 3)
    if (p[0] == code[0] && p[1] == code[1])
      return TRUE;

  return FALSE;
}

/* Lower case, '_' as '-'; NULL when it does not look like ll or ll-RR / ll-Hans. */
static char *
canonical_code (const char *code)
{
  g_autofree char *lower = NULL;
  const char *dash;
  gsize region_length;

  if (code == NULL)
    return NULL;

  lower = g_ascii_strdown (code, -1);
  g_strdelimit (lower, "_", '-');

  dash = strchr (lower, '-');
  if (!is_primary_code (lower, dash ? (gsize) (dash - lower) : strlen (lower)))
    return NULL;
  if (dash == NULL)
    return g_steal_pointer (&lower);

  region_length = strlen (dash + 1);
  if (region_length < 2 || region_length > 4)
    return NULL;
  for (const char *p = dash + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;

  return g_steal_pointer (&lower);
}

gboolean
sanasto_language_is_code (const char *code)
{
  g_autofree char *canonical = canonical_code (code);

  return canonical != NULL;
}

char *
sanasto_language_from_folder_name (const char *name,
                                   gboolean   *is_full_name)
{
  char *code;

  if (is_full_name)
    *is_full_name = FALSE;
  if (name == NULL)
    return NULL;

  if ((code = canonical_code (name)) != NULL)
    return code;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (name, names[i].english) == 0)
        {
          if (is_full_name)
            *is_full_name = TRUE;
          return g_strdup (names[i].code);
        }
    }

  return NULL;
}

const char *
sanasto_language_get_display_name (const char *code)
{
  g_autofree char *canonical = NULL;
  g_autofree char *primary = NULL;

  g_return_val_if_fail (code != NULL, NULL);

  if ((canonical = canonical_code (code)) == NULL)
    return code;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (canonical, names[i].code) == 0)
      return names[i].native;

  primary = g_strndup (canonical, 2);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (primary, names[i].code) == 0)
      return names[i].native;

  return code;
}

G_LOCK_DEFINE_STATIC (collation);
static GHashTable *collation_locales;  /* code -> locale_t, or NULL when not installed */

static locale_t
get_collation_locale (const char *code)
{
  g_autofree char *canonical = canonical_code (code);
  g_autoptr(GPtrArray) names_tried = NULL;
  const char *interned;
  gpointer value;
  locale_t locale = (locale_t) 0;

  if (canonical == NULL)
    return (locale_t) 0;

  interned = g_intern_string (canonical);

  G_LOCK (collation);

  if (collation_locales == NULL)
    collation_locales = g_hash_table_new (NULL, NULL);

  if (g_hash_table_lookup_extended (collation_locales, interned, NULL, &value))
    {
      G_UNLOCK (collation);
      return (locale_t) value;
    }

  /* The region the code names first (pt-br -> pt_BR), then the language's default region. */
  names_tried = g_ptr_array_new_with_free_func (g_free);
  if (strlen (canonical) > 3)
    {
      g_autofree char *region = g_ascii_strup (canonical + 3, -1);

      g_ptr_array_add (names_tried, g_strdup_printf ("%.2s_%s.UTF-8", canonical, region));
    }
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    if (strncmp (canonical, locales[i].code, 2) == 0)
      {
        char *name = g_strdup_printf ("%s.UTF-8", locales[i].locale);

        if (g_ptr_array_find_with_equal_func (names_tried, name, g_str_equal, NULL))
          g_free (name);
        else
          g_ptr_array_add (names_tried, name);
        break;
      }

  for (guint i = 0; i < names_tried->len && locale == (locale_t) 0; i++)
    locale = newlocale (LC_COLLATE_MASK, g_ptr_array_index (names_tried, i), (locale_t) 0);

  if (locale == (locale_t) 0)
    {
      g_autofree char *tried = NULL;

      /* Name every locale tried: installing any one of them fixes the sorting. */
      g_ptr_array_add (names_tried, NULL);
      tried = g_strjoinv (", ", (char **) names_tried->pdata);
      g_message ("No collation locale for language “%s” (%s%s); sorting without it",
                 canonical, *tried ? "tried " : "no locale known", tried);
    }

  g_hash_table_insert (collation_locales, (gpointer) interned, (gpointer) locale);

  G_UNLOCK (collation);

  return locale;
}

typedef struct
{
  gunichar    letter;
  const char *key;  /* sorts after "z" and in the alphabet's order: '{' < '|' < '}' */
} AfterZ;

static const AfterZ *
nordic_letters (const char *code)
{
  static const AfterZ finnish_swedish[] = {
    { 0xe5, "z{" }, { 0xe4, "z|" }, { 0xf6, "z}" }, { 0 }     /* å ä ö */
  };
  static const AfterZ danish_norwegian[] = {
    { 0xe6, "z{" }, { 0xf8, "z|" }, { 0xe5, "z}" }, { 0 }     /* æ ø å */
  };

  if (g_str_has_prefix (code, "fi") || g_str_has_prefix (code, "sv"))
    return finnish_swedish;
  if (g_str_has_prefix (code, "da") || g_str_has_prefix (code, "nb") ||
      g_str_has_prefix (code, "nn") || g_str_has_prefix (code, "no"))
    return danish_norwegian;
  return NULL;
}

char *
sanasto_language_collation_key (const char *code,
                                const char *text)
{
  locale_t locale;
  g_autofree char *folded = NULL;
  const AfterZ *after_z;

  g_return_val_if_fail (text != NULL, NULL);

  locale = code && *code ? get_collation_locale (code) : (locale_t) 0;
  if (locale != (locale_t) 0)
    {
      size_t needed = strxfrm_l (NULL, text, 0, locale);
      char *key = g_malloc (needed + 1);

      strxfrm_l (key, text, needed + 1, locale);
      return key;
    }

  /* Without the locale: ignore case and diacritics, which is close to what most languages do
   * for Latin letters, except the Nordic ones that put a few letters after "z". Callers break
   * ties (by slug, for entries). */
  if (code != NULL && (after_z = nordic_letters (code)) != NULL)
    {
      g_autofree char *lower = g_utf8_casefold (text, -1);
      GString *marked = g_string_sized_new (strlen (lower) + 8);

      for (const char *p = lower; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          const char *letter = NULL;

          for (guint i = 0; after_z[i].letter != 0 && letter == NULL; i++)
            if (after_z[i].letter == c)
              letter = after_z[i].key;
          if (letter != NULL)
            g_string_append (marked, letter);
          else
            g_string_append_unichar (marked, c);
        }
      folded = sanasto_text_fold (marked->str, marked->len);
      g_string_free (marked, TRUE);
      return g_steal_pointer (&folded);
    }

  folded = sanasto_text_fold (text, -1);
  return g_steal_pointer (&folded);
}
