/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-diverging"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-painter.h"
#include "likert-diverging.h"

#define ROW_MIN_EM      1.6   /* the thinnest a row gets before rows are left out */
#define ROW_MAX_EM      2.6   /* the thickest, so that three segments do not draw slabs */
#define BAR_FRACTION    0.72  /* of a row's height */
#define LABEL_FRACTION  0.3   /* the most of the width segment labels take */
#define MIN_PLOT_EM     4.0   /* the narrowest plot before the n and then the labels go */

typedef enum {
  SIDE_NEGATIVE,
  SIDE_NEUTRAL,
  SIDE_POSITIVE,
} Side;

typedef struct
{
  const LikertDivergingData *data;
  guint                      n_points;
} SortContext;

static guint
n_points (const LikertDivergingData *data)
{
  return (guint) (data->scale_max - data->scale_min + 1);
}

static Side
point_side (guint n,
            guint i)
{
  if (n % 2 == 1 && i == n / 2)
    return SIDE_NEUTRAL;

  return i < n / 2 ? SIDE_NEGATIVE : SIDE_POSITIVE;
}

static gboolean
data_valid (const LikertDivergingData *data)
{
  if (data->scale_max < data->scale_min ||
      data->scale_max - data->scale_min >= LIKERT_CHART_MAX_POINTS ||
      (data->n_segments > 0 && data->segments == NULL))
    return FALSE;

  for (guint s = 0; s < data->n_segments; s++)
    if (data->segments[s].counts == NULL)
      return FALSE;

  return TRUE;
}

static guint64
segment_n (const LikertDivergingData *data,
           guint                      segment)
{
  guint64 n = 0;

  for (guint i = 0; i < n_points (data); i++)
    n += data->segments[segment].counts[i];

  return n;
}

/* The shares of the negative, neutral and positive points, in % of the segment's answers. */
static void
segment_sides (const LikertDivergingData *data,
               guint                      segment,
               double                     sides[3])
{
  guint n = n_points (data);
  guint64 total = segment_n (data, segment);

  sides[SIDE_NEGATIVE] = sides[SIDE_NEUTRAL] = sides[SIDE_POSITIVE] = 0;
  if (total == 0)
    return;

  for (guint i = 0; i < n; i++)
    sides[point_side (n, i)] += 100.0 * (double) data->segments[segment].counts[i] / (double) total;
}

double
likert_diverging_net (const LikertDivergingData *data,
                      guint                      segment)
{
  double sides[3];

  g_return_val_if_fail (data != NULL, NAN);
  g_return_val_if_fail (data_valid (data), NAN);
  g_return_val_if_fail (segment < data->n_segments, NAN);

  if (segment_n (data, segment) == 0)
    return NAN;

  segment_sides (data, segment, sides);
  return sides[SIDE_POSITIVE] - sides[SIDE_NEGATIVE];
}

static int
compare_net (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const LikertDivergingData *data = user_data;
  double net_a = likert_diverging_net (data, *(const guint *) a);
  double net_b = likert_diverging_net (data, *(const guint *) b);

  /* Highest first; no answers last. */
  if (isnan (net_a) || isnan (net_b))
    return isnan (net_a) - isnan (net_b);
  if (net_a > net_b)
    return -1;
  if (net_a < net_b)
    return 1;

  return 0;
}

void
likert_diverging_order (const LikertDivergingData *data,
                        guint                     *order)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (data_valid (data));
  g_return_if_fail (order != NULL || data->n_segments == 0);

  for (guint s = 0; s < data->n_segments; s++)
    order[s] = s;

  /* Stable: equal scores keep the caller's order. */
  g_qsort_with_data (order, (int) data->n_segments, sizeof order[0], compare_net, (gpointer) data);
}

static char *
point_text (const LikertDivergingData *data,
            guint                      i)
{
  const char *label = data->labels != NULL ? data->labels[i] : NULL;

  if (label != NULL && label[0] != '\0')
    return g_strdup (label);

  return g_strdup_printf ("%d", data->scale_min + (int) i);
}

void
likert_diverging_render (cairo_t                   *cr,
                         double                     width,
                         double                     height,
                         const LikertChartStyle    *style,
                         const LikertDivergingData *data,
                         LikertDivergingGeometry   *geometry)
{
  LikertChartPainter painter;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint64 *totals = NULL;
  g_auto(GStrv) n_texts = NULL;
  g_autofree const char **labels = NULL;
  LikertRgba palette[LIKERT_CHART_MAX_POINTS];
  LikertChartLegendItem legend[LIKERT_CHART_MAX_POINTS];
  char *legend_texts[LIKERT_CHART_MAX_POINTS] = { NULL };
  LikertChartRect swatches[LIKERT_CHART_MAX_POINTS];
  LikertChartRows rows;
  LikertChartAxis axis;
  guint n, n_candidates;
  double content_width, label_width, end_width, plot_x0, plot_x1, plot_left, plot_width;
  double title_height = 0, legend_height = 0, legend_left, legend_width;
  double axis_height, more_height = 0;
  double top, bottom, extent = 0, axis_max, centre_x;
  gboolean show_title, show_legend = TRUE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (geometry != NULL)
    memset (geometry, 0, sizeof *geometry);

  cairo_save (cr);
  likert_chart_draw_background (cr, style, width, height);

  if (!data_valid (data))
    {
      g_critical ("Diverging chart data without counts or with a scale of %d–%d",
                  data->scale_min, data->scale_max);
      cairo_restore (cr);
      return;
    }

  if (!(width >= LIKERT_CHART_MIN_SIZE && height >= LIKERT_CHART_MIN_SIZE))
    {
      cairo_restore (cr);
      return;
    }

  n = n_points (data);
  likert_chart_style_get_diverging (style, n, palette);
  likert_chart_painter_init (&painter, cr, style, width);
  content_width = width - 2 * painter.pad;

  order = g_new0 (guint, MAX (data->n_segments, 1));
  likert_diverging_order (data, order);
  n_candidates = MIN (data->n_segments, LIKERT_DIVERGING_MAX_ROWS);

  totals = g_new0 (guint64, MAX (data->n_segments, 1));
  n_texts = g_new0 (char *, data->n_segments + 1);
  labels = g_new0 (const char *, MAX (data->n_segments, 1));
  for (guint s = 0; s < data->n_segments; s++)
    {
      totals[s] = segment_n (data, s);
      n_texts[s] = likert_chart_painter_number (&painter, likert_chart_format_n (totals[s]));
      labels[s] = data->segments[s].label;
    }

  /* Across: labels at the start, the bars, each bar's n at the end. */
  label_width = likert_chart_label_width (&painter, painter.font, labels, data->n_segments,
                                          floor (content_width * LABEL_FRACTION));
  end_width = ceil (likert_chart_max_width (&painter, painter.font,
                                            (const char * const *) n_texts, data->n_segments));
  for (int attempt = 0; ; attempt++)
    {
      plot_x0 = painter.pad + (label_width > 0 ? label_width + 2 * painter.gap : 0);
      plot_x1 = width - painter.pad - (end_width > 0 ? end_width + 2 * painter.gap : 0);

      if (plot_x1 - plot_x0 >= MIN_PLOT_EM * painter.em || attempt > 1)
        break;
      if (attempt == 0)
        end_width = 0;
      else
        label_width = 0;
    }
  plot_x0 = round (plot_x0);
  plot_x1 = round (plot_x1);
  plot_width = plot_x1 - plot_x0;
  plot_left = likert_chart_painter_x (&painter, plot_x0, plot_width);

  if (plot_width < 2)
    goto out;

  /* The legend over the bars: the scale's labels, negative at the start. */
  for (guint i = 0; i < n; i++)
    {
      legend_texts[i] = point_text (data, i);
      legend[i].color = palette[i];
      legend[i].text = legend_texts[i];
    }
  /* Over the bars; across the chart when it would take more than two lines there, or wrap a
   * name. */
  legend_left = plot_left;
  legend_width = plot_width;
  legend_height = likert_chart_legend (&painter, legend, n, legend_left, 0, legend_width, FALSE,
                                       NULL);
  if (legend_height > 2 * painter.em + painter.gap + 1 ||
      !likert_chart_legend_fits (&painter, legend, n, legend_width))
    {
      legend_left = painter.pad;
      legend_width = content_width;
      legend_height = likert_chart_legend (&painter, legend, n, legend_left, 0, legend_width,
                                           FALSE, NULL);
    }

  title_layout = likert_chart_painter_title (&painter, data->title, width);
  if (title_layout != NULL)
    title_height = likert_chart_layout_height (title_layout);
  show_title = title_layout != NULL;

  axis_height = painter.gap + painter.em;

  /* Down: title, legend, bars, axis; drop the title, then the legend, to fit one bar. */
  for (;;)
    {
      top = painter.pad + (show_title ? title_height + painter.pad : 0) +
            (show_legend ? legend_height + painter.pad : 0);
      bottom = painter.pad + axis_height;
      likert_chart_rows_fit (&painter, top, height - top - bottom, n_candidates,
                             ROW_MIN_EM, ROW_MAX_EM, &rows);

      if (rows.n_rows < data->n_segments && more_height == 0)
        {
          /* Room for the note that says some are missing. */
          more_height = painter.em;
          bottom += more_height;
          likert_chart_rows_fit (&painter, top, height - top - bottom, n_candidates,
                                 ROW_MIN_EM, ROW_MAX_EM, &rows);
        }

      if (rows.n_rows >= MIN (n_candidates, LIKERT_CHART_WANTED_ROWS))
        break;
      if (show_title)
        show_title = FALSE;
      else if (show_legend && rows.n_rows == 0)
        show_legend = FALSE;
      else
        break;
    }

  /* The axis: symmetric around the centre line, up to the widest side in tens of %. */
  for (guint r = 0; r < rows.n_rows; r++)
    {
      double sides[3];

      segment_sides (data, order[r], sides);
      extent = MAX (extent, sides[SIDE_NEGATIVE] + sides[SIDE_NEUTRAL] / 2.0);
      extent = MAX (extent, sides[SIDE_POSITIVE] + sides[SIDE_NEUTRAL] / 2.0);
    }
  axis_max = extent > 0 ? MIN (100.0, ceil (extent / 10.0 - 1e-9) * 10.0) : 50.0;
  axis_max = MAX (axis_max, 10.0);

  axis.value_min = -axis_max;
  axis.value_max = axis_max;
  axis.x_min = painter.rtl ? plot_left + plot_width : plot_left;
  axis.x_max = painter.rtl ? plot_left : plot_left + plot_width;
  axis.format = LIKERT_CHART_AXIS_PERCENT;
  centre_x = round (likert_chart_axis_x (&axis, 0));

  {
    double plot_top = rows.top;
    double plot_bottom = rows.top + rows.n_rows * rows.row_height;
    double axis_y = plot_bottom;

    if (rows.n_rows == 0)
      {
        plot_bottom = height - painter.pad - axis_height - more_height;
        axis_y = plot_bottom;
      }

    if (rows.n_rows > 0)
      {
        likert_chart_axis_draw (&painter, &axis, plot_top, axis_y, TRUE);

        /* The centre line, behind the bars: a neutral part straddles it with its share. */
        likert_chart_set_source (cr, &style->foreground);
        cairo_set_line_width (cr, 1.0);
        likert_chart_vline (cr, centre_x - 0.5, plot_top - painter.gap, plot_bottom + painter.gap);
      }

    for (guint r = 0; r < rows.n_rows; r++)
      {
        guint s = order[r];
        const guint64 *counts = data->segments[s].counts;
        double row_y = rows.top + r * rows.row_height;
        double bar_height = round (rows.row_height * BAR_FRACTION);
        double bar_y = row_y + round ((rows.row_height - bar_height) / 2.0);
        double row_centre = bar_y + bar_height / 2.0;
        double sides[3];
        double start, cumulated = 0;
        LikertChartRect pieces[LIKERT_CHART_MAX_POINTS];
        gboolean small = totals[s] < LIKERT_CHART_SMALL_N;

        segment_sides (data, s, sides);
        /* The bar starts where its negative part and half its neutral part end. */
        start = -(sides[SIDE_NEGATIVE] + sides[SIDE_NEUTRAL] / 2.0);

        for (guint i = 0; i < n; i++)
          {
            double share = totals[s] > 0 ? 100.0 * (double) counts[i] / (double) totals[s] : 0;
            double xa = round (likert_chart_axis_x (&axis, start + cumulated));
            double xb = round (likert_chart_axis_x (&axis, start + cumulated + share));

            cumulated += share;
            pieces[i].x = MIN (xa, xb);
            pieces[i].width = counts[i] > 0 ? fabs (xb - xa) : 0;
            pieces[i].y = bar_y;
            pieces[i].height = bar_height;

            if (pieces[i].width > 0)
              {
                likert_chart_set_source (cr, &palette[i]);
                cairo_rectangle (cr, pieces[i].x, pieces[i].y, pieces[i].width, pieces[i].height);
                cairo_fill (cr);
              }
          }

        /* Shares inside the pieces they fit in. */
        for (guint i = 0; i < n; i++)
          {
            double share = totals[s] > 0 ? 100.0 * (double) counts[i] / (double) totals[s] : 0;
            g_autofree char *text = NULL;
            g_autoptr(PangoLayout) layout = NULL;
            LikertRgba ink;
            double w, h;

            if (pieces[i].width <= 0 || round (share) < 1)
              continue;

            text = likert_chart_painter_number (&painter, likert_chart_format_percent (share, 0));
            layout = likert_chart_painter_layout (&painter, painter.small_font, text);
            w = likert_chart_layout_width (layout);
            h = likert_chart_layout_height (layout);
            if (w + 2 * painter.gap > pieces[i].width || h > pieces[i].height)
              continue;

            ink = likert_chart_text_on (&painter, &palette[i]);
            likert_chart_painter_show (&painter, layout, &ink,
                                       pieces[i].x + (pieces[i].width - w) / 2.0,
                                       round (row_centre - h / 2.0));
          }

        if (totals[s] == 0)
          {
            g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&painter,
                                                                         painter.small_font,
                                                                         _("No answers"));
            double w = likert_chart_layout_width (layout);

            likert_chart_painter_show (&painter, layout, &style->muted, centre_x - w / 2.0,
                                       round (row_centre -
                                              likert_chart_layout_height (layout) / 2.0));
          }

        if (label_width > 0)
          likert_chart_row_text (&painter, painter.font, data->segments[s].label,
                                 likert_chart_painter_x (&painter, painter.pad, label_width),
                                 label_width, row_centre, rows.row_height,
                                 painter.rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
                                 small ? &style->muted : &style->foreground);

        if (end_width > 0)
          likert_chart_row_text (&painter, painter.font, n_texts[s],
                                 likert_chart_painter_x (&painter, width - painter.pad - end_width,
                                                         end_width),
                                 end_width, row_centre, rows.row_height,
                                 painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
                                 &style->muted);

        if (geometry != NULL)
          {
            geometry->order[r] = s;
            memcpy (geometry->pieces[r], pieces, n * sizeof pieces[0]);
            geometry->rows[r] = (LikertChartRect) { painter.pad, row_y, content_width,
                                                    rows.row_height };
          }
      }

    if (rows.n_rows == 0)
      {
        likert_chart_painter_message (&painter,
                                      data->n_segments == 0 ? _("No segments") : _("Too small"),
                                      &(LikertChartRect) { plot_left, top, plot_width,
                                                           MAX (plot_bottom - top, painter.em) });
      }

    likert_chart_painter_more (&painter, data->n_segments - rows.n_rows,
                               plot_bottom + axis_height + painter.gap);

    if (show_legend)
      likert_chart_legend (&painter, legend, n, legend_left,
                           painter.pad + (show_title ? title_height + painter.pad : 0),
                           legend_width, TRUE, swatches);
    if (show_title)
      likert_chart_painter_show (&painter, title_layout, &style->foreground, painter.pad,
                                 painter.pad);

    if (geometry != NULL)
      {
        geometry->n_rows = rows.n_rows;
        geometry->n_hidden = data->n_segments - rows.n_rows;
        geometry->plot = (LikertChartRect) { plot_left, plot_top, plot_width,
                                             plot_bottom - plot_top };
        geometry->centre_x = centre_x;
        geometry->percent_min = axis_max;
        geometry->percent_max = axis_max;
        geometry->has_legend = show_legend;
        if (show_legend)
          memcpy (geometry->legend, swatches, n * sizeof swatches[0]);
      }
  }

out:
  for (guint i = 0; i < LIKERT_CHART_MAX_POINTS; i++)
    g_free (legend_texts[i]);
  likert_chart_painter_clear (&painter);
  cairo_restore (cr);
}

void
likert_diverging_draw (cairo_t                *cr,
                       double                  width,
                       double                  height,
                       const LikertChartStyle *style,
                       gconstpointer           data)
{
  likert_diverging_render (cr, width, height, style, data, NULL);
}

static void
append_side_points (GString                   *text,
                    const LikertDivergingData *data,
                    Side                       side,
                    const char                *heading)
{
  guint n = n_points (data);
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = data->labels != NULL ? data->labels[i] : NULL;

      if (point_side (n, i) != side)
        continue;

      g_string_append (text, first ? " " : ", ");
      if (first)
        g_string_append (text, heading);
      first = FALSE;

      if (label != NULL && label[0] != '\0')
        g_string_append_printf (text, "%d (%s)", data->scale_min + (int) i, label);
      else
        g_string_append_printf (text, "%d", data->scale_min + (int) i);
    }

  if (!first)
    g_string_append_c (text, '.');
}

char *
likert_diverging_describe (const LikertDivergingData *data)
{
  g_autoptr(GString) text = NULL;
  g_autofree guint *order = NULL;
  const char *title;
  gboolean has_neutral;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data_valid (data), NULL);

  text = g_string_new (NULL);
  title = data->title != NULL && data->title[0] != '\0' ? data->title : NULL;
  has_neutral = n_points (data) % 2 == 1;

  if (title != NULL)
    /* Translators: %s is a survey question */
    g_string_append_printf (text, _("Diverging bars of %s by segment, sorted by net score "
                                    "(positive minus negative)."), title);
  else
    g_string_append (text, _("Diverging bars by segment, sorted by net score "
                             "(positive minus negative)."));

  if (data->n_segments == 0)
    {
      g_string_append_printf (text, " %s", _("No segments."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Translators: followed by the negative points of the scale */
  append_side_points (text, data, SIDE_NEGATIVE, _("Negative: "));
  /* Translators: followed by the neutral point of the scale */
  append_side_points (text, data, SIDE_NEUTRAL, _("Neutral: "));
  /* Translators: followed by the positive points of the scale */
  append_side_points (text, data, SIDE_POSITIVE, _("Positive: "));

  order = g_new0 (guint, data->n_segments);
  likert_diverging_order (data, order);

  for (guint r = 0; r < data->n_segments; r++)
    {
      guint s = order[r];
      const char *label = data->segments[s].label != NULL ? data->segments[s].label : "";
      guint64 total = segment_n (data, s);
      g_autofree char *n_text = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
      g_autofree char *negative = NULL;
      g_autofree char *neutral = NULL;
      g_autofree char *positive = NULL;
      g_autofree char *net = NULL;
      double sides[3];

      g_string_append_c (text, ' ');

      if (total == 0)
        {
          /* Translators: a segment (such as a country) without answers */
          g_string_append_printf (text, _("%s: no answers."), label);
          continue;
        }

      segment_sides (data, s, sides);
      negative = likert_chart_format_percent (sides[SIDE_NEGATIVE], 1);
      neutral = likert_chart_format_percent (sides[SIDE_NEUTRAL], 1);
      positive = likert_chart_format_percent (sides[SIDE_POSITIVE], 1);
      net = likert_chart_format_signed (sides[SIDE_POSITIVE] - sides[SIDE_NEGATIVE], 1);

      if (total < LIKERT_CHART_SMALL_N)
        /* Translators: a segment and its number of answers, too few to compare */
        g_string_append_printf (text, _("%s (n = %s, a small sample):"), label, n_text);
      else
        /* Translators: a segment and its number of answers */
        g_string_append_printf (text, _("%s (n = %s):"), label, n_text);

      if (has_neutral)
        /* Translators: the shares of a segment's answers, then its net score */
        g_string_append_printf (text, _(" %s negative, %s neutral, %s positive, net %s."),
                                negative, neutral, positive, net);
      else
        /* Translators: the shares of a segment's answers, then its net score */
        g_string_append_printf (text, _(" %s negative, %s positive, net %s."),
                                negative, positive, net);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
