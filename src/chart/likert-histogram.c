/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-histogram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "likert-chart-painter.h"
#include "likert-histogram.h"

/* Sizes below are in units of the body font's line height ("em"), so the chart follows the font. */
#define TICK_SPACING_EM 2.5   /* the least distance between two grid lines */
#define MIN_PLOT_EM     4.0   /* drop decorations until the bars get at least this much height */
#define MAX_BAR_EM      8.0   /* the widest a bar gets, so two-point scales do not draw slabs */
#define RADIUS_EM       0.25  /* rounded top corners */
#define BAR_FRACTION    0.7   /* of a slot's width */
#define MAX_LABEL_LINES 3

/* Where the scale's labels go, from the first choice to the last. */
typedef enum {
  LABELS_UNDER,             /* each under its bar, wrapped at word boundaries */
  LABELS_KEY_ITEMS,         /* only the values under the bars, a key below names them */
  LABELS_KEY_TEXT,          /* the same key as running text: shorter */
  LABELS_KEY_SMALL_TEXT,    /* in the small font: shorter still */
  LABELS_NONE,
  N_LABEL_PLACES
} LabelPlace;

typedef enum {
  VALUE_LABELS_ONE_LINE,    /* "1750 · 35.1 %" ("35.1 % · 1750" in percent mode) */
  VALUE_LABELS_TWO_LINES,   /* "1750" over "35.1 %" */
  VALUE_LABELS_PERCENT,     /* "35.1 %" */
  VALUE_LABELS_NONE,
} ValueLabels;

typedef LikertChartPainter Painter;

static LikertChartKeyForm
key_form (LabelPlace place)
{
  switch (place)
    {
    case LABELS_KEY_TEXT:
      return LIKERT_CHART_KEY_TEXT;
    case LABELS_KEY_SMALL_TEXT:
      return LIKERT_CHART_KEY_SMALL_TEXT;
    case LABELS_KEY_ITEMS:
    case LABELS_UNDER:
    case LABELS_NONE:
    case N_LABEL_PLACES:
    default:
      return LIKERT_CHART_KEY_ITEMS;
    }
}

static char *
format_percent (guint64 count,
                guint64 total)
{
  double percent = total > 0 ? 100.0 * (double) count / (double) total : 0.0;

  return likert_chart_format_percent (percent, 1);
}

/* The count and its share, the second of them in the muted colour; in percent mode the share
 * comes first. */
static PangoLayout *
value_layout (Painter     *painter,
              guint64      count,
              guint64      total,
              ValueLabels  mode,
              gboolean     percent_mode)
{
  const LikertRgba *muted = &painter->style->muted;
  g_autofree char *count_text = likert_chart_format_count (count);
  g_autofree char *percent_text = format_percent (count, total);
  g_autofree char *text = NULL;
  const char *first, *second;
  PangoAttrList *attrs;
  PangoAttribute *attr;
  PangoLayout *layout;
  guint muted_start;

  if (painter->rtl)
    {
      count_text = likert_chart_isolate (count_text);
      percent_text = likert_chart_isolate (percent_text);
    }

  first = percent_mode ? percent_text : count_text;
  second = percent_mode ? count_text : percent_text;

  switch (mode)
    {
    case VALUE_LABELS_ONE_LINE:
      text = g_strconcat (first, " · ", second, NULL);
      muted_start = strlen (first);
      break;
    case VALUE_LABELS_TWO_LINES:
      text = g_strconcat (first, "\n", second, NULL);
      muted_start = strlen (first) + 1;
      break;
    case VALUE_LABELS_PERCENT:
      text = g_strdup (percent_text);
      /* Alone, the share is the main value in percent mode, a muted aside otherwise. */
      muted_start = percent_mode ? strlen (text) : 0;
      break;
    case VALUE_LABELS_NONE:
    default:
      g_return_val_if_reached (NULL);
    }

  layout = likert_chart_painter_layout (painter, painter->font, text);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);

  attrs = pango_attr_list_new ();
  if (muted_start > 0)
    {
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = 0;
      attr->end_index = muted_start;
      pango_attr_list_insert (attrs, attr);
    }
  if (muted_start < strlen (text))
    {
      attr = pango_attr_foreground_new ((guint16) (muted->red * G_MAXUINT16),
                                        (guint16) (muted->green * G_MAXUINT16),
                                        (guint16) (muted->blue * G_MAXUINT16));
      attr->start_index = muted_start;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_alpha_new ((guint16) (CLAMP (muted->alpha, 0.0, 1.0) *
                                                         G_MAXUINT16));
      attr->start_index = muted_start;
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* The grid step for values up to max_count with at most max_ticks lines above the baseline:
 * 1, 2 or 5 × 10^k, at least 1 (counts are whole). When not even one line fits that way, the
 * largest such step that still draws one line below max_count. */
static double
grid_step (guint64 max_count,
           guint   max_ticks)
{
  static const double multiples[] = { 1.0, 2.0, 5.0, 10.0 };
  double raw = (double) max_count / MAX (max_ticks, 1);
  double magnitude;

  if (raw <= 1.0)
    return 1.0;

  magnitude = pow (10.0, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    {
      double step = multiples[i] * magnitude;

      if (step >= raw * (1.0 - 1e-9))
        {
          if (step <= (double) max_count || i == 0)
            return step;

          /* Too coarse for a single line: the next smaller multiple. */
          return multiples[i - 1] * magnitude;
        }
    }

  g_return_val_if_reached (raw);
}

static void
bar_path (cairo_t *cr,
          double   x,
          double   y,
          double   width,
          double   height,
          double   radius)
{
  radius = MIN (radius, MIN (width / 2.0, height));

  cairo_new_sub_path (cr);
  cairo_move_to (cr, x, y + height);
  cairo_line_to (cr, x, y + radius);
  if (radius > 0)
    cairo_arc (cr, x + radius, y + radius, radius, G_PI, 1.5 * G_PI);
  cairo_line_to (cr, x + width - radius, y);
  if (radius > 0)
    cairo_arc (cr, x + width - radius, y + radius, radius, 1.5 * G_PI, 2.0 * G_PI);
  cairo_line_to (cr, x + width, y + height);
  cairo_close_path (cr);
}

/* The tick labels' values: counts, or shares in percent mode. */
typedef struct
{
  gboolean percent;
  guint64  total;
  guint64  max_count;
} Ticks;

static double
ticks_max (const Ticks *ticks)
{
  if (ticks->percent)
    return ticks->total > 0 ? 100.0 * (double) ticks->max_count / (double) ticks->total : 0.0;

  return (double) ticks->max_count;
}

static double
ticks_step (const Ticks *ticks,
            guint        max_ticks)
{
  if (ticks->percent)
    return likert_chart_nice_step (ticks_max (ticks), max_ticks);

  return grid_step (ticks->max_count, max_ticks);
}

static char *
ticks_label (const Ticks *ticks,
             double       value,
             int          digits)
{
  if (ticks->percent)
    return likert_chart_format_percent (value, digits);

  return likert_chart_format_count ((guint64) value);
}

void
likert_histogram_render (cairo_t                   *cr,
                         double                     width,
                         double                     height,
                         const LikertChartStyle    *style,
                         const LikertHistogramData *data,
                         LikertHistogramGeometry   *geometry)
{
  Painter painter;
  g_autoptr(PangoLayout) title_layout = NULL;
  PangoLayout *value_layouts[LIKERT_HISTOGRAM_MAX_BARS] = { NULL };
  PangoLayout *number_layouts[LIKERT_HISTOGRAM_MAX_BARS] = { NULL };
  PangoLayout *label_layouts[LIKERT_HISTOGRAM_MAX_BARS] = { NULL };
  LikertChartKeyItem key_items[LIKERT_HISTOGRAM_MAX_BARS];
  char numbers[LIKERT_HISTOGRAM_MAX_BARS][16];
  LikertChartRect bars[LIKERT_HISTOGRAM_MAX_BARS];
  ValueLabels value_mode = VALUE_LABELS_NONE;
  LabelPlace labels = LABELS_NONE;
  gboolean place_fits[N_LABEL_PLACES] = { FALSE };
  double place_height[N_LABEL_PLACES] = { 0 };
  Ticks ticks = { 0 };
  gboolean show_title;
  gboolean show_values;
  gboolean show_numbers = TRUE;
  guint n_bars;
  guint n_key_items = 0;
  guint64 total = 0;
  guint64 max_count = 0;
  double title_height = 0;
  double value_height = 0;
  double number_height = 0;
  double tick_width = 0;
  double plot_x0, plot_x1, plot_y, plot_height, baseline;
  double slot_width, bar_width;
  double top, bottom;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (geometry != NULL)
    memset (geometry, 0, sizeof *geometry);

  cairo_save (cr);
  likert_chart_draw_background (cr, style, width, height);

  if (data->scale_max < data->scale_min ||
      data->scale_max - data->scale_min >= LIKERT_HISTOGRAM_MAX_BARS ||
      data->counts == NULL)
    {
      g_critical ("Histogram data without counts or with a scale of %d–%d",
                  data->scale_min, data->scale_max);
      cairo_restore (cr);
      return;
    }

  /* Written so that a NaN size also draws nothing. */
  if (!(width >= LIKERT_CHART_MIN_SIZE && height >= LIKERT_CHART_MIN_SIZE))
    {
      cairo_restore (cr);
      return;
    }

  n_bars = (guint) (data->scale_max - data->scale_min + 1);
  for (guint i = 0; i < n_bars; i++)
    {
      total += data->counts[i];
      max_count = MAX (max_count, data->counts[i]);
    }
  ticks.percent = data->percent;
  ticks.total = total;
  ticks.max_count = max_count;

  likert_chart_painter_init (&painter, cr, style, width);

  /* The title: up to two lines across the chart. */
  title_layout = likert_chart_painter_title (&painter, data->title, width);
  if (title_layout != NULL)
    title_height = likert_chart_layout_height (title_layout);
  show_title = title_layout != NULL;

  /* Tick labels on the side: no wider than the largest value. */
  if (max_count > 0)
    {
      g_autofree char *text = ticks_label (&ticks, ceil (ticks_max (&ticks)),
                                           ticks_max (&ticks) < 10.0 ? 1 : 0);
      g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&painter, painter.font, text);

      tick_width = likert_chart_layout_width (layout) + 2 * painter.gap;
    }

  plot_x0 = painter.pad + (style->rtl ? 0 : tick_width);
  plot_x1 = width - painter.pad - (style->rtl ? tick_width : 0);
  plot_x0 = round (plot_x0);
  plot_x1 = round (plot_x1);
  slot_width = (plot_x1 - plot_x0) / n_bars;

  if (slot_width < 1.0)
    goto out;

  /* Counts and shares above the bars, in the widest form that fits every slot. */
  if (total > 0)
    {
      for (value_mode = VALUE_LABELS_ONE_LINE; value_mode < VALUE_LABELS_NONE; value_mode++)
        {
          gboolean fits = TRUE;

          for (guint i = 0; i < n_bars; i++)
            {
              g_clear_object (&value_layouts[i]);
              value_layouts[i] = value_layout (&painter, data->counts[i], total, value_mode,
                                               data->percent);
              if (likert_chart_layout_width (value_layouts[i]) > slot_width - painter.gap)
                fits = FALSE;
            }

          if (fits)
            break;
        }

      if (value_mode == VALUE_LABELS_NONE)
        {
          for (guint i = 0; i < n_bars; i++)
            g_clear_object (&value_layouts[i]);
        }
      else
        {
          for (guint i = 0; i < n_bars; i++)
            value_height = MAX (value_height, likert_chart_layout_height (value_layouts[i]));
        }
    }
  show_values = value_mode != VALUE_LABELS_NONE;

  /* The value and its label under each bar, wrapped within the slot at word boundaries. */
  for (guint i = 0; i < n_bars; i++)
    {
      const char *label = data->labels != NULL ? data->labels[i] : NULL;

      g_snprintf (numbers[i], sizeof numbers[i], "%d", data->scale_min + (int) i);
      number_layouts[i] = likert_chart_painter_layout (&painter, painter.bold_font, numbers[i]);
      likert_chart_layout_set_box (number_layouts[i], slot_width - painter.gap, 1,
                                   PANGO_ALIGN_CENTER);
      number_height = MAX (number_height, likert_chart_layout_height (number_layouts[i]));

      if (label != NULL && label[0] != '\0')
        {
          label_layouts[i] = likert_chart_painter_layout (&painter, painter.font, label);
          key_items[n_key_items++] = (LikertChartKeyItem) { numbers[i], label };
        }
    }

  /* A label that does not fit its slot whole would be cut in a word ("Extr-eme-ly", "Neither
   * sat…"): then the values alone stand under the bars, and a key across the chart names them. */
  place_fits[LABELS_NONE] = TRUE;
  if (n_key_items > 0)
    {
      place_fits[LABELS_UNDER] = TRUE;
      for (guint i = 0; i < n_bars; i++)
        {
          if (label_layouts[i] == NULL)
            continue;
          if (!likert_chart_layout_set_box (label_layouts[i], slot_width - painter.gap,
                                            MAX_LABEL_LINES, PANGO_ALIGN_CENTER))
            place_fits[LABELS_UNDER] = FALSE;
          place_height[LABELS_UNDER] = MAX (place_height[LABELS_UNDER],
                                            likert_chart_layout_height (label_layouts[i]));
        }

      for (LabelPlace place = LABELS_KEY_ITEMS; place < LABELS_NONE; place++)
        {
          place_fits[place] = likert_chart_key (&painter, key_items, n_key_items,
                                                key_form (place), painter.pad, 0,
                                                width - 2 * painter.pad, FALSE,
                                                &place_height[place]);
          /* Set apart from the values under the bars. */
          place_height[place] += painter.pad;
        }
    }
  for (labels = 0; !place_fits[labels]; labels++)
    ;

  /* Give the bars room: a shorter form of the labels, then no title, no shares, no labels, no
   * values. */
  for (;;)
    {
      LabelPlace shorter = labels;

      for (LabelPlace place = labels + 1; place < LABELS_NONE && shorter == labels; place++)
        if (place_fits[place] && place_height[place] < place_height[labels])
          shorter = place;

      /* The top and bottom grid labels stand half a line outside the plot. */
      top = painter.pad + (show_title ? title_height + painter.pad : 0);
      top += MAX (show_values ? value_height + painter.gap : 0, painter.em / 2);
      bottom = painter.pad + painter.gap;
      bottom += MAX ((show_numbers ? number_height : 0) +
                     (labels == LABELS_UNDER ? place_height[LABELS_UNDER] : 0),
                     painter.em / 2);
      if (labels != LABELS_UNDER)
        bottom += place_height[labels];
      plot_height = height - top - bottom;

      if (plot_height >= MIN_PLOT_EM * painter.em)
        break;
      else if (shorter != labels)
        labels = shorter;
      else if (show_title)
        show_title = FALSE;
      else if (show_values)
        show_values = FALSE;
      else if (labels != LABELS_NONE)
        labels = LABELS_NONE;
      else if (show_numbers)
        show_numbers = FALSE;
      else
        break;
    }

  plot_y = round (top);
  baseline = round (top + plot_height);
  plot_height = baseline - plot_y;

  if (plot_height < 1.0)
    goto out;

  /* Grid lines and their values. */
  if (max_count > 0)
    {
      guint max_ticks = (guint) MAX (1.0, floor (plot_height / (TICK_SPACING_EM * painter.em)));
      double top_value = ticks_max (&ticks);
      double step = ticks_step (&ticks, max_ticks);
      int digits = ticks.percent ? likert_chart_step_digits (step) : 0;

      cairo_set_line_width (cr, 1.0);

      for (guint t = 0; t * step <= top_value * (1.0 + 1e-9); t++)
        {
          double value = t * step;
          g_autofree char *text = likert_chart_painter_number (&painter,
                                                               ticks_label (&ticks, value,
                                                                            digits));
          g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&painter, painter.font,
                                                                       text);
          double y = baseline - value / top_value * plot_height;
          double x;

          if (value > 0)
            {
              likert_chart_set_source_alpha (cr, &style->muted, LIKERT_CHART_GRID_ALPHA);
              likert_chart_hline (cr, plot_x0, plot_x1, y);
            }

          if (style->rtl)
            x = plot_x1 + 2 * painter.gap;
          else
            x = plot_x0 - 2 * painter.gap - likert_chart_layout_width (layout);

          likert_chart_painter_show (&painter, layout, &style->muted, x,
                                     y - likert_chart_layout_height (layout) / 2.0);
        }
    }

  /* The bars, lowest value at the start of the reading direction. */
  /* Whole units, so that all bars get the same crisp edges. */
  bar_width = MAX (1.0, round (MIN (slot_width * BAR_FRACTION, MAX_BAR_EM * painter.em)));
  likert_chart_set_source (cr, &style->accent);
  for (guint i = 0; i < n_bars; i++)
    {
      guint slot = style->rtl ? n_bars - 1 - i : i;
      double slot_x = plot_x0 + slot * slot_width;
      double bar_height = 0;

      if (max_count > 0)
        bar_height = (double) data->counts[i] / (double) max_count * plot_height;

      bars[i].x = round (slot_x + (slot_width - bar_width) / 2.0);
      bars[i].width = bar_width;
      bars[i].y = baseline - bar_height;
      bars[i].height = bar_height;

      if (bar_height > 0)
        bar_path (cr, bars[i].x, bars[i].y, bars[i].width, bars[i].height,
                  RADIUS_EM * painter.em);
    }
  cairo_fill (cr);

  /* The baseline. */
  likert_chart_set_source (cr, &style->muted);
  cairo_set_line_width (cr, 1.0);
  likert_chart_hline (cr, plot_x0, plot_x1, baseline);

  for (guint i = 0; i < n_bars; i++)
    {
      guint slot = style->rtl ? n_bars - 1 - i : i;
      double slot_x = plot_x0 + slot * slot_width;
      double y = baseline + painter.gap;

      if (show_values && value_layouts[i] != NULL)
        {
          double w = likert_chart_layout_width (value_layouts[i]);
          double h = likert_chart_layout_height (value_layouts[i]);

          likert_chart_painter_show (&painter, value_layouts[i], &style->foreground,
                                     slot_x + (slot_width - w) / 2.0, bars[i].y - painter.gap - h);
        }

      if (show_numbers)
        {
          likert_chart_painter_show (&painter, number_layouts[i], &style->foreground,
                                     slot_x + painter.gap / 2.0, y);
          y += number_height;
        }

      if (labels == LABELS_UNDER && label_layouts[i] != NULL)
        likert_chart_painter_show (&painter, label_layouts[i], &style->foreground,
                                   slot_x + painter.gap / 2.0, y);
    }

  if (labels != LABELS_UNDER && labels != LABELS_NONE)
    {
      double key_height;

      likert_chart_key (&painter, key_items, n_key_items, key_form (labels), painter.pad,
                        baseline + painter.gap + number_height + painter.pad,
                        width - 2 * painter.pad, TRUE, &key_height);
    }

  if (total == 0)
    likert_chart_painter_message (&painter, _("No answers"),
                                  &(LikertChartRect) { plot_x0, plot_y, plot_x1 - plot_x0,
                                                       plot_height });

  if (show_title)
    likert_chart_painter_show (&painter, title_layout, &style->foreground, painter.pad,
                               painter.pad);

  if (geometry != NULL)
    {
      geometry->n_bars = n_bars;
      memcpy (geometry->bars, bars, n_bars * sizeof bars[0]);
      geometry->plot = (LikertChartRect) { plot_x0, plot_y, plot_x1 - plot_x0, plot_height };
    }

out:
  for (guint i = 0; i < LIKERT_HISTOGRAM_MAX_BARS; i++)
    {
      g_clear_object (&value_layouts[i]);
      g_clear_object (&number_layouts[i]);
      g_clear_object (&label_layouts[i]);
    }
  likert_chart_painter_clear (&painter);
  cairo_restore (cr);
}

void
likert_histogram_draw (cairo_t                *cr,
                       double                  width,
                       double                  height,
                       const LikertChartStyle *style,
                       gconstpointer           data)
{
  likert_histogram_render (cr, width, height, style, data, NULL);
}

static guint64
sum_counts (const LikertHistogramData *data)
{
  guint64 total = 0;

  for (int v = data->scale_min; v <= data->scale_max; v++)
    total += data->counts[v - data->scale_min];

  return total;
}

char *
likert_histogram_describe (const LikertHistogramData *data)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *total_text = NULL;
  const char *title;
  guint64 total;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->counts != NULL, NULL);
  g_return_val_if_fail (data->scale_max >= data->scale_min, NULL);
  g_return_val_if_fail (data->scale_max - data->scale_min < LIKERT_HISTOGRAM_MAX_BARS, NULL);

  text = g_string_new (NULL);
  total = sum_counts (data);
  total_text = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
  title = data->title != NULL && data->title[0] != '\0' ? data->title : NULL;

  if (total == 0)
    {
      if (title != NULL)
        {
          /* Translators: %s is a survey question */
          g_string_append_printf (text, _("Histogram of %s: no answers."), title);
        }
      else
        {
          g_string_append (text, _("Histogram: no answers."));
        }

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (title != NULL)
    g_string_append_printf (text,
                            /* Translators: the first %s is a survey question, the second
                             * a number of answers */
                            ngettext ("Histogram of %s: %s answer.",
                                      "Histogram of %s: %s answers.",
                                      (gulong) MIN (total, G_MAXULONG)),
                            title, total_text);
  else
    g_string_append_printf (text,
                            /* Translators: %s is a number of answers */
                            ngettext ("Histogram: %s answer.",
                                      "Histogram: %s answers.",
                                      (gulong) MIN (total, G_MAXULONG)),
                            total_text);

  for (int v = data->scale_min; v <= data->scale_max; v++)
    {
      guint i = (guint) (v - data->scale_min);
      const char *label = data->labels != NULL ? data->labels[i] : NULL;
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, data->counts[i]);
      g_autofree char *percent = format_percent (data->counts[i], total);

      /* In percent mode the share comes first, as on the chart. */
      if (data->percent)
        {
          char *swap = count;

          count = percent;
          percent = swap;
        }

      g_string_append_c (text, ' ');
      if (label != NULL && label[0] != '\0')
        {
          /* Translators: one bar of a histogram: the scale value, its label, the number of
           * answers and their share, as in "1 (Extremely dissatisfied): 400 (8.0 %)." */
          g_string_append_printf (text, _("%d (%s): %s (%s)."), v, label, count, percent);
        }
      else
        {
          /* Translators: one bar of a histogram: the scale value, the number of answers and
           * their share, as in "2: 600 (12.0 %)." */
          g_string_append_printf (text, _("%d: %s (%s)."), v, count, percent);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
