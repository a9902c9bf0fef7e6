/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-tags"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-painter.h"
#include "likert-tags.h"

#define ROW_MIN_EM       1.5
#define ROW_MAX_EM       2.4
#define BAR_FRACTION     0.66   /* of a row's height */
#define LABEL_FRACTION   0.3    /* the most of the width tag names take */
#define MIN_PLOT_EM      4.0
#define RADIUS_EM        0.2
#define MAX_COLUMN_EM    7.0    /* the widest a heat map column gets */
#define MAX_HEADER_LINES 3
#define CELL_GAP         2.0    /* between heat map cells */
#define CELL_ALPHA_MIN   0.08   /* the fill of a count of 1, as a share of the accent */

/* The key's forms (LikertChartKeyForm), from the first choice to the shortest. */
#define N_KEY_FORMS      (LIKERT_CHART_KEY_SMALL_TEXT + 1)

typedef LikertChartPainter Painter;

/* A column's heading: its value, bold, over its label when it has one. */
static PangoLayout *
header_layout (Painter    *painter,
               const char *number,
               const char *label)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  PangoAttribute *attr;

  text = label != NULL && label[0] != '\0' ? g_strconcat (number, "\n", label, NULL)
                                           : g_strdup (number);
  layout = likert_chart_painter_layout (painter, painter->font, text);
  attrs = pango_attr_list_new ();
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = (guint) strlen (number);
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* "412 · 8.2 %", the share muted; the count alone without a total. */
static PangoLayout *
count_layout (Painter *painter,
              guint64  count,
              guint64  total)
{
  const LikertRgba *muted = &painter->style->muted;
  g_autofree char *count_text = likert_chart_painter_number (painter,
                                                             likert_chart_format_count (count));
  g_autofree char *text = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  PangoAttribute *attr;

  if (total > 0)
    {
      g_autofree char *share = likert_chart_painter_number (painter,
                                                            likert_chart_format_percent (
                                                              100.0 * (double) count /
                                                              (double) total, 1));

      text = g_strconcat (count_text, " · ", share, NULL);
    }
  else
    {
      text = g_strdup (count_text);
    }

  layout = likert_chart_painter_layout (painter, painter->font, text);
  attrs = pango_attr_list_new ();
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = (guint) strlen (count_text);
  pango_attr_list_insert (attrs, attr);
  if (total > 0)
    {
      attr = pango_attr_foreground_new ((guint16) (muted->red * G_MAXUINT16),
                                        (guint16) (muted->green * G_MAXUINT16),
                                        (guint16) (muted->blue * G_MAXUINT16));
      attr->start_index = (guint) strlen (count_text);
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_alpha_new ((guint16) (CLAMP (muted->alpha, 0.0, 1.0) *
                                                         G_MAXUINT16));
      attr->start_index = (guint) strlen (count_text);
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* Tag frequency */

void
likert_tag_bars_render (cairo_t                 *cr,
                        double                   width,
                        double                   height,
                        const LikertChartStyle  *style,
                        const LikertTagBarsData *data,
                        LikertTagBarsGeometry   *geometry)
{
  Painter painter;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autofree const char **names = NULL;
  LikertChartRows rows;
  guint n_candidates;
  guint64 max_count = 0;
  gboolean show_title;
  double content_width, label_width, value_width = 0, plot_x0, plot_x1, plot_left, plot_width;
  double title_height = 0, more_height = 0, top, bottom;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (geometry != NULL)
    memset (geometry, 0, sizeof *geometry);

  cairo_save (cr);
  likert_chart_draw_background (cr, style, width, height);

  if (data->n_tags > 0 && data->tags == NULL)
    {
      g_critical ("Tag chart data without tags");
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
  n_candidates = MIN (data->n_tags, LIKERT_TAGS_MAX_ROWS);

  names = g_new0 (const char *, MAX (data->n_tags, 1));
  for (guint t = 0; t < data->n_tags; t++)
    {
      names[t] = data->tags[t].name;
      max_count = MAX (max_count, data->tags[t].count);
    }
  for (guint t = 0; t < n_candidates; t++)
    {
      g_autoptr(PangoLayout) layout = count_layout (&painter, data->tags[t].count, data->total);

      value_width = MAX (value_width, likert_chart_layout_width (layout));
    }

  label_width = likert_chart_label_width (&painter, painter.font, names, data->n_tags,
                                          floor (content_width * LABEL_FRACTION));
  plot_x0 = round (painter.pad + (label_width > 0 ? label_width + 2 * painter.gap : 0));
  plot_x1 = round (width - painter.pad - (value_width > 0 ? value_width + 2 * painter.gap : 0));
  if (plot_x1 - plot_x0 < MIN_PLOT_EM * painter.em)
    {
      /* The counts go inside the bars, or nowhere. */
      value_width = 0;
      plot_x1 = round (width - painter.pad);
    }
  plot_width = plot_x1 - plot_x0;
  plot_left = likert_chart_painter_x (&painter, plot_x0, plot_width);

  if (plot_width < 2)
    goto out;

  title_layout = likert_chart_painter_title (&painter, data->title, width);
  if (title_layout != NULL)
    title_height = likert_chart_layout_height (title_layout);
  show_title = title_layout != NULL;

  for (;;)
    {
      top = painter.pad + (show_title ? title_height + painter.pad : 0);
      bottom = painter.pad + more_height;
      likert_chart_rows_fit (&painter, top, height - top - bottom, n_candidates,
                             ROW_MIN_EM, ROW_MAX_EM, &rows);

      if (rows.n_rows < data->n_tags && more_height == 0)
        {
          more_height = painter.em;
          continue;
        }
      if (rows.n_rows >= MIN (n_candidates, LIKERT_CHART_WANTED_ROWS) || !show_title)
        break;
      show_title = FALSE;
    }

  for (guint r = 0; r < rows.n_rows; r++)
    {
      const LikertTagCount *tag = &data->tags[r];
      double row_y = rows.top + r * rows.row_height;
      double bar_height = round (rows.row_height * BAR_FRACTION);
      double bar_y = row_y + round ((rows.row_height - bar_height) / 2.0);
      double y = bar_y + bar_height / 2.0;
      double length = max_count > 0 ? round ((double) tag->count / (double) max_count *
                                             plot_width) : 0;
      LikertChartRect bar = { likert_chart_painter_x (&painter, plot_x0, length), bar_y, length,
                              bar_height };
      LikertRgba color = style->accent;
      g_autoptr(PangoLayout) value = count_layout (&painter, tag->count, data->total);
      double value_w = likert_chart_layout_width (value);
      double value_h = likert_chart_layout_height (value);

      likert_rgba_parse (&color, tag->color);

      if (length > 0)
        {
          likert_chart_set_source (cr, &color);
          likert_chart_rounded_rect (cr, &bar, RADIUS_EM * painter.em);
          cairo_fill (cr);
        }

      if (value_width > 0)
        {
          /* After the bar. */
          likert_chart_painter_show (&painter, value, &style->foreground,
                                     likert_chart_painter_x (&painter,
                                                             plot_x0 + length + 2 * painter.gap,
                                                             value_w),
                                     round (y - value_h / 2.0));
        }
      else if (value_w + 2 * painter.gap <= length && value_h <= bar_height)
        {
          /* Inside its end, in the colour that reads on the bar; the count alone. */
          LikertRgba ink = likert_chart_text_on (&painter, &color);

          g_clear_object (&value);
          value = count_layout (&painter, tag->count, 0);
          value_w = likert_chart_layout_width (value);
          likert_chart_painter_show (&painter, value, &ink,
                                     likert_chart_painter_x (&painter,
                                                             plot_x0 + length - painter.gap -
                                                             value_w, value_w),
                                     round (y - value_h / 2.0));
        }

      if (label_width > 0)
        likert_chart_row_text (&painter, painter.font, tag->name,
                               likert_chart_painter_x (&painter, painter.pad, label_width),
                               label_width, y, rows.row_height,
                               painter.rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
                               &style->foreground);

      if (geometry != NULL)
        {
          geometry->bars[r] = bar;
          geometry->rows[r] = (LikertChartRect) { painter.pad, row_y, content_width,
                                                  rows.row_height };
        }
    }

  /* The baseline the bars grow from. */
  if (rows.n_rows > 0)
    {
      likert_chart_set_source (cr, &style->muted);
      cairo_set_line_width (cr, 1.0);
      likert_chart_vline (cr, painter.rtl ? plot_left + plot_width - 1 : plot_left, rows.top,
                          rows.top + rows.n_rows * rows.row_height);
    }
  else
    {
      likert_chart_painter_message (&painter, data->n_tags == 0 ? _("No tags") : _("Too small"),
                                    &(LikertChartRect) { painter.pad, top, content_width,
                                                         MAX (height - top - bottom,
                                                              painter.em) });
    }

  likert_chart_painter_more (&painter, data->n_tags - rows.n_rows,
                             rows.top + rows.n_rows * rows.row_height + painter.gap);

  if (show_title)
    likert_chart_painter_show (&painter, title_layout, &style->foreground, painter.pad,
                               painter.pad);

  if (geometry != NULL)
    {
      geometry->n_rows = rows.n_rows;
      geometry->n_hidden = data->n_tags - rows.n_rows;
      geometry->plot = (LikertChartRect) { plot_left, rows.top, plot_width,
                                           rows.n_rows * rows.row_height };
      geometry->max_count = max_count;
    }

out:
  likert_chart_painter_clear (&painter);
  cairo_restore (cr);
}

void
likert_tag_bars_draw (cairo_t                *cr,
                      double                  width,
                      double                  height,
                      const LikertChartStyle *style,
                      gconstpointer           data)
{
  likert_tag_bars_render (cr, width, height, style, data, NULL);
}

char *
likert_tag_bars_describe (const LikertTagBarsData *data)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->n_tags == 0 || data->tags != NULL, NULL);

  text = g_string_new (NULL);

  if (data->title != NULL && data->title[0] != '\0')
    /* Translators: %s is the chart's title */
    g_string_append_printf (text, _("Tag frequency, %s."), data->title);
  else
    g_string_append (text, _("Tag frequency."));

  if (data->total > 0)
    {
      g_autofree char *total = g_strdup_printf ("%" G_GUINT64_FORMAT, data->total);

      g_string_append_c (text, ' ');
      /* Translators: %s is a number of responses */
      g_string_append_printf (text, ngettext ("Shares of %s response.",
                                              "Shares of %s responses.",
                                              (gulong) MIN (data->total, G_MAXULONG)),
                              total);
    }

  if (data->n_tags == 0)
    g_string_append_printf (text, " %s", _("No tags."));

  for (guint t = 0; t < data->n_tags; t++)
    {
      const LikertTagCount *tag = &data->tags[t];
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, tag->count);

      g_string_append_c (text, ' ');
      if (data->total > 0)
        {
          g_autofree char *share = likert_chart_format_percent (100.0 * (double) tag->count /
                                                                (double) data->total, 1);

          /* Translators: a tag, its number of responses and their share */
          g_string_append_printf (text, _("%s: %s (%s)."), tag->name != NULL ? tag->name : "",
                                  count, share);
        }
      else
        {
          /* Translators: a tag and its number of responses */
          g_string_append_printf (text, _("%s: %s."), tag->name != NULL ? tag->name : "", count);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Tag × rating */

static guint
heatmap_points (const LikertTagHeatmapData *data)
{
  return (guint) (data->scale_max - data->scale_min + 1);
}

static gboolean
heatmap_valid (const LikertTagHeatmapData *data)
{
  return data->scale_max >= data->scale_min &&
         data->scale_max - data->scale_min < LIKERT_CHART_MAX_POINTS &&
         (data->n_tags == 0 || (data->tags != NULL && data->counts != NULL));
}

LikertRgba
likert_tag_heatmap_cell_color (const LikertChartStyle *style,
                               guint64                 count,
                               guint64                 max_count)
{
  LikertRgba color;

  g_return_val_if_fail (style != NULL, (LikertRgba) { 0 });

  color = style->accent;
  if (count == 0 || max_count == 0)
    color.alpha = 0;
  else
    color.alpha *= CELL_ALPHA_MIN + (1.0 - CELL_ALPHA_MIN) * (double) MIN (count, max_count) /
                                    (double) max_count;

  return color;
}

void
likert_tag_heatmap_render (cairo_t                    *cr,
                           double                      width,
                           double                      height,
                           const LikertChartStyle     *style,
                           const LikertTagHeatmapData *data,
                           LikertTagHeatmapGeometry   *geometry)
{
  Painter painter;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) total_header = NULL;
  PangoLayout *headers[LIKERT_CHART_MAX_POINTS] = { NULL };
  LikertChartKeyItem key_items[LIKERT_CHART_MAX_POINTS];
  char numbers[LIKERT_CHART_MAX_POINTS][16];
  double key_heights[N_KEY_FORMS] = { 0 };
  gboolean key_fits[N_KEY_FORMS] = { FALSE };
  guint n_key_items = 0;
  int key_form = -1;            /* none */
  gboolean headers_fit = TRUE;
  g_autofree guint64 *totals = NULL;
  g_auto(GStrv) total_texts = NULL;
  LikertChartRows rows;
  guint n, n_candidates;
  guint64 max_count = 0;
  gboolean show_title;
  double content_width, label_width, total_width, grid_x0, column_width, grid_width, grid_left;
  double title_height = 0, header_height = 0, more_height = 0, top, bottom;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (geometry != NULL)
    memset (geometry, 0, sizeof *geometry);

  cairo_save (cr);
  likert_chart_draw_background (cr, style, width, height);

  if (!heatmap_valid (data))
    {
      g_critical ("Heat map data without tags or counts, or with a scale of %d–%d",
                  data->scale_min, data->scale_max);
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
  n = heatmap_points (data);
  n_candidates = MIN (data->n_tags, LIKERT_TAGS_MAX_ROWS);

  totals = g_new0 (guint64, MAX (data->n_tags, 1));
  total_texts = g_new0 (char *, data->n_tags + 1);
  for (guint t = 0; t < data->n_tags; t++)
    {
      for (guint i = 0; i < n; i++)
        {
          guint64 count = data->counts[t * n + i];

          totals[t] += count;
          if (t < n_candidates)
            max_count = MAX (max_count, count);
        }
      total_texts[t] = likert_chart_painter_number (&painter,
                                                    likert_chart_format_count (totals[t]));
    }

  /* Across: tag names, the cells, each tag's total. */
  label_width = likert_chart_label_width (&painter, painter.font, data->tags, data->n_tags,
                                          floor (content_width * LABEL_FRACTION));
  /* Translators: the heading of the column of each tag's number of responses */
  total_header = likert_chart_painter_layout (&painter, painter.bold_font, _("Total"));
  total_width = MAX (likert_chart_layout_width (total_header),
                     likert_chart_max_width (&painter, painter.font,
                                             (const char * const *) total_texts, data->n_tags));
  total_width = ceil (total_width);
  grid_x0 = round (painter.pad + (label_width > 0 ? label_width + 2 * painter.gap : 0));
  column_width = floor ((width - painter.pad - 2 * painter.gap - total_width - grid_x0) / n);
  if (column_width < 2 * painter.em)
    {
      total_width = 0;
      column_width = floor ((width - painter.pad - grid_x0) / n);
    }
  column_width = MIN (column_width, round (MAX_COLUMN_EM * painter.em));
  grid_width = column_width * n;
  grid_left = likert_chart_painter_x (&painter, grid_x0, grid_width);

  if (column_width < 2)
    goto out;

  /* Column headings: the value over its label, wrapped at word boundaries. */
  for (guint i = 0; i < n; i++)
    {
      const char *label = data->labels != NULL ? data->labels[i] : NULL;

      g_snprintf (numbers[i], sizeof numbers[i], "%d", data->scale_min + (int) i);
      headers[i] = header_layout (&painter, numbers[i], label);
      if (!likert_chart_layout_set_box (headers[i], column_width - painter.gap,
                                        MAX_HEADER_LINES + 1, PANGO_ALIGN_CENTER))
        headers_fit = FALSE;
      if (label != NULL && label[0] != '\0')
        key_items[n_key_items++] = (LikertChartKeyItem) { numbers[i], label };
    }

  /* A label that does not fit its column whole would be cut in a word: then the columns get
   * their values alone, and a key under the grid names them. */
  if (!headers_fit)
    {
      for (guint i = 0; i < n; i++)
        {
          g_clear_object (&headers[i]);
          headers[i] = header_layout (&painter, numbers[i], NULL);
          likert_chart_layout_set_box (headers[i], column_width - painter.gap, 1,
                                       PANGO_ALIGN_CENTER);
        }

      for (int form = N_KEY_FORMS - 1; n_key_items > 0 && form >= 0; form--)
        {
          key_fits[form] = likert_chart_key (&painter, key_items, n_key_items, form, painter.pad,
                                             0, content_width, FALSE, &key_heights[form]);
          if (key_fits[form])
            key_form = form;
        }
    }

  for (guint i = 0; i < n; i++)
    header_height = MAX (header_height, likert_chart_layout_height (headers[i]));

  title_layout = likert_chart_painter_title (&painter, data->title, width);
  if (title_layout != NULL)
    title_height = likert_chart_layout_height (title_layout);
  show_title = title_layout != NULL;

  /* Down: title, headings, rows, key; a shorter key while rows are left out, then no title, then
   * no key rather than no rows. */
  for (;;)
    {
      int shorter = key_form;

      for (int form = key_form + 1; key_form >= 0 && form < N_KEY_FORMS && shorter == key_form;
           form++)
        if (key_fits[form] && key_heights[form] < key_heights[key_form])
          shorter = form;

      top = painter.pad + (show_title ? title_height + painter.pad : 0) + header_height +
            painter.gap;
      bottom = painter.pad + more_height + (key_form >= 0 ? painter.pad + key_heights[key_form]
                                                           : 0);
      likert_chart_rows_fit (&painter, top, height - top - bottom, n_candidates,
                             ROW_MIN_EM, ROW_MAX_EM, &rows);

      if (rows.n_rows < data->n_tags && more_height == 0)
        {
          more_height = painter.em;
          continue;
        }
      /* Rows come before a roomier key. */
      if (rows.n_rows < n_candidates && shorter != key_form)
        key_form = shorter;
      else if (rows.n_rows >= MIN (n_candidates, LIKERT_CHART_WANTED_ROWS))
        break;
      else if (show_title)
        show_title = FALSE;
      else if (key_form >= 0 && rows.n_rows == 0)
        key_form = -1;
      else
        break;
    }

  for (guint r = 0; r < rows.n_rows; r++)
    {
      double row_y = rows.top + r * rows.row_height;
      double y = row_y + rows.row_height / 2.0;

      for (guint i = 0; i < n; i++)
        {
          guint64 count = data->counts[r * n + i];
          double column_x = likert_chart_painter_x (&painter, grid_x0 + i * column_width,
                                                    column_width);
          LikertChartRect cell = { column_x + CELL_GAP / 2, row_y + CELL_GAP / 2,
                                   column_width - CELL_GAP, rows.row_height - CELL_GAP };
          LikertRgba fill = likert_tag_heatmap_cell_color (style, count, max_count);
          g_autofree char *text = likert_chart_painter_number (&painter,
                                                               likert_chart_format_count (count));
          g_autoptr(PangoLayout) layout = NULL;
          LikertRgba ink;
          double w, h;

          if (count > 0)
            {
              likert_chart_set_source (cr, &fill);
              likert_chart_rounded_rect (cr, &cell, 2.0);
              cairo_fill (cr);
              ink = likert_chart_text_on (&painter, &fill);
            }
          else
            {
              likert_chart_set_source_alpha (cr, &style->muted, LIKERT_CHART_GRID_ALPHA);
              cairo_set_line_width (cr, 1.0);
              likert_chart_rounded_rect (cr, &(LikertChartRect) { cell.x + 0.5, cell.y + 0.5,
                                                                  cell.width - 1,
                                                                  cell.height - 1 }, 2.0);
              cairo_stroke (cr);
              ink = style->muted;
            }

          layout = likert_chart_painter_layout (&painter, painter.font, text);
          w = likert_chart_layout_width (layout);
          h = likert_chart_layout_height (layout);
          if (w + 2 * painter.gap <= cell.width && h <= cell.height)
            likert_chart_painter_show (&painter, layout, &ink, cell.x + (cell.width - w) / 2.0,
                                       round (y - h / 2.0));

          if (geometry != NULL)
            geometry->cells[r][i] = cell;
        }

      if (label_width > 0)
        likert_chart_row_text (&painter, painter.font, data->tags[r],
                               likert_chart_painter_x (&painter, painter.pad, label_width),
                               label_width, y, rows.row_height,
                               painter.rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
                               &style->foreground);

      if (total_width > 0)
        likert_chart_row_text (&painter, painter.font, total_texts[r],
                               likert_chart_painter_x (&painter,
                                                       grid_x0 + grid_width + 2 * painter.gap,
                                                       total_width),
                               total_width, y, rows.row_height,
                               painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
                               &style->muted);
    }

  if (rows.n_rows > 0)
    {
      double header_y = rows.top - painter.gap;

      for (guint i = 0; i < n; i++)
        likert_chart_painter_show (&painter, headers[i], &style->foreground,
                                   likert_chart_painter_x (&painter, grid_x0 + i * column_width,
                                                           column_width) + painter.gap / 2.0,
                                   header_y - likert_chart_layout_height (headers[i]));

      if (total_width > 0)
        {
          likert_chart_layout_set_box (total_header, total_width, 1,
                                       painter.rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          likert_chart_painter_show (&painter, total_header, &style->muted,
                                     likert_chart_painter_x (&painter,
                                                             grid_x0 + grid_width +
                                                             2 * painter.gap, total_width),
                                     header_y - likert_chart_layout_height (total_header));
        }
    }
  else
    {
      likert_chart_painter_message (&painter, data->n_tags == 0 ? _("No tags") : _("Too small"),
                                    &(LikertChartRect) { painter.pad, top, content_width,
                                                         MAX (height - top - bottom,
                                                              painter.em) });
    }

  {
    double below = rows.top + rows.n_rows * rows.row_height;

    if (key_form >= 0 && rows.n_rows > 0)
      {
        double key_height;

        likert_chart_key (&painter, key_items, n_key_items, key_form, painter.pad,
                          below + painter.pad, content_width, TRUE, &key_height);
        below += painter.pad + key_height;
      }

    likert_chart_painter_more (&painter, data->n_tags - rows.n_rows, below + painter.gap);
  }

  if (show_title)
    likert_chart_painter_show (&painter, title_layout, &style->foreground, painter.pad,
                               painter.pad);

  if (geometry != NULL)
    {
      geometry->n_rows = rows.n_rows;
      geometry->n_columns = rows.n_rows > 0 ? n : 0;
      geometry->n_hidden = data->n_tags - rows.n_rows;
      geometry->grid = (LikertChartRect) { grid_left, rows.top, grid_width,
                                           rows.n_rows * rows.row_height };
      geometry->max_count = max_count;
    }

out:
  for (guint i = 0; i < LIKERT_CHART_MAX_POINTS; i++)
    g_clear_object (&headers[i]);
  likert_chart_painter_clear (&painter);
  cairo_restore (cr);
}

void
likert_tag_heatmap_draw (cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const LikertChartStyle *style,
                         gconstpointer           data)
{
  likert_tag_heatmap_render (cr, width, height, style, data, NULL);
}

char *
likert_tag_heatmap_describe (const LikertTagHeatmapData *data)
{
  g_autoptr(GString) text = NULL;
  guint n;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (heatmap_valid (data), NULL);

  text = g_string_new (NULL);
  n = heatmap_points (data);

  if (data->title != NULL && data->title[0] != '\0')
    /* Translators: %s is the chart's title */
    g_string_append_printf (text, _("Responses by tag and rating, %s."), data->title);
  else
    g_string_append (text, _("Responses by tag and rating."));

  if (data->n_tags == 0)
    g_string_append_printf (text, " %s", _("No tags."));

  for (guint t = 0; t < data->n_tags; t++)
    {
      guint64 total = 0;
      g_autofree char *total_text = NULL;

      for (guint i = 0; i < n; i++)
        total += data->counts[t * n + i];
      total_text = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

      g_string_append_c (text, ' ');
      /* Translators: a tag and its number of responses, then the count per rating follows */
      g_string_append_printf (text, _("%s (%s):"), data->tags[t] != NULL ? data->tags[t] : "",
                              total_text);

      for (guint i = 0; i < n; i++)
        {
          const char *label = data->labels != NULL ? data->labels[i] : NULL;
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                    data->counts[t * n + i]);

          g_string_append (text, i == 0 ? " " : ", ");
          if (label != NULL && label[0] != '\0')
            /* Translators: a rating, its label and a count, as in "5 (Very satisfied) 12" */
            g_string_append_printf (text, _("%d (%s) %s"), data->scale_min + (int) i, label,
                                    count);
          else
            /* Translators: a rating and a count, as in "5: 12" */
            g_string_append_printf (text, _("%d: %s"), data->scale_min + (int) i, count);
        }
      g_string_append_c (text, '.');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
