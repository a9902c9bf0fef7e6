/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-trend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-painter.h"
#include "likert-trend.h"

#define TICK_SPACING_EM  2.5   /* the least distance between two grid lines */
#define MIN_PLOT_EM      4.0   /* drop decorations until the plot gets this much height */
#define COUNTS_EM        2.0   /* the height of the strip of n bars… */
#define MIN_COUNTS_EM    1.2   /* …in a short chart */
#define COUNT_FRACTION   0.6   /* of a period's width */
#define MARKER_EM        0.22  /* a dot's radius */
#define MIN_SLOT_MARKERS 0.9   /* ems per period for dots on every period */
#define BAND_ALPHA       0.22
#define LINE_WIDTH       2.0
#define MAX_LISTED       36    /* periods the description lists one by one */

typedef LikertChartPainter Painter;

static void
fit_axis (const LikertTrendData *data,
          double                *axis_min,
          double                *axis_max)
{
  double lo = INFINITY, hi = -INFINITY, step;

  if (data->axis_min < data->axis_max)
    {
      *axis_min = data->axis_min;
      *axis_max = data->axis_max;
      return;
    }

  for (guint i = 0; i < data->n_periods; i++)
    {
      const double values[] = { data->periods[i].value, data->periods[i].low,
                                data->periods[i].high };

      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        if (isfinite (values[j]))
          {
            lo = MIN (lo, values[j]);
            hi = MAX (hi, values[j]);
          }
    }

  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = 0;
      hi = 1;
    }
  if (hi - lo < 1e-9)
    {
      double half = data->percent ? 0.05 : 0.5;

      lo -= half;
      hi += half;
    }

  step = likert_chart_nice_step (hi - lo, 5);
  lo = floor (lo / step + 1e-9) * step;
  hi = ceil (hi / step - 1e-9) * step;

  if (data->percent)
    {
      lo = MAX (lo, 0.0);
      hi = MIN (hi, 1.0);
    }

  *axis_min = lo;
  *axis_max = hi;
}

/* Decimals for values in text: enough for the axis's range. */
static int
value_digits (const LikertTrendData *data,
              double                 axis_min,
              double                 axis_max)
{
  double range = axis_max - axis_min;

  if (data->percent)
    return 1;

  return range <= 5 ? 2 : range <= 50 ? 1 : 0;
}

static char *
format_value (const LikertTrendData *data,
              double                 value,
              int                    digits)
{
  if (data->percent)
    return likert_chart_format_percent (value * 100.0, digits);

  return likert_chart_format_number (value, digits);
}

double
likert_trend_geometry_x (const LikertTrendGeometry *geometry,
                         guint                      period)
{
  g_return_val_if_fail (geometry != NULL, NAN);

  return geometry->x_first + period * geometry->x_step;
}

double
likert_trend_geometry_y (const LikertTrendGeometry *geometry,
                         double                     value)
{
  double range;

  g_return_val_if_fail (geometry != NULL, NAN);

  range = geometry->axis_max - geometry->axis_min;
  if (!(range > 0))
    return geometry->plot.y + geometry->plot.height / 2.0;

  return geometry->plot.y + geometry->plot.height * (geometry->axis_max - value) / range;
}

static gboolean
has_interval (const LikertTrendPeriod *period)
{
  return isfinite (period->low) && isfinite (period->high);
}

/* The band over each run of periods with an interval. */
static void
draw_band (Painter                   *painter,
           const LikertTrendData     *data,
           const LikertTrendGeometry *geometry)
{
  cairo_t *cr = painter->cr;
  guint start = 0;

  likert_chart_set_source_alpha (cr, &painter->style->accent, BAND_ALPHA);

  while (start < data->n_periods)
    {
      guint end;

      if (!has_interval (&data->periods[start]))
        {
          start++;
          continue;
        }

      for (end = start; end + 1 < data->n_periods && has_interval (&data->periods[end + 1]);
           end++)
        ;

      if (end == start)
        {
          /* A lone period: a short bar of its interval. */
          double x = likert_trend_geometry_x (geometry, start);
          double half = MAX (1.5, MIN (fabs (geometry->x_step) * 0.3, painter->em * 0.3));
          double y0 = likert_trend_geometry_y (geometry, data->periods[start].high);
          double y1 = likert_trend_geometry_y (geometry, data->periods[start].low);

          cairo_rectangle (cr, x - half, y0, 2 * half, y1 - y0);
        }
      else
        {
          cairo_new_sub_path (cr);
          for (guint i = start; i <= end; i++)
            cairo_line_to (cr, likert_trend_geometry_x (geometry, i),
                           likert_trend_geometry_y (geometry, data->periods[i].high));
          for (guint i = end + 1; i-- > start;)
            cairo_line_to (cr, likert_trend_geometry_x (geometry, i),
                           likert_trend_geometry_y (geometry, data->periods[i].low));
          cairo_close_path (cr);
        }

      start = end + 1;
    }

  cairo_fill (cr);
}

static void
draw_line (Painter                   *painter,
           const LikertTrendData     *data,
           const LikertTrendGeometry *geometry,
           gboolean                   markers)
{
  cairo_t *cr = painter->cr;
  double radius = MAX (2.0, round (MARKER_EM * painter->em));

  likert_chart_set_source (cr, &painter->style->accent);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < data->n_periods; i++)
    {
      if (!isfinite (data->periods[i].value))
        {
          cairo_stroke (cr);
          continue;
        }

      cairo_line_to (cr, likert_trend_geometry_x (geometry, i),
                     likert_trend_geometry_y (geometry, data->periods[i].value));
    }
  cairo_stroke (cr);

  for (guint i = 0; i < data->n_periods; i++)
    {
      const LikertTrendPeriod *period = &data->periods[i];
      gboolean lone = (i == 0 || !isfinite (data->periods[i - 1].value)) &&
                      (i + 1 == data->n_periods || !isfinite (data->periods[i + 1].value));
      gboolean small = period->n < LIKERT_CHART_SMALL_N;
      double x, y;

      /* Dense periods get no dots (the strip of n shows the small ones), lone ones always. */
      if (!isfinite (period->value) || !(markers || lone))
        continue;

      x = likert_trend_geometry_x (geometry, i);
      y = likert_trend_geometry_y (geometry, period->value);

      cairo_new_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      if (small)
        {
          likert_chart_set_source (cr, &painter->surface);
          cairo_fill_preserve (cr);
          likert_chart_set_source (cr, &painter->style->accent);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        {
          likert_chart_set_source (cr, &painter->style->accent);
          cairo_fill (cr);
        }
    }
}

void
likert_trend_render (cairo_t                *cr,
                     double                  width,
                     double                  height,
                     const LikertChartStyle *style,
                     const LikertTrendData  *data,
                     LikertTrendGeometry    *geometry)
{
  Painter painter;
  LikertTrendGeometry geo = { 0 };
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) caption_layout = NULL;
  g_autoptr(PangoLayout) n_layout = NULL;
  g_autofree char *max_n_text = NULL;
  LikertChartAxis axis;
  gboolean show_title, show_caption, show_counts = TRUE, show_labels = TRUE;
  double title_height = 0, caption_height = 0, label_height = 0, counts_height;
  double tick_width, label_width, slot, plot_x0, plot_x1, plot_left, plot_width;
  double top, bottom, plot_height, axis_min, axis_max, step;
  guint64 max_n = 0;
  int digits;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (geometry != NULL)
    memset (geometry, 0, sizeof *geometry);

  cairo_save (cr);
  likert_chart_draw_background (cr, style, width, height);

  if (data->n_periods > 0 && data->periods == NULL)
    {
      g_critical ("Trend data without periods");
      cairo_restore (cr);
      return;
    }

  if (!(width >= LIKERT_CHART_MIN_SIZE && height >= LIKERT_CHART_MIN_SIZE))
    {
      cairo_restore (cr);
      return;
    }

  likert_chart_painter_init (&painter, cr, style, width);
  fit_axis (data, &axis_min, &axis_max);
  digits = value_digits (data, axis_min, axis_max);

  for (guint i = 0; i < data->n_periods; i++)
    max_n = MAX (max_n, data->periods[i].n);

  /* The value axis's labels at the start side: as wide as the widest. */
  axis = (LikertChartAxis) { axis_min, axis_max, 0, 1,
                             data->percent ? LIKERT_CHART_AXIS_FRACTION
                                           : LIKERT_CHART_AXIS_NUMBER };
  {
    const double probes[] = { axis_min, axis_max, (axis_min + axis_max) / 2.0 };
    int probe_digits = data->percent ? 3 : digits;

    tick_width = 0;
    for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
      {
        g_autofree char *text = likert_chart_axis_label (&axis, probes[i], probe_digits);
        g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&painter, painter.font, text);

        tick_width = MAX (tick_width, likert_chart_layout_width (layout));
      }
  }

  /* "n" and the largest n beside the strip of counts. */
  max_n_text = likert_chart_painter_number (&painter, likert_chart_format_count (max_n));
  n_layout = likert_chart_painter_layout (&painter, painter.small_font, max_n_text);
  tick_width = ceil (MAX (tick_width, likert_chart_layout_width (n_layout)));

  plot_x0 = round (painter.pad + tick_width + 2 * painter.gap);
  plot_x1 = round (width - painter.pad);
  plot_width = plot_x1 - plot_x0;
  plot_left = likert_chart_painter_x (&painter, plot_x0, plot_width);

  if (plot_width < 2 || data->n_periods == 0)
    {
      likert_chart_painter_message (&painter, _("No periods"),
                                    &(LikertChartRect) { painter.pad, painter.pad,
                                                         width - 2 * painter.pad,
                                                         height - 2 * painter.pad });
      goto out;
    }

  slot = plot_width / data->n_periods;
  geo.n_periods = data->n_periods;
  geo.x_step = painter.rtl ? -slot : slot;
  geo.x_first = painter.rtl ? plot_left + plot_width - slot / 2.0 : plot_left + slot / 2.0;
  geo.axis_min = axis_min;
  geo.axis_max = axis_max;
  geo.max_n = max_n;

  /* Period labels: the widest decides how many periods one label needs. */
  label_width = 0;
  for (guint i = 0; i < data->n_periods; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      if (data->periods[i].label == NULL)
        continue;
      layout = likert_chart_painter_layout (&painter, painter.font, data->periods[i].label);
      label_width = MAX (label_width, MIN (likert_chart_layout_width (layout), plot_width));
      label_height = MAX (label_height, likert_chart_layout_height (layout));
    }
  geo.label_every = (guint) MAX (1.0, ceil ((label_width + 2 * painter.em * 0.5) / slot));

  title_layout = likert_chart_painter_title (&painter, data->title, width);
  if (title_layout != NULL)
    title_height = likert_chart_layout_height (title_layout);
  show_title = title_layout != NULL;

  if (data->value_name != NULL && data->value_name[0] != '\0')
    {
      caption_layout = likert_chart_painter_layout (&painter, painter.small_font,
                                                    data->value_name);
      likert_chart_layout_set_box (caption_layout, width - 2 * painter.pad, 1,
                                   painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      caption_height = likert_chart_layout_height (caption_layout);
    }
  show_caption = caption_layout != NULL;

  /* A short chart gets a thinner strip. */
  counts_height = round (CLAMP (height * 0.12, MIN_COUNTS_EM * painter.em,
                                COUNTS_EM * painter.em));

  for (;;)
    {
      top = painter.pad + (show_title ? title_height + painter.pad : 0) +
            (show_caption ? caption_height + painter.gap : 0) + painter.em / 2.0;
      bottom = painter.pad + (show_labels ? label_height + painter.gap : 0) +
               (show_counts ? counts_height + painter.em / 2.0 + 2 * painter.gap
                            : painter.em / 2.0);
      plot_height = height - top - bottom;

      if (plot_height >= MIN_PLOT_EM * painter.em)
        break;
      else if (show_title)
        show_title = FALSE;
      else if (show_counts)
        show_counts = FALSE;
      else if (show_caption)
        show_caption = FALSE;
      else if (show_labels)
        show_labels = FALSE;
      else
        break;
    }

  geo.plot = (LikertChartRect) { plot_left, round (top), plot_width,
                                 round (top + plot_height) - round (top) };
  if (geo.plot.height < 1)
    {
      geo.n_periods = 0;
      goto out;
    }
  /* Below the bottom grid label, which stands half a line under the plot. */
  if (show_counts)
    geo.counts = (LikertChartRect) { plot_left,
                                     round (geo.plot.y + geo.plot.height + painter.em / 2.0 +
                                            painter.gap),
                                     plot_width, counts_height };

  /* Horizontal grid lines and the value labels at the start side. */
  step = likert_chart_nice_step (axis_max - axis_min,
                                 (guint) MAX (2.0, floor (geo.plot.height /
                                                          (TICK_SPACING_EM * painter.em))));
  {
    int tick_digits = data->percent ? likert_chart_step_digits (step * 100.0) + 2
                                    : likert_chart_step_digits (step);
    double first = ceil (axis_min / step - 1e-9) * step;

    cairo_set_line_width (cr, 1.0);
    for (guint t = 0; first + t * step <= axis_max + step * 1e-9; t++)
      {
        double value = first + t * step;
        double y = likert_trend_geometry_y (&geo, value);
        g_autofree char *text = likert_chart_painter_number (&painter,
                                                             likert_chart_axis_label (&axis, value,
                                                                                      tick_digits));
        g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&painter, painter.font, text);
        double w = likert_chart_layout_width (layout);

        likert_chart_set_source_alpha (cr, &style->muted, LIKERT_CHART_GRID_ALPHA);
        likert_chart_hline (cr, plot_left, plot_left + plot_width, y);
        likert_chart_painter_show (&painter, layout, &style->muted,
                                   likert_chart_painter_x (&painter,
                                                           plot_x0 - 2 * painter.gap - w, w),
                                   y - likert_chart_layout_height (layout) / 2.0);
      }
  }

  cairo_save (cr);
  cairo_rectangle (cr, geo.plot.x - painter.em, geo.plot.y - painter.em / 2.0,
                   geo.plot.width + 2 * painter.em, geo.plot.height + painter.em);
  cairo_clip (cr);
  draw_band (&painter, data, &geo);
  draw_line (&painter, data, &geo, slot >= MIN_SLOT_MARKERS * painter.em);
  cairo_restore (cr);

  /* n per period: muted bars under the plot, the largest n beside them. */
  if (show_counts && max_n > 0)
    {
      double bar_width = MAX (1.0, floor (slot * COUNT_FRACTION));
      double base = geo.counts.y + geo.counts.height;

      likert_chart_set_source_alpha (cr, &style->muted, 0.6);
      for (guint i = 0; i < data->n_periods; i++)
        {
          double h = round ((double) data->periods[i].n / (double) max_n * geo.counts.height);
          double x = likert_trend_geometry_x (&geo, i);

          if (h > 0)
            cairo_rectangle (cr, round (x - bar_width / 2.0), base - h, bar_width, h);
        }
      cairo_fill (cr);

      likert_chart_painter_show (&painter, n_layout, &style->muted,
                                 likert_chart_painter_x (&painter,
                                                         plot_x0 - 2 * painter.gap -
                                                         likert_chart_layout_width (n_layout),
                                                         likert_chart_layout_width (n_layout)),
                                 geo.counts.y);
      /* "n" at the foot of the strip, when it has room under the largest n. */
      if (2 * likert_chart_layout_height (n_layout) <= geo.counts.height)
        {
          /* Translators: the label of the strip of answer counts under a trend */
          g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&painter, painter.small_font,
                                                                       _("n"));
          double w = likert_chart_layout_width (layout);

          likert_chart_painter_show (&painter, layout, &style->muted,
                                     likert_chart_painter_x (&painter,
                                                             plot_x0 - 2 * painter.gap - w, w),
                                     base - likert_chart_layout_height (layout));
        }
    }

  if (show_labels)
    {
      double y = (show_counts ? geo.counts.y + geo.counts.height : geo.plot.y + geo.plot.height) +
                 painter.gap;
      double last_end = -G_MAXDOUBLE;   /* from the start side, where the last label ended */

      for (guint i = 0; i < data->n_periods; i += geo.label_every)
        {
          g_autoptr(PangoLayout) layout = NULL;
          double x = likert_trend_geometry_x (&geo, i);
          double w, start;

          if (data->periods[i].label == NULL)
            continue;

          layout = likert_chart_painter_layout (&painter, painter.font, data->periods[i].label);
          if (likert_chart_layout_width (layout) > plot_width)
            likert_chart_layout_set_box (layout, plot_width, 1, PANGO_ALIGN_CENTER);
          w = likert_chart_layout_width (layout);
          x = MAX (plot_left, MIN (x - w / 2.0, plot_left + plot_width - w));

          /* Labels pushed inside the plot at its ends may meet their neighbours: skip those. */
          start = painter.rtl ? width - x - w : x;
          if (start < last_end + painter.em / 2.0)
            continue;
          last_end = start + w;

          likert_chart_painter_show (&painter, layout, &style->muted, x, y);
        }
    }

  if (show_caption)
    likert_chart_painter_show (&painter, caption_layout, &style->muted, painter.pad,
                               painter.pad + (show_title ? title_height + painter.pad : 0));
  if (show_title)
    likert_chart_painter_show (&painter, title_layout, &style->foreground, painter.pad,
                               painter.pad);

  if (geometry != NULL)
    *geometry = geo;

out:
  likert_chart_painter_clear (&painter);
  cairo_restore (cr);
}

void
likert_trend_draw (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   const LikertChartStyle *style,
                   gconstpointer           data)
{
  likert_trend_render (cr, width, height, style, data, NULL);
}

static void
append_period (GString               *text,
               const LikertTrendData *data,
               guint                  i,
               int                    digits)
{
  const LikertTrendPeriod *period = &data->periods[i];
  const char *label = period->label != NULL ? period->label : "";
  g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, period->n);
  g_autofree char *value = NULL;

  g_string_append_c (text, ' ');

  if (!isfinite (period->value))
    {
      /* Translators: a period (such as a month) without answers */
      g_string_append_printf (text, _("%s: no answers."), label);
      return;
    }

  value = format_value (data, period->value, digits);
  if (has_interval (period))
    {
      g_autofree char *low = format_value (data, period->low, digits);
      g_autofree char *high = format_value (data, period->high, digits);

      /* Translators: a period, its value, its interval and its number of answers */
      g_string_append_printf (text, _("%s: %s, interval %s to %s, n = %s"), label, value, low,
                              high, n);
    }
  else
    {
      /* Translators: a period, its value and its number of answers */
      g_string_append_printf (text, _("%s: %s, n = %s"), label, value, n);
    }

  if (period->n < LIKERT_CHART_SMALL_N)
    /* Translators: after a period's n, when it is too small to compare */
    g_string_append (text, _(", a small sample"));
  g_string_append_c (text, '.');
}

char *
likert_trend_describe (const LikertTrendData *data)
{
  g_autoptr(GString) text = NULL;
  const char *name;
  double axis_min, axis_max;
  int digits;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->n_periods == 0 || data->periods != NULL, NULL);

  text = g_string_new (NULL);
  name = data->value_name != NULL && data->value_name[0] != '\0' ? data->value_name : _("Value");
  fit_axis (data, &axis_min, &axis_max);
  digits = value_digits (data, axis_min, axis_max);

  if (data->title != NULL && data->title[0] != '\0')
    /* Translators: the first %s is a statistic such as "Mean", the second a survey question,
     * the third a number of periods */
    g_string_append_printf (text, _("Trend of %s for %s over %u periods."), name, data->title,
                            data->n_periods);
  else
    /* Translators: %s is a statistic such as "Mean", %u a number of periods */
    g_string_append_printf (text, _("Trend of %s over %u periods."), name, data->n_periods);

  if (data->n_periods <= MAX_LISTED)
    {
      for (guint i = 0; i < data->n_periods; i++)
        append_period (text, data, i, digits);
    }
  else
    {
      guint lowest = G_MAXUINT, highest = G_MAXUINT, last = G_MAXUINT;

      for (guint i = 0; i < data->n_periods; i++)
        {
          double value = data->periods[i].value;

          if (!isfinite (value))
            continue;
          if (lowest == G_MAXUINT || value < data->periods[lowest].value)
            lowest = i;
          if (highest == G_MAXUINT || value > data->periods[highest].value)
            highest = i;
          last = i;
        }

      g_string_append_printf (text, " %s", _("First:"));
      append_period (text, data, 0, digits);
      if (last != G_MAXUINT)
        {
          g_string_append_printf (text, " %s", _("Last:"));
          append_period (text, data, last, digits);
          g_string_append_printf (text, " %s", _("Lowest:"));
          append_period (text, data, lowest, digits);
          g_string_append_printf (text, " %s", _("Highest:"));
          append_period (text, data, highest, digits);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
