/* sanasto-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sanasto-preferences-window.h"

struct _SanastoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  GtkSpinButton        *font_size_spin;
  GtkFontButton        *font_button;
  GtkWidget            *font_reset_button;
  GtkSwitch            *drafts_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SanastoPreferencesWindow, sanasto_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's order. */
static const char * const color_schemes[] = { "system", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (color_schemes[i < G_N_ELEMENTS (color_schemes) ? i : 0]);
}

/* The font button shows the chosen family, or the system's when the article keeps its own. */
static void
font_family_changed_cb (SanastoPreferencesWindow *self)
{
  g_autofree char *family = g_settings_get_string (self->settings, "article-font-family");
  g_autoptr(PangoFontDescription) description = pango_font_description_new ();

  pango_font_description_set_family (description, *family != '\0' ? family : "Sans");
  gtk_font_chooser_set_font_desc (GTK_FONT_CHOOSER (self->font_button), description);
  gtk_widget_set_sensitive (self->font_reset_button, *family != '\0');
}

static void
font_set_cb (SanastoPreferencesWindow *self)
{
  g_autoptr(PangoFontDescription) description =
    gtk_font_chooser_get_font_desc (GTK_FONT_CHOOSER (self->font_button));
  const char *family = description != NULL ? pango_font_description_get_family (description)
                                           : NULL;

  g_settings_set_string (self->settings, "article-font-family", family != NULL ? family : "");
}

static void
font_reset_cb (SanastoPreferencesWindow *self)
{
  g_settings_reset (self->settings, "article-font-family");
}

static void
sanasto_preferences_window_dispose (GObject *object)
{
  SanastoPreferencesWindow *self = SANASTO_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SANASTO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sanasto_preferences_window_parent_class)->dispose (object);
}

static void
sanasto_preferences_window_class_init (SanastoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sanasto_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/sanasto/Sanasto/sanasto-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SanastoPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, SanastoPreferencesWindow, font_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SanastoPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, SanastoPreferencesWindow,
                                        font_reset_button);
  gtk_widget_class_bind_template_child (widget_class, SanastoPreferencesWindow, drafts_switch);
  gtk_widget_class_bind_template_callback (widget_class, font_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, font_reset_cb);
}

static void
sanasto_preferences_window_init (SanastoPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "article-font-size", self->font_size_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-drafts", self->drafts_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::article-font-family",
                           G_CALLBACK (font_family_changed_cb), self, G_CONNECT_SWAPPED);
  font_family_changed_cb (self);
}

GtkWidget *
sanasto_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (SANASTO_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
