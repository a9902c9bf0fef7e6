/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-painter.h"

#define DEFAULT_FONT    "Sans 10"
#define SWATCH_EM       0.8   /* legend swatches */
#define LEGEND_SPACE_EM 1.0   /* between legend items */
#define TICK_SPACE_EM   1.5   /* the least room between two axis labels */
#define WRAPPED_LINE_SPACING 0.9 /* of the line height, for labels wrapped in a row */
#define WHITE_TEXT_MAX_LUMINANCE 0.3

/* What libadwaita 1.2 puts behind a transparent chart: window_bg_color. */
#define SURFACE_LIGHT { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1.0 }
#define SURFACE_DARK  { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1.0 }

static PangoFontDescription *
font_derive (const PangoFontDescription *base,
             PangoWeight                 weight,
             double                      size_factor)
{
  PangoFontDescription *font = pango_font_description_copy (base);
  int size = pango_font_description_get_size (font);

  if (size > 0 && size_factor != 1.0)
    {
      int scaled = (int) lround (size * size_factor);

      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, scaled);
      else
        pango_font_description_set_size (font, scaled);
    }

  pango_font_description_set_weight (font, weight);

  return font;
}

void
likert_chart_painter_init (LikertChartPainter     *painter,
                           cairo_t                *cr,
                           const LikertChartStyle *style,
                           double                  width)
{
  static const LikertRgba surface_light = SURFACE_LIGHT;
  static const LikertRgba surface_dark = SURFACE_DARK;
  g_autoptr(PangoLayout) probe = NULL;
  int probe_height;

  memset (painter, 0, sizeof *painter);
  painter->cr = cr;
  painter->style = style;
  painter->width = width;
  painter->rtl = style->rtl;
  painter->dark = likert_chart_style_is_dark (style);

  if (style->background.alpha >= 1.0)
    painter->surface = style->background;
  else
    painter->surface = likert_chart_mix (painter->dark ? &surface_dark : &surface_light,
                                         &(LikertRgba) { style->background.red,
                                                         style->background.green,
                                                         style->background.blue, 1.0 },
                                         MAX (style->background.alpha, 0.0));

  if (style->context != NULL)
    {
      /* The widget's context carries its font options, scale and direction. */
      painter->context = g_object_ref (style->context);
      pango_cairo_update_context (cr, painter->context);
    }
  else
    {
      painter->context = pango_cairo_create_context (cr);
      pango_context_set_base_dir (painter->context,
                                  style->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    }

  if (style->font != NULL)
    painter->font = pango_font_description_copy (style->font);
  else
    painter->font = pango_font_description_from_string (DEFAULT_FONT);

  painter->bold_font = font_derive (painter->font, PANGO_WEIGHT_BOLD, 1.0);
  painter->title_font = font_derive (painter->font, PANGO_WEIGHT_BOLD, 1.2);
  painter->small_font = font_derive (painter->font, PANGO_WEIGHT_NORMAL, 0.85);

  probe = pango_layout_new (painter->context);
  pango_layout_set_font_description (probe, painter->font);
  pango_layout_set_text (probe, "0", -1);
  pango_layout_get_pixel_size (probe, NULL, &probe_height);

  painter->em = MAX (probe_height, 1);
  painter->pad = ceil (painter->em * LIKERT_CHART_PAD_EM);
  painter->gap = ceil (painter->em * LIKERT_CHART_GAP_EM);
}

void
likert_chart_painter_clear (LikertChartPainter *painter)
{
  g_clear_object (&painter->context);
  g_clear_pointer (&painter->font, pango_font_description_free);
  g_clear_pointer (&painter->bold_font, pango_font_description_free);
  g_clear_pointer (&painter->title_font, pango_font_description_free);
  g_clear_pointer (&painter->small_font, pango_font_description_free);
}

double
likert_chart_painter_x (const LikertChartPainter *painter,
                        double                    x,
                        double                    width)
{
  return painter->rtl ? painter->width - x - width : x;
}

PangoLayout *
likert_chart_painter_value_layout (LikertChartPainter *painter,
                                   const char         *text,
                                   gsize               bold_length)
{
  const LikertRgba *muted = &painter->style->muted;
  PangoLayout *layout = likert_chart_painter_layout (painter, painter->font, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr;

  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = (guint) bold_length;
  pango_attr_list_insert (attrs, attr);
  if (strlen (text) > bold_length)
    {
      attr = pango_attr_foreground_new ((guint16) (muted->red * G_MAXUINT16),
                                        (guint16) (muted->green * G_MAXUINT16),
                                        (guint16) (muted->blue * G_MAXUINT16));
      attr->start_index = (guint) bold_length;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_alpha_new ((guint16) (CLAMP (muted->alpha, 0.0, 1.0) *
                                                         G_MAXUINT16));
      attr->start_index = (guint) bold_length;
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

PangoLayout *
likert_chart_painter_layout (LikertChartPainter         *painter,
                             const PangoFontDescription *font,
                             const char                 *text)
{
  PangoLayout *layout = pango_layout_new (painter->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

void
likert_chart_layout_align (PangoLayout    *layout,
                           PangoAlignment  alignment)
{
  PangoLayoutIter *iter;
  PangoRectangle logical;
  int width;

  pango_layout_set_alignment (layout, alignment);
  width = pango_layout_get_width (layout);
  if (alignment == PANGO_ALIGN_CENTER || width < 0)
    return;

  /* Pango aligns each line relative to its own direction when it runs against the context's:
   * look where the first line went and swap when it went to the other side. */
  iter = pango_layout_get_iter (layout);
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  pango_layout_iter_free (iter);

  if (logical.width >= width - PANGO_SCALE / 2)
    return;

  if ((alignment == PANGO_ALIGN_LEFT && logical.x > PANGO_SCALE / 2) ||
      (alignment == PANGO_ALIGN_RIGHT && logical.x + logical.width < width - PANGO_SCALE / 2))
    pango_layout_set_alignment (layout, alignment == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT);
}

void
likert_chart_layout_set_box (PangoLayout    *layout,
                             double          width,
                             int             max_lines,
                             PangoAlignment  alignment)
{
  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -MAX (max_lines, 1));
  likert_chart_layout_align (layout, alignment);
}

int
likert_chart_layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

int
likert_chart_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

int
likert_chart_layout_lines (PangoLayout *layout)
{
  return pango_layout_get_line_count (layout);
}

void
likert_chart_set_source (cairo_t          *cr,
                         const LikertRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
likert_chart_set_source_alpha (cairo_t          *cr,
                               const LikertRgba *color,
                               double            factor)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * factor);
}

void
likert_chart_painter_show (LikertChartPainter *painter,
                           PangoLayout        *layout,
                           const LikertRgba   *color,
                           double              x,
                           double              y)
{
  likert_chart_set_source (painter->cr, color);
  cairo_move_to (painter->cr, x, y);
  pango_cairo_show_layout (painter->cr, layout);
}

PangoLayout *
likert_chart_painter_title (LikertChartPainter *painter,
                            const char         *title,
                            double              width)
{
  PangoLayout *layout;

  if (title == NULL || title[0] == '\0')
    return NULL;

  layout = likert_chart_painter_layout (painter, painter->title_font, title);
  /* At the start of the chart: the right in a right-to-left interface. */
  likert_chart_layout_set_box (layout, width - 2 * painter->pad, 2,
                               painter->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

  return layout;
}

void
likert_chart_painter_message (LikertChartPainter    *painter,
                              const char            *message,
                              const LikertChartRect *box)
{
  g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->title_font,
                                                               message);

  likert_chart_layout_set_box (layout, box->width, 2, PANGO_ALIGN_CENTER);
  likert_chart_painter_show (painter, layout, &painter->style->muted, box->x,
                             box->y + (box->height - likert_chart_layout_height (layout)) / 2.0);
}

void
likert_chart_draw_background (cairo_t                *cr,
                              const LikertChartStyle *style,
                              double                  width,
                              double                  height)
{
  if (style->background.alpha > 0 && width > 0 && height > 0)
    {
      likert_chart_set_source (cr, &style->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
}

void
likert_chart_hline (cairo_t *cr,
                    double   x0,
                    double   x1,
                    double   y)
{
  /* Centred on a half unit, a 1-unit line covers whole pixels. */
  cairo_move_to (cr, x0, floor (y) + 0.5);
  cairo_line_to (cr, x1, floor (y) + 0.5);
  cairo_stroke (cr);
}

void
likert_chart_vline (cairo_t *cr,
                    double   x,
                    double   y0,
                    double   y1)
{
  cairo_move_to (cr, floor (x) + 0.5, y0);
  cairo_line_to (cr, floor (x) + 0.5, y1);
  cairo_stroke (cr);
}

void
likert_chart_rounded_rect (cairo_t               *cr,
                           const LikertChartRect *rect,
                           double                 radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MAX (0.0, MIN (radius, MIN (w, h) / 2.0));

  if (radius <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

/* Colours */

LikertRgba
likert_chart_mix (const LikertRgba *a,
                  const LikertRgba *b,
                  double            t)
{
  t = CLAMP (t, 0.0, 1.0);

  return (LikertRgba) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
likert_chart_luminance (const LikertRgba *color)
{
  return 0.2126 * to_linear (color->red) +
         0.7152 * to_linear (color->green) +
         0.0722 * to_linear (color->blue);
}

LikertRgba
likert_chart_over_surface (const LikertChartPainter *painter,
                           const LikertRgba         *fill)
{
  LikertRgba opaque = likert_chart_mix (&painter->surface,
                                        &(LikertRgba) { fill->red, fill->green, fill->blue, 1.0 },
                                        CLAMP (fill->alpha, 0.0, 1.0));

  opaque.alpha = 1.0;
  return opaque;
}

LikertRgba
likert_chart_text_on (const LikertChartPainter *painter,
                      const LikertRgba         *fill)
{
  LikertRgba opaque = likert_chart_over_surface (painter, fill);

  /* White while it keeps a contrast of at least 3:1 (relative luminance below 0.3), as GNOME
   * writes on its accent blue; the WCAG 2 ratio alone would pick black on every mid-tone,
   * which reads worse there. */
  if (likert_chart_luminance (&opaque) < WHITE_TEXT_MAX_LUMINANCE)
    return (LikertRgba) { 1.0, 1.0, 1.0, 1.0 };

  return (LikertRgba) { 0.0, 0.0, 0.0, 0.87 };
}

/* Text */

char *
likert_chart_isolate (char *text)
{
  /* FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: in a right-to-left paragraph "35.1 %"
   * keeps its sign after the number and "n = 12" stays one unit. */
  char *isolated = g_strconcat ("\u2068", text, "\u2069", NULL);

  g_free (text);
  return isolated;
}

char *
likert_chart_painter_number (const LikertChartPainter *painter,
                             char                     *text)
{
  return painter->rtl ? likert_chart_isolate (text) : text;
}

char *
likert_chart_format_count (guint64 count)
{
  /* Grouped as the locale does it ("1,750" in English, plain in C). */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/* printf writes "-"; typography wants the minus sign. */
static char *
use_minus_sign (char *text)
{
  if (text[0] == '-')
    {
      char *signed_text = g_strconcat ("\u2212", text + 1, NULL);

      g_free (text);
      return signed_text;
    }

  return text;
}

/* value rounded to digits, without a negative zero. */
static double
rounded (double value,
         int    digits)
{
  double factor = pow (10.0, digits);
  double r = round (value * factor) / factor;

  return r == 0.0 ? 0.0 : r;
}

char *
likert_chart_format_percent (double percent,
                             int    digits)
{
  if (digits <= 0)
    /* Translators: a whole percentage in a chart, such as "35 %" */
    return use_minus_sign (g_strdup_printf (_("%.0f %%"), rounded (percent, 0)));

  /* Translators: a percentage in a chart, such as "35.1 %" */
  return use_minus_sign (g_strdup_printf (_("%.1f %%"), rounded (percent, 1)));
}

char *
likert_chart_format_number (double value,
                            int    digits)
{
  digits = CLAMP (digits, 0, 6);
  return use_minus_sign (g_strdup_printf ("%'.*f", digits, rounded (value, digits)));
}

char *
likert_chart_format_signed (double value,
                            int    digits)
{
  digits = CLAMP (digits, 0, 6);
  value = rounded (value, digits);

  if (value == 0.0)
    return g_strdup_printf ("%.*f", digits, 0.0);

  return use_minus_sign (g_strdup_printf ("%+.*f", digits, value));
}

char *
likert_chart_format_n (guint64 n)
{
  g_autofree char *count = likert_chart_format_count (n);

  if (n < LIKERT_CHART_SMALL_N)
    /* Translators: the size of a group too small to compare, as in "n = 12 ⚠" */
    return g_strdup_printf (_("n = %s ⚠"), count);

  /* Translators: the size of a group, as in "n = 812" */
  return g_strdup_printf (_("n = %s"), count);
}

double
likert_chart_nice_step (double range,
                        guint  max_ticks)
{
  static const double multiples[] = { 1.0, 2.0, 5.0, 10.0 };
  double raw, magnitude;

  if (!(range > 0))
    return 1.0;

  raw = range / MAX (max_ticks, 1);
  magnitude = pow (10.0, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * magnitude >= raw * (1.0 - 1e-9))
      return multiples[i] * magnitude;

  return 10.0 * magnitude;
}

int
likert_chart_step_digits (double step)
{
  if (!(step > 0) || step >= 1.0 - 1e-9)
    return 0;

  return (int) MIN (6.0, ceil (-log10 (step) - 1e-9));
}

/* Legends */

double
likert_chart_legend (LikertChartPainter          *painter,
                     const LikertChartLegendItem *items,
                     guint                        n_items,
                     double                       x,
                     double                       y,
                     double                       width,
                     gboolean                     draw,
                     LikertChartRect             *swatches)
{
  double swatch = round (painter->em * SWATCH_EM);
  double space = round (painter->em * LEGEND_SPACE_EM);
  g_autofree double *item_width = g_new0 (double, MAX (n_items, 1));
  PangoLayout **layouts = g_new0 (PangoLayout *, MAX (n_items, 1));
  double max_text = MAX (width - swatch - painter->gap, 1.0);
  double line_y = y;
  guint line_start = 0;

  if (n_items == 0)
    {
      g_free (layouts);
      return 0;
    }

  for (guint i = 0; i < n_items; i++)
    {
      layouts[i] = likert_chart_painter_layout (painter, painter->font, items[i].text);
      if (likert_chart_layout_width (layouts[i]) > max_text)
        likert_chart_layout_set_box (layouts[i], max_text, 1,
                                     painter->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      item_width[i] = swatch + painter->gap + likert_chart_layout_width (layouts[i]);
    }

  while (line_start < n_items)
    {
      guint line_end = line_start + 1;
      double line_width = item_width[line_start];
      double line_height = painter->em;
      double offset;

      while (line_end < n_items && line_width + space + item_width[line_end] <= width)
        {
          line_width += space + item_width[line_end];
          line_end++;
        }

      for (guint i = line_start; i < line_end; i++)
        line_height = MAX (line_height, likert_chart_layout_height (layouts[i]));

      /* Centred; from the start side in reading order. */
      offset = MAX ((width - line_width) / 2.0, 0.0);
      for (guint i = line_start; i < line_end; i++)
        {
          double item_x = x + (painter->rtl ? width - offset - item_width[i] : offset);
          double text_height = likert_chart_layout_height (layouts[i]);
          LikertChartRect box;

          box.x = round (painter->rtl ? item_x + item_width[i] - swatch : item_x);
          box.y = round (line_y + (line_height - swatch) / 2.0);
          box.width = swatch;
          box.height = swatch;

          if (swatches != NULL)
            swatches[i] = box;

          if (draw)
            {
              double text_x = painter->rtl ? item_x : item_x + swatch + painter->gap;

              likert_chart_set_source (painter->cr, &items[i].color);
              likert_chart_rounded_rect (painter->cr, &box, swatch / 4.0);
              cairo_fill (painter->cr);
              likert_chart_painter_show (painter, layouts[i], &painter->style->foreground,
                                         text_x, line_y + (line_height - text_height) / 2.0);
            }

          offset += item_width[i] + space;
        }

      line_y += line_height;
      line_start = line_end;
      if (line_start < n_items)
        line_y += painter->gap;
    }

  for (guint i = 0; i < n_items; i++)
    g_object_unref (layouts[i]);
  g_free (layouts);

  return line_y - y;
}

/* Value axes */

double
likert_chart_axis_x (const LikertChartAxis *axis,
                     double                 value)
{
  double range = axis->value_max - axis->value_min;

  if (!(range > 0))
    return (axis->x_min + axis->x_max) / 2.0;

  return axis->x_min + (value - axis->value_min) / range * (axis->x_max - axis->x_min);
}

char *
likert_chart_axis_label (const LikertChartAxis *axis,
                         double                 value,
                         int                    digits)
{
  switch (axis->format)
    {
    case LIKERT_CHART_AXIS_FRACTION:
      return likert_chart_format_percent (value * 100.0, MAX (digits - 2, 0));
    case LIKERT_CHART_AXIS_PERCENT:
      return likert_chart_format_percent (fabs (value), digits);
    case LIKERT_CHART_AXIS_SIGNED:
      return likert_chart_format_signed (value, digits);
    case LIKERT_CHART_AXIS_COUNT:
      return likert_chart_format_count ((guint64) MAX (round (value), 0.0));
    case LIKERT_CHART_AXIS_NUMBER:
    default:
      return likert_chart_format_number (value, digits);
    }
}

static int
axis_label_width (LikertChartPainter    *painter,
                  const LikertChartAxis *axis,
                  double                 value,
                  int                    digits)
{
  g_autofree char *text = likert_chart_axis_label (axis, value, digits);
  g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->font, text);

  return likert_chart_layout_width (layout);
}

double
likert_chart_axis_step (LikertChartPainter    *painter,
                        const LikertChartAxis *axis)
{
  double range = axis->value_max - axis->value_min;
  double length = fabs (axis->x_max - axis->x_min);
  int digits = axis->format == LIKERT_CHART_AXIS_COUNT ? 0 : 1;
  double label = MAX (axis_label_width (painter, axis, axis->value_min, digits),
                      axis_label_width (painter, axis, axis->value_max, digits));
  double step;

  if (axis->format == LIKERT_CHART_AXIS_FRACTION)
    digits = 3;

  label = MAX (label, axis_label_width (painter, axis, axis->value_min + range / 3.0, digits));
  step = likert_chart_nice_step (range, (guint) MAX (1.0, floor (length / (label + TICK_SPACE_EM *
                                                                                  painter->em))));

  /* Counts are whole. */
  if (axis->format == LIKERT_CHART_AXIS_COUNT)
    step = MAX (step, 1.0);

  return step;
}

double
likert_chart_axis_draw (LikertChartPainter    *painter,
                        const LikertChartAxis *axis,
                        double                 y0,
                        double                 y1,
                        gboolean               draw)
{
  cairo_t *cr = painter->cr;
  double step, first;
  int digits;
  double label_height = 0;

  if (!(axis->value_max > axis->value_min))
    return 0;

  step = likert_chart_axis_step (painter, axis);
  digits = likert_chart_step_digits (axis->format == LIKERT_CHART_AXIS_FRACTION ? step * 100.0
                                                                                 : step);
  if (axis->format == LIKERT_CHART_AXIS_FRACTION)
    digits += 2;
  first = ceil (axis->value_min / step - 1e-9) * step;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  for (guint i = 0; first + i * step <= axis->value_max + step * 1e-9; i++)
    {
      double value = first + i * step;
      g_autofree char *text = likert_chart_painter_number (painter,
                                                           likert_chart_axis_label (axis, value,
                                                                                    digits));
      g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->font, text);
      double x = likert_chart_axis_x (axis, value);
      double w = likert_chart_layout_width (layout);
      double span_left = MIN (axis->x_min, axis->x_max);
      double span_right = MAX (axis->x_min, axis->x_max);
      /* Centred on its tick, but within the axis: neighbouring panels' labels never meet. */
      double label_x = MAX (span_left, MIN (x - w / 2.0, span_right - w));

      label_height = MAX (label_height, likert_chart_layout_height (layout));

      if (!draw)
        continue;

      /* On the same pixels as a line drawn at the rounded position (a centre line). */
      likert_chart_set_source_alpha (cr, &painter->style->muted, LIKERT_CHART_GRID_ALPHA);
      likert_chart_vline (cr, round (x) - 0.5, y0, y1);
      likert_chart_painter_show (painter, layout, &painter->style->muted, label_x,
                                 y1 + painter->gap);
    }

  cairo_restore (cr);

  return label_height > 0 ? painter->gap + label_height : 0;
}

/* Rows */

void
likert_chart_rows_fit (LikertChartPainter *painter,
                       double              top,
                       double              height,
                       guint               n_rows,
                       double              min_em,
                       double              max_em,
                       LikertChartRows    *rows)
{
  double min_height = ceil (min_em * painter->em);
  double max_height = round (max_em * painter->em);

  rows->top = round (top);
  rows->n_rows = 0;
  rows->row_height = 0;

  if (n_rows == 0 || !(height >= min_height))
    return;

  rows->n_rows = MIN (n_rows, (guint) floor (height / min_height));
  rows->row_height = floor (MIN (height / rows->n_rows, max_height));
}

double
likert_chart_max_width (LikertChartPainter         *painter,
                        const PangoFontDescription *font,
                        const char * const         *texts,
                        guint                       n_texts)
{
  double widest = 0;

  for (guint i = 0; i < n_texts; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      if (texts[i] == NULL || texts[i][0] == '\0')
        continue;

      layout = likert_chart_painter_layout (painter, font, texts[i]);
      widest = MAX (widest, likert_chart_layout_width (layout));
    }

  return widest;
}

void
likert_chart_row_text (LikertChartPainter         *painter,
                       const PangoFontDescription *font,
                       const char                 *text,
                       double                      x,
                       double                      width,
                       double                      y_centre,
                       double                      height,
                       PangoAlignment              alignment,
                       const LikertRgba           *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  double line_height;

  if (text == NULL || text[0] == '\0' || width < 1)
    return;

  layout = likert_chart_painter_layout (painter, font, text);
  likert_chart_layout_set_box (layout, width, 1, alignment);
  line_height = MAX (likert_chart_layout_height (layout), 1);

  /* A second line, closer than usual, when the text needs it and the row has room. */
  if (pango_layout_is_ellipsized (layout) &&
      2 * WRAPPED_LINE_SPACING * line_height <= height)
    {
      pango_layout_set_line_spacing (layout, WRAPPED_LINE_SPACING);
      likert_chart_layout_set_box (layout, width, 2, alignment);
    }

  likert_chart_painter_show (painter, layout, color, x,
                             round (y_centre - likert_chart_layout_height (layout) / 2.0));
}

void
likert_chart_painter_more (LikertChartPainter *painter,
                           guint               n_hidden,
                           double              y)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (n_hidden == 0)
    return;

  /* Translators: under a chart too short for all its rows */
  text = g_strdup_printf (ngettext ("%u more not shown: make the chart taller",
                                    "%u more not shown: make the chart taller", n_hidden),
                          n_hidden);
  layout = likert_chart_painter_layout (painter, painter->small_font, text);
  likert_chart_layout_set_box (layout, painter->width - 2 * painter->pad, 1,
                               painter->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  likert_chart_painter_show (painter, layout, &painter->style->muted, painter->pad, y);
}
