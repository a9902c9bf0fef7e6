/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-nps"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-painter.h"
#include "likert-nps.h"

#define ROW_MIN_EM      1.6
#define ROW_MAX_EM      2.6
#define BAR_FRACTION    0.72   /* of a row's height */
#define LABEL_FRACTION  0.25   /* the most of the width segment labels take */
#define BARS_SHARE      0.55   /* of the room for the two panels */
#define PANEL_SPACE_EM  1.5    /* between the panels */
#define MIN_PANEL_EM    5.0
#define DOT_EM          0.32
#define CAP_EM          0.35
#define WHISKER_WIDTH   2.0

typedef LikertChartPainter Painter;

static guint64
row_n (const LikertNpsRow *row)
{
  return row->counts[LIKERT_NPS_DETRACTORS] + row->counts[LIKERT_NPS_PASSIVES] +
         row->counts[LIKERT_NPS_PROMOTERS];
}

static const char *
group_name (LikertNpsGroup group)
{
  switch (group)
    {
    case LIKERT_NPS_DETRACTORS:
      /* Translators: NPS answers 0 to 6 */
      return _("Detractors (0–6)");
    case LIKERT_NPS_PASSIVES:
      /* Translators: NPS answers 7 and 8 */
      return _("Passives (7–8)");
    case LIKERT_NPS_PROMOTERS:
      /* Translators: NPS answers 9 and 10 */
      return _("Promoters (9–10)");
    case LIKERT_NPS_N_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "+32 (28 to 36)", the interval muted. */
static PangoLayout *
score_layout (Painter            *painter,
              const LikertNpsRow *row,
              gboolean            with_interval)
{
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  gsize value_length;

  if (isnan (row->nps))
    {
      /* Translators: in place of a value, for a group without answers */
      return likert_chart_painter_layout (painter, painter->font, _("no answers"));
    }

  value = likert_chart_painter_number (painter, likert_chart_format_signed (row->nps, 0));
  value_length = strlen (value);

  if (with_interval && !isnan (row->low) && !isnan (row->high))
    {
      g_autofree char *low = likert_chart_format_signed (row->low, 0);
      g_autofree char *high = likert_chart_format_signed (row->high, 0);
      g_autofree char *interval = NULL;

      /* Translators: an NPS's confidence interval, as in "+32 (+28 to +36)" */
      interval = likert_chart_painter_number (painter, g_strdup_printf (_("(%s to %s)"),
                                                                        low, high));
      text = g_strconcat (value, " ", interval, NULL);
    }
  else
    {
      text = g_strdup (value);
    }

  return likert_chart_painter_value_layout (painter, text, value_length);
}

static double
heading_height (Painter    *painter,
                const char *text,
                double      width,
                gboolean    draw,
                double      x,
                double      y)
{
  g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->bold_font, text);

  likert_chart_layout_set_box (layout, width, 1, PANGO_ALIGN_CENTER);
  if (draw)
    likert_chart_painter_show (painter, layout, &painter->style->muted, x, y);

  return likert_chart_layout_height (layout);
}

void
likert_nps_render (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   const LikertChartStyle *style,
                   const LikertNpsData    *data,
                   LikertNpsGeometry      *geometry)
{
  Painter painter;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_auto(GStrv) n_texts = NULL;
  g_autofree const char **labels = NULL;
  LikertRgba palette[LIKERT_NPS_N_GROUPS];
  LikertChartLegendItem legend[LIKERT_NPS_N_GROUPS];
  LikertChartRect swatches[LIKERT_NPS_N_GROUPS];
  LikertChartRows rows;
  LikertChartAxis share_axis, score_axis;
  guint n_candidates;
  gboolean with_interval = TRUE, show_title, show_legend = TRUE;
  double content_width, label_width, score_width = 0, n_width, space;
  double bars_x0, bars_width, scores_x0, scores_width, bars_left, scores_left;
  double title_height = 0, head_height, axis_height, more_height = 0;
  double legend_left, legend_width, legend_height;
  double top, bottom, plot_top, plot_bottom, zero_x;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (geometry != NULL)
    memset (geometry, 0, sizeof *geometry);

  cairo_save (cr);
  likert_chart_draw_background (cr, style, width, height);

  if (data->n_rows > 0 && data->rows == NULL)
    {
      g_critical ("NPS chart data without rows");
      cairo_restore (cr);
      return;
    }

  if (!(width >= LIKERT_CHART_MIN_SIZE && height >= LIKERT_CHART_MIN_SIZE))
    {
      cairo_restore (cr);
      return;
    }

  likert_chart_painter_init (&painter, cr, style, width);
  likert_chart_style_get_diverging (style, LIKERT_NPS_N_GROUPS, palette);
  content_width = width - 2 * painter.pad;
  space = round (PANEL_SPACE_EM * painter.em);
  n_candidates = MIN (data->n_rows, LIKERT_NPS_MAX_ROWS);

  n_texts = g_new0 (char *, data->n_rows + 1);
  labels = g_new0 (const char *, MAX (data->n_rows, 1));
  for (guint r = 0; r < data->n_rows; r++)
    {
      n_texts[r] = likert_chart_painter_number (&painter,
                                                likert_chart_format_n (row_n (&data->rows[r])));
      labels[r] = data->rows[r].label;
    }

  /* Across: labels, the bars, the scores, the NPS with its interval, n. */
  label_width = likert_chart_label_width (&painter, painter.font, labels, data->n_rows,
                                          floor (content_width * LABEL_FRACTION));
  n_width = ceil (likert_chart_max_width (&painter, painter.font,
                                          (const char * const *) n_texts, data->n_rows));
  for (int attempt = 0; ; attempt++)
    {
      double room;

      score_width = 0;
      for (guint r = 0; r < n_candidates; r++)
        {
          g_autoptr(PangoLayout) layout = score_layout (&painter, &data->rows[r], with_interval);

          score_width = MAX (score_width, likert_chart_layout_width (layout));
        }

      room = content_width - (label_width > 0 ? label_width + 2 * painter.gap : 0) -
             (score_width > 0 ? score_width + 2 * painter.gap : 0) -
             (n_width > 0 ? n_width + 2 * painter.gap : 0) - space;
      bars_width = floor (room * BARS_SHARE);
      scores_width = floor (room - bars_width);

      if (scores_width >= MIN_PANEL_EM * painter.em || attempt > 2)
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

  if (bars_width < 2 || scores_width < 2)
    goto out;

  bars_x0 = round (painter.pad + (label_width > 0 ? label_width + 2 * painter.gap : 0));
  scores_x0 = bars_x0 + bars_width + space;
  bars_left = likert_chart_painter_x (&painter, bars_x0, bars_width);
  scores_left = likert_chart_painter_x (&painter, scores_x0, scores_width);

  share_axis = (LikertChartAxis) { 0, 100,
                                   painter.rtl ? bars_left + bars_width : bars_left,
                                   painter.rtl ? bars_left : bars_left + bars_width,
                                   LIKERT_CHART_AXIS_PERCENT };
  score_axis = (LikertChartAxis) { -100, 100,
                                   painter.rtl ? scores_left + scores_width : scores_left,
                                   painter.rtl ? scores_left : scores_left + scores_width,
                                   LIKERT_CHART_AXIS_SIGNED };
  zero_x = round (likert_chart_axis_x (&score_axis, 0));

  for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
    {
      legend[g].color = palette[g];
      legend[g].text = group_name (g);
    }

  title_layout = likert_chart_painter_title (&painter, data->title, width);
  if (title_layout != NULL)
    title_height = likert_chart_layout_height (title_layout);
  show_title = title_layout != NULL;

  /* Above the panels: the legend over the bars, "NPS" over the scores; the legend across the
   * chart, over the heading, when its names would wrap or be cut over the bars. */
  legend_left = bars_left;
  legend_width = bars_width;
  if (!likert_chart_legend_fits (&painter, legend, LIKERT_NPS_N_GROUPS, bars_width))
    {
      legend_left = painter.pad;
      legend_width = content_width;
    }
  legend_height = likert_chart_legend (&painter, legend, LIKERT_NPS_N_GROUPS, legend_left, 0,
                                       legend_width, FALSE, NULL);
  head_height = heading_height (&painter, _("NPS"), scores_width, FALSE, 0, 0);
  if (legend_width > bars_width)
    head_height += legend_height + painter.gap;
  else
    head_height = MAX (head_height, legend_height);
  axis_height = MAX (likert_chart_axis_draw (&painter, &share_axis, 0, 0, FALSE),
                     likert_chart_axis_draw (&painter, &score_axis, 0, 0, FALSE));

  for (;;)
    {
      top = painter.pad + (show_title ? title_height + painter.pad : 0) +
            (show_legend ? head_height + painter.pad : 0);
      bottom = painter.pad + axis_height + more_height;
      likert_chart_rows_fit (&painter, top, height - top - bottom, n_candidates,
                             ROW_MIN_EM, ROW_MAX_EM, &rows);

      if (rows.n_rows < data->n_rows && more_height == 0)
        {
          more_height = painter.em;
          continue;
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

  plot_top = rows.top;
  plot_bottom = rows.n_rows > 0 ? rows.top + rows.n_rows * rows.row_height : height - bottom;

  if (rows.n_rows > 0)
    {
      likert_chart_axis_draw (&painter, &share_axis, plot_top, plot_bottom, TRUE);
      likert_chart_axis_draw (&painter, &score_axis, plot_top, plot_bottom, TRUE);

      /* NPS 0, behind the marks. */
      likert_chart_set_source (cr, &style->foreground);
      cairo_set_line_width (cr, 1.0);
      likert_chart_vline (cr, zero_x - 0.5, plot_top - painter.gap, plot_bottom + painter.gap);
    }

  for (guint r = 0; r < rows.n_rows; r++)
    {
      const LikertNpsRow *row = &data->rows[r];
      guint64 n = row_n (row);
      double row_y = rows.top + r * rows.row_height;
      double bar_height = round (rows.row_height * BAR_FRACTION);
      double bar_y = row_y + round ((rows.row_height - bar_height) / 2.0);
      double y = bar_y + bar_height / 2.0;
      double cap = round (CAP_EM * painter.em);
      double nps_x = NAN, low_x = NAN, high_x = NAN, cumulated = 0;
      gboolean small = n < LIKERT_CHART_SMALL_N;
      LikertChartRect pieces[LIKERT_NPS_N_GROUPS];
      g_autoptr(PangoLayout) score = NULL;

      for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
        {
          double share = n > 0 ? 100.0 * (double) row->counts[g] / (double) n : 0;
          double xa = round (likert_chart_axis_x (&share_axis, cumulated));
          double xb = round (likert_chart_axis_x (&share_axis, cumulated + share));

          cumulated += share;
          pieces[g] = (LikertChartRect) { MIN (xa, xb), bar_y,
                                          row->counts[g] > 0 ? fabs (xb - xa) : 0, bar_height };
          if (pieces[g].width > 0)
            {
              likert_chart_set_source (cr, &palette[g]);
              cairo_rectangle (cr, pieces[g].x, pieces[g].y, pieces[g].width, pieces[g].height);
              cairo_fill (cr);
            }
        }

      for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
        {
          double share = n > 0 ? 100.0 * (double) row->counts[g] / (double) n : 0;
          g_autofree char *text = NULL;
          g_autoptr(PangoLayout) layout = NULL;
          LikertRgba ink;
          double w, h;

          if (pieces[g].width <= 0 || round (share) < 1)
            continue;

          text = likert_chart_painter_number (&painter, likert_chart_format_percent (share, 0));
          layout = likert_chart_painter_layout (&painter, painter.small_font, text);
          w = likert_chart_layout_width (layout);
          h = likert_chart_layout_height (layout);
          if (w + 2 * painter.gap > pieces[g].width || h > pieces[g].height)
            continue;

          ink = likert_chart_text_on (&painter, &palette[g]);
          likert_chart_painter_show (&painter, layout, &ink,
                                     pieces[g].x + (pieces[g].width - w) / 2.0,
                                     round (y - h / 2.0));
        }

      if (n == 0)
        {
          g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&painter,
                                                                       painter.small_font,
                                                                       _("No answers"));

          likert_chart_layout_set_box (layout, bars_width, 1, PANGO_ALIGN_CENTER);
          likert_chart_painter_show (&painter, layout, &style->muted, bars_left,
                                     round (y - likert_chart_layout_height (layout) / 2.0));
        }

      if (!isnan (row->low) && !isnan (row->high))
        {
          low_x = round (likert_chart_axis_x (&score_axis, CLAMP (row->low, -100, 100)));
          high_x = round (likert_chart_axis_x (&score_axis, CLAMP (row->high, -100, 100)));

          likert_chart_set_source (cr, &style->accent);
          cairo_set_line_width (cr, WHISKER_WIDTH);
          cairo_move_to (cr, low_x, round (y));
          cairo_line_to (cr, high_x, round (y));
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1.0);
          likert_chart_vline (cr, low_x - (low_x < high_x ? 0 : 1), y - cap, y + cap);
          likert_chart_vline (cr, high_x - (low_x < high_x ? 1 : 0), y - cap, y + cap);
        }

      if (!isnan (row->nps))
        {
          double radius = round (DOT_EM * painter.em);

          nps_x = likert_chart_axis_x (&score_axis, CLAMP (row->nps, -100, 100));
          cairo_new_path (cr);
          cairo_arc (cr, nps_x, round (y), radius, 0, 2 * G_PI);
          if (small)
            {
              likert_chart_set_source (cr, &painter.surface);
              cairo_fill_preserve (cr);
              likert_chart_set_source (cr, &style->accent);
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
          else
            {
              likert_chart_set_source (cr, &style->accent);
              cairo_fill (cr);
            }
        }

      if (label_width > 0)
        likert_chart_row_text (&painter, painter.font, row->label,
                               likert_chart_painter_x (&painter, painter.pad, label_width),
                               label_width, y, rows.row_height,
                               painter.rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
                               small ? &style->muted : &style->foreground);

      score = score_layout (&painter, row, with_interval);
      if (score_width > 0)
        {
          double x = scores_x0 + scores_width + 2 * painter.gap;

          likert_chart_layout_set_box (score, score_width, 1,
                                       painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          likert_chart_painter_show (&painter, score,
                                     isnan (row->nps) ? &style->muted : &style->foreground,
                                     likert_chart_painter_x (&painter, x, score_width),
                                     round (y - likert_chart_layout_height (score) / 2.0));
        }

      if (n_width > 0)
        likert_chart_row_text (&painter, painter.font, n_texts[r],
                               likert_chart_painter_x (&painter, width - painter.pad - n_width,
                                                       n_width),
                               n_width, y, rows.row_height,
                               painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
                               &style->muted);

      if (geometry != NULL)
        {
          LikertNpsMark *mark = &geometry->marks[r];

          mark->band = (LikertChartRect) { painter.pad, row_y, content_width, rows.row_height };
          memcpy (mark->pieces, pieces, sizeof pieces);
          mark->y = round (y);
          mark->nps_x = nps_x;
          mark->low_x = low_x;
          mark->high_x = high_x;
        }
    }

  if (rows.n_rows == 0)
    likert_chart_painter_message (&painter,
                                  data->n_rows == 0 ? _("No answers") : _("Too small"),
                                  &(LikertChartRect) { painter.pad, top, content_width,
                                                       MAX (plot_bottom - top, painter.em) });

  likert_chart_painter_more (&painter, data->n_rows - rows.n_rows,
                             plot_bottom + axis_height + painter.gap);

  if (show_legend && rows.n_rows > 0)
    {
      double head_y = painter.pad + (show_title ? title_height + painter.pad : 0);

      likert_chart_legend (&painter, legend, LIKERT_NPS_N_GROUPS, legend_left, head_y,
                           legend_width, TRUE, swatches);
      heading_height (&painter, _("NPS"), scores_width, TRUE, scores_left,
                      head_y + head_height - painter.em);
    }

  if (show_title)
    likert_chart_painter_show (&painter, title_layout, &style->foreground, painter.pad,
                               painter.pad);

  if (geometry != NULL)
    {
      geometry->n_rows = rows.n_rows;
      geometry->n_hidden = data->n_rows - rows.n_rows;
      geometry->bars = (LikertChartRect) { bars_left, plot_top, bars_width,
                                           plot_bottom - plot_top };
      geometry->scores = (LikertChartRect) { scores_left, plot_top, scores_width,
                                             plot_bottom - plot_top };
      geometry->zero_x = zero_x;
      geometry->minus_100_x = score_axis.x_min;
      geometry->plus_100_x = score_axis.x_max;
      geometry->has_legend = show_legend && rows.n_rows > 0;
      if (geometry->has_legend)
        memcpy (geometry->legend, swatches, sizeof swatches);
    }

out:
  likert_chart_painter_clear (&painter);
  cairo_restore (cr);
}

void
likert_nps_draw (cairo_t                *cr,
                 double                  width,
                 double                  height,
                 const LikertChartStyle *style,
                 gconstpointer           data)
{
  likert_nps_render (cr, width, height, style, data, NULL);
}

char *
likert_nps_describe (const LikertNpsData *data)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->n_rows == 0 || data->rows != NULL, NULL);

  text = g_string_new (NULL);

  if (data->title != NULL && data->title[0] != '\0')
    /* Translators: %s is a survey question */
    g_string_append_printf (text, _("Net Promoter Score of %s: detractors answered 0 to 6, "
                                    "passives 7 or 8, promoters 9 or 10; NPS is the share of "
                                    "promoters minus the share of detractors."), data->title);
  else
    g_string_append (text, _("Net Promoter Score: detractors answered 0 to 6, passives 7 or 8, "
                             "promoters 9 or 10; NPS is the share of promoters minus the share of "
                             "detractors."));

  if (data->n_rows == 0)
    g_string_append_printf (text, " %s", _("No answers."));

  for (guint r = 0; r < data->n_rows; r++)
    {
      const LikertNpsRow *row = &data->rows[r];
      const char *label = row->label != NULL ? row->label : "";
      guint64 n = row_n (row);
      g_autofree char *n_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
      char *shares[LIKERT_NPS_N_GROUPS] = { NULL };
      g_autofree char *nps = NULL;

      g_string_append_c (text, ' ');

      if (n == 0 || isnan (row->nps))
        {
          /* Translators: a segment (such as a device) without answers */
          g_string_append_printf (text, _("%s: no answers."), label);
          continue;
        }

      for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
        shares[g] = likert_chart_format_percent (100.0 * (double) row->counts[g] / (double) n, 1);
      nps = likert_chart_format_signed (row->nps, 1);

      if (n < LIKERT_CHART_SMALL_N)
        /* Translators: a segment and its number of answers, too few to compare */
        g_string_append_printf (text, _("%s (n = %s, a small sample):"), label, n_text);
      else
        /* Translators: a segment and its number of answers */
        g_string_append_printf (text, _("%s (n = %s):"), label, n_text);

      /* Translators: the shares of detractors, passives and promoters, then the NPS */
      g_string_append_printf (text, _(" %s detractors, %s passives, %s promoters; NPS %s"),
                              shares[LIKERT_NPS_DETRACTORS], shares[LIKERT_NPS_PASSIVES],
                              shares[LIKERT_NPS_PROMOTERS], nps);

      if (!isnan (row->low) && !isnan (row->high))
        {
          g_autofree char *low = likert_chart_format_signed (row->low, 1);
          g_autofree char *high = likert_chart_format_signed (row->high, 1);

          /* Translators: an NPS's interval */
          g_string_append_printf (text, _(", interval %s to %s"), low, high);
        }
      g_string_append_c (text, '.');

      for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
        g_free (shares[g]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
