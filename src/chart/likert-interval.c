/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-interval"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-painter.h"
#include "likert-interval.h"

#define ROW_MIN_EM     1.4   /* the thinnest a row gets before rows are left out */
#define ROW_MAX_EM     2.2
#define LABEL_FRACTION 0.3   /* the most of the width segment labels take */
#define MIN_PLOT_EM    6.0   /* the narrowest plot before the intervals' text goes */
#define DOT_EM         0.32  /* the dot's radius */
#define CAP_EM         0.35  /* half the height of a whisker's end */
#define WHISKER_WIDTH  2.0

typedef LikertChartPainter Painter;

static gboolean
data_valid (const LikertIntervalData *data)
{
  return data->n_rows == 0 || data->rows != NULL;
}

static char *
format_value (const LikertIntervalData *data,
              double                    value)
{
  if (data->percent)
    return likert_chart_format_percent (value * 100.0, 1);

  return likert_chart_format_number (value, 2);
}

/* "3.62 (3.55–3.70)", the interval muted; without it when with_interval is FALSE or unknown. */
static PangoLayout *
value_layout (Painter                  *painter,
              const LikertIntervalData *data,
              const LikertIntervalRow  *row,
              gboolean                  with_interval)
{
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  gsize value_length;

  if (isnan (row->value))
    {
      /* Translators: in place of a value, for a group without answers */
      layout = likert_chart_painter_layout (painter, painter->font, _("no answers"));
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      return layout;
    }

  value = likert_chart_painter_number (painter, format_value (data, row->value));
  value_length = strlen (value);

  if (with_interval && !isnan (row->low) && !isnan (row->high))
    {
      g_autofree char *low = data->percent ? likert_chart_format_number (row->low * 100.0, 1)
                                           : likert_chart_format_number (row->low, 2);
      g_autofree char *high = data->percent ? likert_chart_format_number (row->high * 100.0, 1)
                                            : likert_chart_format_number (row->high, 2);
      g_autofree char *interval = NULL;

      /* Translators: a confidence interval after a value, as in "3.62 (3.55–3.70)" */
      interval = likert_chart_painter_number (painter, g_strdup_printf (_("(%s–%s)"), low, high));
      text = g_strconcat (value, " ", interval, NULL);
    }
  else
    {
      text = g_strdup (value);
    }

  return likert_chart_painter_value_layout (painter, text, value_length);
}

static void
fit_axis (const LikertIntervalData *data,
          double                   *axis_min,
          double                   *axis_max)
{
  double lo = INFINITY, hi = -INFINITY;
  double step;

  if (data->axis_min < data->axis_max)
    {
      *axis_min = data->axis_min;
      *axis_max = data->axis_max;
      return;
    }

  for (guint r = 0; r < data->n_rows; r++)
    {
      const double values[] = { data->rows[r].value, data->rows[r].low, data->rows[r].high };

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        if (isfinite (values[i]))
          {
            lo = MIN (lo, values[i]);
            hi = MAX (hi, values[i]);
          }
    }
  if (isfinite (data->reference))
    {
      lo = MIN (lo, data->reference);
      hi = MAX (hi, data->reference);
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

  step = likert_chart_nice_step (hi - lo, 4);
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

static void
draw_dot (Painter          *painter,
          double            x,
          double            y,
          double            radius,
          gboolean          hollow)
{
  cairo_t *cr = painter->cr;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  if (hollow)
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

void
likert_interval_render (cairo_t                  *cr,
                        double                    width,
                        double                    height,
                        const LikertChartStyle   *style,
                        const LikertIntervalData *data,
                        LikertIntervalGeometry   *geometry)
{
  Painter painter;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) caption_layout = NULL;
  g_autoptr(PangoLayout) reference_layout = NULL;
  g_auto(GStrv) n_texts = NULL;
  g_autofree const char **labels = NULL;
  LikertChartRows rows;
  LikertChartAxis axis;
  guint n_candidates;
  gboolean with_interval = TRUE;
  gboolean show_title;
  double content_width, label_width, value_width = 0, n_width, plot_x0, plot_x1, plot_left;
  double plot_width, axis_min, axis_max;
  double title_height = 0, reference_height = 0, caption_height = 0, axis_height, more_height = 0;
  double top, bottom, plot_top, plot_bottom, reference_x = NAN;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (geometry != NULL)
    {
      memset (geometry, 0, sizeof *geometry);
      geometry->reference_x = NAN;
    }

  cairo_save (cr);
  likert_chart_draw_background (cr, style, width, height);

  if (!data_valid (data))
    {
      g_critical ("Interval chart data without rows");
      cairo_restore (cr);
      return;
    }

  if (!(width >= LIKERT_CHART_MIN_SIZE && height >= LIKERT_CHART_MIN_SIZE))
    {
      cairo_restore (cr);
      return;
    }

  likert_chart_painter_init (&painter, cr, style, width);
  content_width = width - 2 * painter.pad;
  n_candidates = MIN (data->n_rows, LIKERT_INTERVAL_MAX_ROWS);
  fit_axis (data, &axis_min, &axis_max);

  n_texts = g_new0 (char *, data->n_rows + 1);
  labels = g_new0 (const char *, MAX (data->n_rows, 1));
  for (guint r = 0; r < data->n_rows; r++)
    {
      n_texts[r] = likert_chart_painter_number (&painter, likert_chart_format_n (data->rows[r].n));
      labels[r] = data->rows[r].label;
    }

  /* Across: labels, the plot, the value with its interval, n; the interval's text goes first
   * when the plot gets too narrow, then label room. */
  label_width = likert_chart_label_width (&painter, painter.font, labels, data->n_rows,
                                          floor (content_width * LABEL_FRACTION));
  n_width = ceil (likert_chart_max_width (&painter, painter.font,
                                          (const char * const *) n_texts, data->n_rows));
  for (int attempt = 0; ; attempt++)
    {
      value_width = 0;
      for (guint r = 0; r < n_candidates; r++)
        {
          g_autoptr(PangoLayout) layout = value_layout (&painter, data, &data->rows[r],
                                                        with_interval);

          value_width = MAX (value_width, likert_chart_layout_width (layout));
        }

      plot_x0 = painter.pad + (label_width > 0 ? label_width + 2 * painter.gap : 0);
      plot_x1 = width - painter.pad - (value_width > 0 ? value_width + 2 * painter.gap : 0) -
                (n_width > 0 ? n_width + 2 * painter.gap : 0);

      if (plot_x1 - plot_x0 >= MIN_PLOT_EM * painter.em || attempt > 2)
        break;
      if (attempt == 0)
        with_interval = FALSE;
      else if (attempt == 1)
        label_width = MIN (label_width,
                           likert_chart_label_width (&painter, painter.font, labels, data->n_rows,
                                                     floor (content_width * LABEL_FRACTION / 2)));
      else
        n_width = 0;
    }
  plot_x0 = round (plot_x0);
  plot_x1 = round (plot_x1);
  plot_width = plot_x1 - plot_x0;
  plot_left = likert_chart_painter_x (&painter, plot_x0, plot_width);

  if (plot_width < 2)
    goto out;

  axis.value_min = axis_min;
  axis.value_max = axis_max;
  axis.x_min = painter.rtl ? plot_left + plot_width : plot_left;
  axis.x_max = painter.rtl ? plot_left : plot_left + plot_width;
  axis.format = data->percent ? LIKERT_CHART_AXIS_FRACTION : LIKERT_CHART_AXIS_NUMBER;

  title_layout = likert_chart_painter_title (&painter, data->title, width);
  if (title_layout != NULL)
    title_height = likert_chart_layout_height (title_layout);
  show_title = title_layout != NULL;

  if (isfinite (data->reference))
    {
      g_autofree char *value = likert_chart_painter_number (&painter,
                                                            format_value (data, data->reference));
      g_autofree char *text = NULL;

      if (data->reference_label != NULL && data->reference_label[0] != '\0')
        /* Translators: the reference line's name and value, as in "All: 3.58" */
        text = g_strdup_printf (_("%s: %s"), data->reference_label, value);
      else
        text = g_strdup (value);

      reference_layout = likert_chart_painter_layout (&painter, painter.small_font, text);
      likert_chart_layout_set_box (reference_layout, plot_width, 1, PANGO_ALIGN_CENTER);
      reference_height = likert_chart_layout_height (reference_layout) + painter.gap;
      reference_x = round (likert_chart_axis_x (&axis, CLAMP (data->reference, axis_min,
                                                              axis_max)));
    }

  if (data->value_name != NULL && data->value_name[0] != '\0')
    {
      caption_layout = likert_chart_painter_layout (&painter, painter.small_font,
                                                    data->value_name);
      likert_chart_layout_set_box (caption_layout, plot_width, 1, PANGO_ALIGN_CENTER);
      caption_height = likert_chart_layout_height (caption_layout);
    }

  axis_height = likert_chart_axis_draw (&painter, &axis, 0, 0, FALSE);

  for (;;)
    {
      top = painter.pad + (show_title ? title_height + painter.pad : 0) + reference_height;
      bottom = painter.pad + axis_height + caption_height + more_height;
      likert_chart_rows_fit (&painter, top, height - top - bottom, n_candidates,
                             ROW_MIN_EM, ROW_MAX_EM, &rows);

      if (rows.n_rows < data->n_rows && more_height == 0)
        {
          more_height = painter.em;
          continue;
        }
      if (rows.n_rows >= MIN (n_candidates, LIKERT_CHART_WANTED_ROWS) || !show_title)
        break;
      show_title = FALSE;
    }

  plot_top = rows.top;
  plot_bottom = rows.n_rows > 0 ? rows.top + rows.n_rows * rows.row_height
                                : height - bottom;

  if (rows.n_rows > 0)
    likert_chart_axis_draw (&painter, &axis, plot_top, plot_bottom, TRUE);

  if (caption_layout != NULL)
    likert_chart_painter_show (&painter, caption_layout, &style->muted, plot_left,
                               plot_bottom + axis_height);

  /* The reference, behind the marks. */
  if (reference_layout != NULL && rows.n_rows > 0)
    {
      double w = likert_chart_layout_width (reference_layout);
      double label_x = CLAMP (reference_x - plot_left - plot_width / 2.0,
                              -(plot_width - w) / 2.0, (plot_width - w) / 2.0);
      static const double dash[] = { 4.0, 3.0 };

      likert_chart_set_source_alpha (cr, &style->foreground, 0.7);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      likert_chart_vline (cr, reference_x - 0.5, plot_top - painter.gap, plot_bottom);
      cairo_set_dash (cr, NULL, 0, 0);
      likert_chart_painter_show (&painter, reference_layout, &style->muted, plot_left + label_x,
                                 plot_top - reference_height);
    }

  for (guint r = 0; r < rows.n_rows; r++)
    {
      const LikertIntervalRow *row = &data->rows[r];
      double row_y = rows.top + r * rows.row_height;
      double y = row_y + rows.row_height / 2.0;
      double dot_x = NAN, low_x = NAN, high_x = NAN;
      double cap = round (CAP_EM * painter.em);
      gboolean small = row->n < LIKERT_CHART_SMALL_N;
      g_autoptr(PangoLayout) value = NULL;

      /* A faint guide from the label across the plot. */
      likert_chart_set_source_alpha (cr, &style->muted, LIKERT_CHART_GRID_ALPHA / 2);
      cairo_set_line_width (cr, 1.0);
      likert_chart_hline (cr, plot_left, plot_left + plot_width, y);

      if (!isnan (row->low) && !isnan (row->high))
        {
          low_x = round (likert_chart_axis_x (&axis, CLAMP (row->low, axis_min, axis_max)));
          high_x = round (likert_chart_axis_x (&axis, CLAMP (row->high, axis_min, axis_max)));

          likert_chart_set_source (cr, &style->accent);
          cairo_set_line_width (cr, WHISKER_WIDTH);
          cairo_move_to (cr, low_x, round (y));
          cairo_line_to (cr, high_x, round (y));
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1.0);
          likert_chart_vline (cr, low_x - (low_x < high_x ? 0 : 1), y - cap, y + cap);
          likert_chart_vline (cr, high_x - (low_x < high_x ? 1 : 0), y - cap, y + cap);
        }

      if (!isnan (row->value))
        {
          dot_x = likert_chart_axis_x (&axis, CLAMP (row->value, axis_min, axis_max));
          draw_dot (&painter, dot_x, round (y), round (DOT_EM * painter.em), small);
        }

      if (label_width > 0)
        likert_chart_row_text (&painter, painter.font, row->label,
                               likert_chart_painter_x (&painter, painter.pad, label_width),
                               label_width, y, rows.row_height,
                               painter.rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
                               small ? &style->muted : &style->foreground);

      value = value_layout (&painter, data, row, with_interval);
      if (value_width > 0)
        {
          double x = plot_x1 + 2 * painter.gap;

          likert_chart_layout_set_box (value, value_width, 1,
                                       painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          likert_chart_painter_show (&painter, value,
                                     isnan (row->value) ? &style->muted : &style->foreground,
                                     likert_chart_painter_x (&painter, x, value_width),
                                     round (y - likert_chart_layout_height (value) / 2.0));
        }

      if (n_width > 0)
        likert_chart_row_text (&painter, painter.font, n_texts[r],
                               likert_chart_painter_x (&painter, width - painter.pad - n_width,
                                                       n_width),
                               n_width, y, rows.row_height,
                               painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
                               &style->muted);

      if (geometry != NULL)
        geometry->marks[r] = (LikertIntervalMark) {
          .band = { painter.pad, row_y, content_width, rows.row_height },
          .y = round (y),
          .x = dot_x,
          .low_x = low_x,
          .high_x = high_x,
        };
    }

  if (rows.n_rows == 0)
    likert_chart_painter_message (&painter,
                                  data->n_rows == 0 ? _("No segments") : _("Too small"),
                                  &(LikertChartRect) { plot_left, top, plot_width,
                                                       MAX (plot_bottom - top, painter.em) });

  likert_chart_painter_more (&painter, data->n_rows - rows.n_rows,
                             plot_bottom + axis_height + caption_height + painter.gap);

  if (show_title)
    likert_chart_painter_show (&painter, title_layout, &style->foreground, painter.pad,
                               painter.pad);

  if (geometry != NULL)
    {
      geometry->n_rows = rows.n_rows;
      geometry->n_hidden = data->n_rows - rows.n_rows;
      geometry->plot = (LikertChartRect) { plot_left, plot_top, plot_width,
                                           plot_bottom - plot_top };
      geometry->axis_min = axis_min;
      geometry->axis_max = axis_max;
      geometry->x_min = axis.x_min;
      geometry->x_max = axis.x_max;
      geometry->reference_x = rows.n_rows > 0 ? reference_x : NAN;
    }

out:
  likert_chart_painter_clear (&painter);
  cairo_restore (cr);
}

void
likert_interval_draw (cairo_t                *cr,
                      double                  width,
                      double                  height,
                      const LikertChartStyle *style,
                      gconstpointer           data)
{
  likert_interval_render (cr, width, height, style, data, NULL);
}

char *
likert_interval_describe (const LikertIntervalData *data)
{
  g_autoptr(GString) text = NULL;
  const char *title, *name;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data_valid (data), NULL);

  text = g_string_new (NULL);
  title = data->title != NULL && data->title[0] != '\0' ? data->title : NULL;
  name = data->value_name != NULL && data->value_name[0] != '\0' ? data->value_name
                                                                   : _("Value");

  if (title != NULL)
    /* Translators: the first %s is a statistic such as "Mean", the second a survey question */
    g_string_append_printf (text, _("%s with its confidence interval by segment, %s."),
                            name, title);
  else
    /* Translators: %s is a statistic such as "Mean" */
    g_string_append_printf (text, _("%s with its confidence interval by segment."), name);

  if (isfinite (data->reference))
    {
      g_autofree char *value = format_value (data, data->reference);

      g_string_append_c (text, ' ');
      if (data->reference_label != NULL && data->reference_label[0] != '\0')
        /* Translators: the reference line, as in "Reference line, All: 3.58." */
        g_string_append_printf (text, _("Reference line, %s: %s."), data->reference_label,
                                value);
      else
        /* Translators: the reference line's value */
        g_string_append_printf (text, _("Reference line: %s."), value);
    }

  if (data->n_rows == 0)
    g_string_append_printf (text, " %s", _("No segments."));

  for (guint r = 0; r < data->n_rows; r++)
    {
      const LikertIntervalRow *row = &data->rows[r];
      const char *label = row->label != NULL ? row->label : "";
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, row->n);
      g_autofree char *value = NULL;

      g_string_append_c (text, ' ');

      if (isnan (row->value))
        {
          /* Translators: a segment (such as a country) without answers */
          g_string_append_printf (text, _("%s: no answers."), label);
          continue;
        }

      value = format_value (data, row->value);
      if (!isnan (row->low) && !isnan (row->high))
        {
          g_autofree char *low = format_value (data, row->low);
          g_autofree char *high = format_value (data, row->high);

          /* Translators: a segment, its value, its interval and its number of answers */
          g_string_append_printf (text, _("%s: %s, interval %s to %s, n = %s"),
                                  label, value, low, high, n);
        }
      else
        {
          /* Translators: a segment, its value and its number of answers */
          g_string_append_printf (text, _("%s: %s, n = %s"), label, value, n);
        }

      if (row->n < LIKERT_CHART_SMALL_N)
        /* Translators: after a segment's n, when it is too small to compare */
        g_string_append (text, _(", a small sample"));
      g_string_append_c (text, '.');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
