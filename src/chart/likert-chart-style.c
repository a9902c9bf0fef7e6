/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-style"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-style.h"

#define DEFAULT_FONT "Sans 10"

/* ColorBrewer RdBu (Cynthia Brewer, colorbrewer2.org, Apache-2.0 licensed colour specs),
 * 3 to 11 classes, most negative first. The middle class of the odd ones is replaced by
 * NEUTRAL_LIGHT: RdBu's #f7f7f7 vanishes on a white background. */
static const guint32 rdbu[LIKERT_CHART_MAX_POINTS + 1][LIKERT_CHART_MAX_POINTS] = {
  [2] = { 0xef8a62, 0x67a9cf },
  [3] = { 0xef8a62, 0xf7f7f7, 0x67a9cf },
  [4] = { 0xca0020, 0xf4a582, 0x92c5de, 0x0571b0 },
  [5] = { 0xca0020, 0xf4a582, 0xf7f7f7, 0x92c5de, 0x0571b0 },
  [6] = { 0xb2182b, 0xef8a62, 0xfddbc7, 0xd1e5f0, 0x67a9cf, 0x2166ac },
  [7] = { 0xb2182b, 0xef8a62, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x67a9cf, 0x2166ac },
  [8] = { 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac },
  [9] = { 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x92c5de, 0x4393c3,
          0x2166ac },
  [10] = { 0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xd1e5f0, 0x92c5de, 0x4393c3,
           0x2166ac, 0x053061 },
  [11] = { 0x67001f, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x92c5de,
           0x4393c3, 0x2166ac, 0x053061 },
};

#define NEUTRAL_LIGHT 0xbdbdbd
#define NEUTRAL_DARK  0x6a6a6a

/* The dark variant maps CIELAB lightness L (RdBu spans 19 at the extremes to 97 in the middle)
 * linearly onto DARK_L_MIDDLE … DARK_L_EXTREME, keeping hue and chroma. */
#define LIGHT_L_MIDDLE 97.0
#define LIGHT_L_EXTREME 19.0
#define DARK_L_MIDDLE  40.0
#define DARK_L_EXTREME 78.0
/* …and lifts the chroma of the pale middle colours, which would turn to murky browns. */
#define DARK_MIN_CHROMA 28.0

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

/* sRGB ↔ CIELAB (D65), enough for the dark palette. */

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
linear_to_srgb (double c)
{
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1.0 / 2.4) - 0.055;
}

#define WHITE_X 0.95047
#define WHITE_Y 1.0
#define WHITE_Z 1.08883

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

static double
lab_f_inverse (double t)
{
  return t * t * t > 216.0 / 24389.0 ? t * t * t : (116.0 * t - 16.0) * 27.0 / 24389.0;
}

static void
rgb_to_lab (const LikertRgba *color,
            double           *l,
            double           *a,
            double           *b)
{
  double r = srgb_to_linear (color->red);
  double g = srgb_to_linear (color->green);
  double bl = srgb_to_linear (color->blue);
  double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * bl) / WHITE_X;
  double y = (0.2126729 * r + 0.7151522 * g + 0.0721750 * bl) / WHITE_Y;
  double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * bl) / WHITE_Z;

  *l = 116.0 * lab_f (y) - 16.0;
  *a = 500.0 * (lab_f (x) - lab_f (y));
  *b = 200.0 * (lab_f (y) - lab_f (z));
}

/* FALSE when the colour lies outside sRGB. */
static gboolean
lab_to_rgb (double      l,
            double      a,
            double      b,
            LikertRgba *color)
{
  double fy = (l + 16.0) / 116.0;
  double x = WHITE_X * lab_f_inverse (fy + a / 500.0);
  double y = WHITE_Y * lab_f_inverse (fy);
  double z = WHITE_Z * lab_f_inverse (fy - b / 200.0);
  double rgb[3] = {
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  };
  gboolean inside = TRUE;

  for (guint i = 0; i < 3; i++)
    {
      if (rgb[i] < -1e-4 || rgb[i] > 1.0 + 1e-4)
        inside = FALSE;
      rgb[i] = linear_to_srgb (CLAMP (rgb[i], 0.0, 1.0));
    }

  *color = rgba (rgb[0], rgb[1], rgb[2], 1.0);
  return inside;
}

/* The same hue and chroma at the mirrored lightness; chroma reduced until it fits sRGB. */
static LikertRgba
dark_variant (const LikertRgba *light)
{
  LikertRgba dark;
  double l, a, b, l_dark, chroma;
  double keep = 1.0;

  rgb_to_lab (light, &l, &a, &b);
  chroma = hypot (a, b);
  if (chroma > 1.0 && chroma < DARK_MIN_CHROMA)
    {
      a *= DARK_MIN_CHROMA / chroma;
      b *= DARK_MIN_CHROMA / chroma;
    }
  l_dark = DARK_L_MIDDLE + (DARK_L_EXTREME - DARK_L_MIDDLE) *
           (LIGHT_L_MIDDLE - l) / (LIGHT_L_MIDDLE - LIGHT_L_EXTREME);

  while (!lab_to_rgb (l_dark, a * keep, b * keep, &dark) && keep > 0)
    keep -= 0.02;

  return dark;
}

static double
relative_luminance (const LikertRgba *color)
{
  return 0.2126 * srgb_to_linear (color->red) +
         0.7152 * srgb_to_linear (color->green) +
         0.0722 * srgb_to_linear (color->blue);
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

gboolean
likert_chart_style_is_dark (const LikertChartStyle *style)
{
  g_return_val_if_fail (style != NULL, FALSE);

  if (style->background.alpha >= 0.5)
    return relative_luminance (&style->background) < 0.25;

  return relative_luminance (&style->foreground) > 0.5;
}

void
likert_chart_style_get_diverging (const LikertChartStyle *style,
                                  guint                   n_points,
                                  LikertRgba             *colors)
{
  gboolean dark;

  g_return_if_fail (style != NULL);
  g_return_if_fail (colors != NULL);
  g_return_if_fail (n_points >= 1 && n_points <= LIKERT_CHART_MAX_POINTS);

  dark = likert_chart_style_is_dark (style);

  if (n_points == 1)
    {
      colors[0] = rgb_hex (dark ? NEUTRAL_DARK : NEUTRAL_LIGHT);
      return;
    }

  for (guint i = 0; i < n_points; i++)
    {
      if (n_points % 2 == 1 && i == n_points / 2)
        colors[i] = rgb_hex (dark ? NEUTRAL_DARK : NEUTRAL_LIGHT);
      else
        {
          LikertRgba light = rgb_hex (rdbu[n_points][i]);

          colors[i] = dark ? dark_variant (&light) : light;
        }
    }
}

gboolean
likert_rgba_parse (LikertRgba *rgba_out,
                   const char *spec)
{
  guint32 hex = 0;

  g_return_val_if_fail (rgba_out != NULL, FALSE);

  if (spec == NULL || spec[0] != '#' || strlen (spec) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (spec[i]);

      if (digit < 0)
        return FALSE;
      hex = hex << 4 | (guint32) digit;
    }

  *rgba_out = rgb_hex (hex);
  return TRUE;
}
