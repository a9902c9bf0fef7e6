/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-style"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "likert-chart-style.h"

#define DEFAULT_FONT "Sans 10"

static LikertRgba
rgba (double red,
      double green,
      double blue,
      double alpha)
{
  return (LikertRgba) { red, green, blue, alpha };
}

static LikertRgba
rgb_hex (guint32 hex)
{
  return rgba (((hex >> 16) & 0xff) / 255.0,
               ((hex >> 8) & 0xff) / 255.0,
               (hex & 0xff) / 255.0,
               1.0);
}

/* The colours of libadwaita 1.2's default stylesheet (window_bg_color, window_fg_color,
 * accent_bg_color / accent_color), for exports and tests made without a widget. */
void
likert_chart_style_init_default (LikertChartStyle *style,
                                 gboolean          dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);

  if (dark)
    {
      style->background = rgb_hex (0x242424);
      style->foreground = rgba (1.0, 1.0, 1.0, 1.0);
      style->muted = rgba (1.0, 1.0, 1.0, 0.55);
      style->accent = rgb_hex (0x78aeed);
      style->on_accent = rgba (0.0, 0.0, 0.0, 0.87);
    }
  else
    {
      style->background = rgba (1.0, 1.0, 1.0, 1.0);
      style->foreground = rgba (0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 0.8);
      style->muted = rgba (0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 0.55);
      style->accent = rgb_hex (0x3584e4);
      style->on_accent = rgba (1.0, 1.0, 1.0, 1.0);
    }

  style->font = pango_font_description_from_string (DEFAULT_FONT);
  style->context = NULL;
  style->rtl = FALSE;
}

void
likert_chart_style_clear (LikertChartStyle *style)
{
  g_return_if_fail (style != NULL);

  g_clear_pointer (&style->font, pango_font_description_free);
  g_clear_object (&style->context);
}
