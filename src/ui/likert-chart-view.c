/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "likert-chart-view.h"

/* The chart keeps its aspect within the widget: at most this wide for its height… */
#define MAX_ASPECT 2.6
/* …and at most this tall for its width. */
#define MIN_ASPECT 0.7
/* Around a dot, the target a pointer has to reach (logical pixels). */
#define DOT_TARGET 6.0

typedef union
{
  LikertHistogramGeometry  histogram;
  LikertDivergingGeometry  diverging;
  LikertIntervalGeometry   interval;
  LikertNpsGeometry        nps;
  LikertTrendGeometry      trend;
  LikertTagBarsGeometry    tag_bars;
  LikertTagHeatmapGeometry heatmap;
} Geometry;

struct _LikertChartView
{
  GtkWidget        parent_instance;

  LikertFrame     *frame;
  guint64         *rows;          /* NULL: all */
  LikertFilter    *filter;

  LikertChartKind  kind;
  char            *question;
  char            *segment;
  LikertPeriod     period;
  gboolean         percent;

  LikertChartData *data;
  char            *placeholder;
  char            *description;
  Geometry        *geometry;
  gboolean         geometry_valid;
  graphene_rect_t  box;           /* where the chart stands in the widget */
};

G_DEFINE_FINAL_TYPE (LikertChartView, likert_chart_view, GTK_TYPE_WIDGET)
G_DEFINE_BOXED_TYPE (LikertChartHit, likert_chart_hit, likert_chart_hit_copy,
                     likert_chart_hit_free)

enum {
  PROP_0,
  PROP_KIND,
  PROP_QUESTION,
  PROP_SEGMENT,
  PROP_PERIOD,
  PROP_PERCENT,
  PROP_DESCRIPTION,
  N_PROPS
};

enum {
  ACTIVATE_BAR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers: style */

static gboolean
is_rtl (LikertChartView *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

static void
to_rgba (const GdkRGBA *in,
         LikertRgba    *out)
{
  out->red = in->red;
  out->green = in->green;
  out->blue = in->blue;
  out->alpha = in->alpha;
}

/* The renderer's style from the theme: follows light/dark, font and direction of the widget. */
static void
fill_style (LikertChartView  *self,
            LikertChartStyle *style)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA colour;
  const PangoFontDescription *font;

  likert_chart_style_init_default (style, FALSE);
  style->background.alpha = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &colour);
  to_rgba (&colour, &style->foreground);
  colour.alpha *= 0.35;
  to_rgba (&colour, &style->muted);
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &colour))
    to_rgba (&colour, &style->accent);
  if (gtk_style_context_lookup_color (context, "accent_fg_color", &colour))
    to_rgba (&colour, &style->on_accent);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_clear_object (&style->context);
  style->context = g_object_ref (gtk_widget_get_pango_context (widget));
  font = pango_context_get_font_description (style->context);
  if (font != NULL)
    {
      pango_font_description_free (style->font);
      style->font = pango_font_description_copy (font);
    }
  style->rtl = is_rtl (self);
}

/* Helpers: text */

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static char *
format_percent (double fraction)
{
  /* Translators: a percentage in a chart's tooltip */
  return g_strdup_printf (_("%.1f %%"), 100.0 * fraction);
}

/* A count and its share of total: "name: count (share)", or "row — name: count (share)" for
 * a part of a row. */
static char *
count_text (const char *row,
            const char *name,
            guint64     count,
            guint64     total)
{
  g_autofree char *number = format_count (count);
  g_autofree char *share = format_percent (total ? (double) count / (double) total : 0.0);

  if (row == NULL)
    /* Translators: tooltip of a bar: the scale point: count (share of the answers) */
    return g_strdup_printf (_("%s: %s (%s)"), name, number, share);
  /* Translators: tooltip of a part of a bar or of a heat map cell: the segment or tag — the
   * scale point or NPS group: count (share of the segment's or tag's answers) */
  return g_strdup_printf (_("%s — %s: %s (%s)"), row, name, number, share);
}

/* "4 – Satisfied" or "4". */
static char *
point_name (const char * const *labels,
            int                 scale_min,
            int                 point)
{
  const char *label = labels != NULL ? labels[point] : NULL;

  if (label != NULL && *label != '\0')
    /* Translators: a scale point in a tooltip: its value – its label */
    return g_strdup_printf (_("%d – %s"), scale_min + point, label);
  return g_strdup_printf ("%d", scale_min + point);
}

/* "3.52 (95 % CI 3.41–3.63)", or in % for proportions. */
static char *
format_value (double   value,
              double   low,
              double   high,
              gboolean percent)
{
  double factor = percent ? 100.0 : 1.0;

  if (isnan (value))
    return g_strdup (_("no answers"));
  if (isnan (low) || isnan (high))
    return percent ? g_strdup_printf (_("%.1f %%"), factor * value)
                   : g_strdup_printf ("%.2f", value);
  if (percent)
    /* Translators: a percentage and its 95 % confidence interval, in a tooltip */
    return g_strdup_printf (_("%.1f %% (95 %% CI %.1f–%.1f %%)"), factor * value,
                            factor * low, factor * high);
  /* Translators: a mean and its 95 % confidence interval, in a tooltip */
  return g_strdup_printf (_("%.2f (95 %% CI %.2f–%.2f)"), value, low, high);
}

/* What a row or period measures: "MA: Mean 3.52 (95 % CI 3.41–3.63), n = 812". */
static char *
measure_text (const char *label,
              const char *measure,
              double      value,
              double      low,
              double      high,
              gboolean    percent,
              guint64     n)
{
  g_autofree char *text = format_value (value, low, high, percent);
  g_autofree char *count = format_count (n);

  /* Translators: tooltip of a row or a period: its name: what is measured value (interval),
   * n = answers; e.g. "MA: Mean 3.52 (95 % CI 3.41–3.63), n = 812" */
  return g_strdup_printf (_("%s: %s %s, n = %s"), label != NULL ? label : "", measure, text,
                          count);
}

static guint64
sum_counts (const guint64 *counts,
            guint          n)
{
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    sum += counts[i];
  return sum;
}

/* Helpers: hits */

/* A rectangle of the chart in the view's coordinates. */
static graphene_rect_t
to_view_rect (LikertChartView       *self,
              const LikertChartRect *rect)
{
  return GRAPHENE_RECT_INIT ((float) (self->box.origin.x + rect->x),
                             (float) (self->box.origin.y + rect->y),
                             (float) rect->width, (float) rect->height);
}

static LikertChartHit *
hit_new (LikertChartView       *self,
         int                    row,
         int                    point,
         const LikertChartRect *rect)
{
  LikertChartHit *hit = g_new0 (LikertChartHit, 1);

  hit->kind = self->kind;
  hit->row = row;
  hit->point = point;
  hit->area = to_view_rect (self, rect);
  hit->from = G_MAXINT64;
  hit->to = G_MININT64;
  return hit;
}

static void
hit_set_rating (LikertChartView *self,
                LikertChartHit  *hit,
                int              rating_min,
                int              rating_max)
{
  const LikertField *field;
  gint q;

  if (self->frame == NULL || likert_frame_get_n_questions (self->frame) == 0)
    return;
  q = self->question != NULL ? likert_frame_find_question (self->frame, self->question) : 0;
  if (q < 0)
    return;
  field = likert_frame_get_question (self->frame, (guint) q);
  hit->question = g_strdup (field->header);
  hit->rating_min = rating_min;
  hit->rating_max = rating_max;
  hit->scale_min = field->scale_min;
  hit->scale_max = field->scale_max;
}

/* The segment's value of data row (none for the row "All"). */
static void
hit_set_segment (LikertChartView *self,
                 LikertChartHit  *hit,
                 guint            row)
{
  if (self->data->segment_values == NULL || self->segment == NULL)
    return;
  hit->field = g_strdup (self->segment);
  hit->value = g_strdup (self->data->segment_values[row]);
}

static gboolean
in_span (double v,
         double start,
         double size)
{
  return size > 0 && v >= start && v < start + size;
}

static gboolean
in_rect (const LikertChartRect *rect,
         double                 x,
         double                 y)
{
  return in_span (x, rect->x, rect->width) && in_span (y, rect->y, rect->height);
}

/* Which of n pieces (side by side) spans x, or −1. */
static int
find_piece (const LikertChartRect *pieces,
            guint                  n,
            double                 x)
{
  for (guint i = 0; i < n; i++)
    if (in_span (x, pieces[i].x, pieces[i].width))
      return (int) i;
  return -1;
}

/* The target around a dot at (x, y); band when there is no dot (x is NaN). */
static LikertChartRect
dot_rect (const LikertChartRect *band,
          double                 x,
          double                 y)
{
  LikertChartRect rect = { x - DOT_TARGET, y - DOT_TARGET, 2 * DOT_TARGET, 2 * DOT_TARGET };

  return isnan (x) ? *band : rect;
}

/* The view's coordinates to the chart's. */
static gboolean
to_chart (LikertChartView *self,
          double          *x,
          double          *y)
{
  *x -= self->box.origin.x;
  *y -= self->box.origin.y;
  return *x >= 0 && *y >= 0 && *x < self->box.size.width && *y < self->box.size.height;
}

/* Helpers: layout */

static void
compute_box (LikertChartView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double w = width, h = height;

  if (w > h * MAX_ASPECT)
    w = floor (h * MAX_ASPECT);
  if (h > w / MIN_ASPECT)
    h = floor (w / MIN_ASPECT);
  self->box = GRAPHENE_RECT_INIT ((float) floor ((width - w) / 2), (float) floor ((height - h) / 2),
                                  (float) w, (float) h);
}

static void
render (LikertChartView *self,
        cairo_t         *cr,
        double           width,
        double           height)
{
  LikertChartStyle style;
  LikertChartData *data = self->data;
  Geometry *geometry = self->geometry;

  fill_style (self, &style);
  memset (geometry, 0, sizeof *geometry);
  switch (data->kind)
    {
    case LIKERT_CHART_HISTOGRAM:
      likert_histogram_render (cr, width, height, &style, &data->histogram, &geometry->histogram);
      break;
    case LIKERT_CHART_DIVERGING:
      likert_diverging_render (cr, width, height, &style, &data->diverging, &geometry->diverging);
      break;
    case LIKERT_CHART_MEAN:
    case LIKERT_CHART_CSAT:
      likert_interval_render (cr, width, height, &style, &data->interval, &geometry->interval);
      break;
    case LIKERT_CHART_NPS:
      likert_nps_render (cr, width, height, &style, &data->nps, &geometry->nps);
      break;
    case LIKERT_CHART_TREND:
      likert_trend_render (cr, width, height, &style, &data->trend, &geometry->trend);
      break;
    case LIKERT_CHART_TAGS:
      likert_tag_bars_render (cr, width, height, &style, &data->tag_bars, &geometry->tag_bars);
      break;
    case LIKERT_CHART_HEATMAP:
      likert_tag_heatmap_render (cr, width, height, &style, &data->heatmap, &geometry->heatmap);
      break;
    case LIKERT_CHART_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  likert_chart_style_clear (&style);
  self->geometry_valid = TRUE;
}

/* Where the marks are, laid out as they would be drawn now (without drawing on screen). */
static gboolean
ensure_geometry (LikertChartView *self)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (self->data == NULL)
    return FALSE;
  compute_box (self);
  if (self->geometry_valid)
    return TRUE;
  if (self->box.size.width < 1 || self->box.size.height < 1)
    return FALSE;
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  render (self, cr, self->box.size.width, self->box.size.height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return TRUE;
}

static void
invalidate (LikertChartView *self)
{
  self->geometry_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Helpers: data */

static gboolean
kind_needs_question (LikertChartKind kind)
{
  return kind != LIKERT_CHART_TAGS;
}

static LikertChartSpec *
make_spec (LikertChartView *self)
{
  LikertChartSpec *spec = likert_chart_spec_new ();

  spec->kind = self->kind;
  spec->question = g_strdup (self->question);
  spec->segment = likert_chart_kind_takes_segment (self->kind) ? g_strdup (self->segment) : NULL;
  spec->period = self->period;
  spec->percent = self->percent;
  if (self->filter != NULL)
    {
      likert_filter_free (spec->filter);
      spec->filter = likert_filter_copy (self->filter);
    }
  return spec;
}

/* Why the chart of spec cannot be drawn, or NULL. */
static char *
check_applicable (LikertChartView       *self,
                  const LikertChartSpec *spec)
{
  LikertFrame *frame = self->frame;
  const LikertField *field = NULL;

  if (kind_needs_question (spec->kind))
    {
      gint q;

      if (likert_frame_get_n_questions (frame) == 0)
        return g_strdup (_("This project has no rating questions."));
      q = spec->question != NULL ? likert_frame_find_question (frame, spec->question) : 0;
      if (q < 0)
        /* Translators: %s is the name of a rating question */
        return g_strdup_printf (_("There is no rating question “%s”."), spec->question);
      field = likert_frame_get_question (frame, (guint) q);
    }
  if ((spec->kind == LIKERT_CHART_TAGS || spec->kind == LIKERT_CHART_HEATMAP) &&
      likert_frame_get_n_tags (frame) == 0)
    return g_strdup (_("No tags yet. Tag responses to see how often each tag comes up."));
  if (spec->kind == LIKERT_CHART_NPS && field != NULL &&
      (field->scale_min != 0 || field->scale_max != 10))
    /* Translators: %s is a rating question, %d–%d its scale such as 1–5 */
    return g_strdup_printf (_("A Net Promoter Score needs a question rated 0 to 10; “%s” is "
                              "rated %d to %d."), field->header, field->scale_min,
                            field->scale_max);
  if (spec->kind == LIKERT_CHART_DIVERGING && spec->segment == NULL)
    return g_strdup (_("Diverging bars compare groups: choose a field to split by."));
  if (spec->segment != NULL && likert_frame_find_category (frame, spec->segment) < 0)
    /* Translators: %s is the name of a field such as “country” */
    return g_strdup_printf (_("There is no field “%s” to split by."), spec->segment);
  return NULL;
}

static void
rebuild (LikertChartView *self)
{
  g_autoptr(LikertChartSpec) spec = NULL;
  g_autoptr(GError) error = NULL;
  guint n_selected;

  g_clear_pointer (&self->data, likert_chart_data_free);
  g_clear_pointer (&self->placeholder, g_free);
  g_clear_pointer (&self->description, g_free);
  self->geometry_valid = FALSE;

  if (self->frame != NULL)
    {
      spec = make_spec (self);
      n_selected = self->rows != NULL
                   ? likert_bitmap_count (self->rows, likert_frame_bitmap_words (self->frame))
                   : likert_frame_get_n_rows (self->frame);
      self->placeholder = check_applicable (self, spec);
      if (self->placeholder == NULL && n_selected == 0)
        self->placeholder = g_strdup (_("No responses match the filters."));
      if (self->placeholder == NULL)
        {
          self->data = likert_chart_data_build (self->frame, self->rows, spec, &error);
          if (self->data == NULL)
            self->placeholder = g_strdup (error->message);
          else if (self->data->kind == LIKERT_CHART_TREND && self->data->trend.n_periods == 0)
            {
              g_clear_pointer (&self->data, likert_chart_data_free);
              self->placeholder = g_strdup (_("The selected responses have no submission "
                                              "times."));
            }
        }
      self->description = self->data != NULL ? likert_chart_data_describe (self->data)
                                             : g_strdup (self->placeholder);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  likert_chart_kind_get_title (self->kind),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description ? self->description : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  invalidate (self);
}

/* Helpers: hit testing, per kind */

static LikertChartHit *
hit_histogram (LikertChartView *self,
               double           x,
               double           y)
{
  const LikertHistogramData *data = &self->data->histogram;
  const LikertHistogramGeometry *geometry = &self->geometry->histogram;
  guint n_points = (guint) (data->scale_max - data->scale_min + 1);
  g_autofree char *name = NULL;
  LikertChartHit *hit;
  int i;

  if (y < geometry->plot.y || y > geometry->plot.y + geometry->plot.height)
    return NULL;
  /* The whole column is the target, so that small bars are easy to hover. */
  i = find_piece (geometry->bars, MIN (geometry->n_bars, n_points), x);
  if (i < 0)
    return NULL;
  name = point_name (data->labels, data->scale_min, i);
  hit = hit_new (self, 0, i, &geometry->bars[i]);
  hit->text = count_text (NULL, name, data->counts[i], sum_counts (data->counts, n_points));
  hit_set_rating (self, hit, data->scale_min + i, data->scale_min + i);
  return hit;
}

static LikertChartHit *
hit_diverging (LikertChartView *self,
               double           x,
               double           y)
{
  const LikertDivergingData *data = &self->data->diverging;
  const LikertDivergingGeometry *geometry = &self->geometry->diverging;
  guint n_points = (guint) (data->scale_max - data->scale_min + 1);

  for (guint r = 0; r < geometry->n_rows; r++)
    {
      const LikertChartRect *band = &geometry->rows[r];
      guint index = geometry->order[r];
      const LikertDivergingSegment *segment = &data->segments[index];
      const char *label = segment->label ? segment->label : "";
      LikertChartHit *hit;
      guint64 n;
      int p;

      if (!in_rect (band, x, y))
        continue;
      n = sum_counts (segment->counts, n_points);
      p = find_piece (geometry->pieces[r], n_points, x);
      if (p >= 0)
        {
          g_autofree char *name = point_name (data->labels, data->scale_min, p);

          hit = hit_new (self, (int) index, p, &geometry->pieces[r][p]);
          hit->text = count_text (label, name, segment->counts[p], n);
          hit_set_rating (self, hit, data->scale_min + p, data->scale_min + p);
        }
      else
        {
          g_autofree char *count = format_count (n);
          double net = likert_diverging_net (data, index);

          hit = hit_new (self, (int) index, -1, band);
          if (isnan (net))
            hit->text = g_strdup_printf (_("%s: no answers"), label);
          else
            /* Translators: tooltip of a bar: the segment: net score (answers) */
            hit->text = g_strdup_printf (_("%s: net score %+.0f (n = %s)"), label, net, count);
        }
      hit_set_segment (self, hit, index);
      return hit;
    }
  return NULL;
}

static LikertChartHit *
hit_interval (LikertChartView *self,
              double           x,
              double           y)
{
  const LikertIntervalData *data = &self->data->interval;
  const LikertIntervalGeometry *geometry = &self->geometry->interval;

  for (guint r = 0; r < geometry->n_rows && r < data->n_rows; r++)
    {
      const LikertIntervalRow *row = &data->rows[r];
      LikertChartHit *hit;

      if (!in_rect (&geometry->marks[r].band, x, y))
        continue;
      hit = hit_new (self, (int) r, -1, &geometry->marks[r].band);
      hit->text = measure_text (row->label,
                                self->kind == LIKERT_CHART_CSAT ? _("CSAT") : _("Mean"),
                                row->value, row->low, row->high, data->percent, row->n);
      hit_set_segment (self, hit, r);
      return hit;
    }
  return NULL;
}

static const char *
nps_group_name (guint group)
{
  switch (group)
    {
    case LIKERT_NPS_DETRACTORS: return _("Detractors (0–6)");
    case LIKERT_NPS_PASSIVES: return _("Passives (7–8)");
    default: return _("Promoters (9–10)");
    }
}

static LikertChartHit *
hit_nps (LikertChartView *self,
         double           x,
         double           y)
{
  static const int ratings[LIKERT_NPS_N_GROUPS][2] = { { 0, 6 }, { 7, 8 }, { 9, 10 } };
  const LikertNpsData *data = &self->data->nps;
  const LikertNpsGeometry *geometry = &self->geometry->nps;

  for (guint r = 0; r < geometry->n_rows && r < data->n_rows; r++)
    {
      const LikertNpsMark *mark = &geometry->marks[r];
      const LikertNpsRow *row = &data->rows[r];
      const char *label = row->label ? row->label : "";
      guint64 n = sum_counts (row->counts, LIKERT_NPS_N_GROUPS);
      LikertChartHit *hit;
      int g;

      if (!in_rect (&mark->band, x, y))
        continue;
      g = find_piece (mark->pieces, LIKERT_NPS_N_GROUPS, x);
      if (g >= 0)
        {
          hit = hit_new (self, (int) r, g, &mark->pieces[g]);
          hit->text = count_text (label, nps_group_name ((guint) g), row->counts[g], n);
          hit_set_rating (self, hit, ratings[g][0], ratings[g][1]);
        }
      else
        {
          g_autofree char *count = format_count (n);

          hit = hit_new (self, (int) r, -1, &mark->band);
          if (isnan (row->nps))
            hit->text = g_strdup_printf (_("%s: no answers"), label);
          else if (isnan (row->low) || isnan (row->high))
            /* Translators: tooltip: the segment: NPS value, n = answers */
            hit->text = g_strdup_printf (_("%s: NPS %+.0f, n = %s"), label, row->nps, count);
          else
            /* Translators: tooltip: the segment: NPS value (interval), n = answers */
            hit->text = g_strdup_printf (_("%s: NPS %+.0f (95 %% CI %+.0f to %+.0f), n = %s"),
                                         label, row->nps, row->low, row->high, count);
        }
      hit_set_segment (self, hit, r);
      return hit;
    }
  return NULL;
}

static gboolean
trend_mark (LikertChartView *self,
            guint            period,
            LikertChartRect *rect)
{
  const LikertTrendData *data = &self->data->trend;
  const LikertTrendGeometry *geometry = &self->geometry->trend;
  double x, step = fabs (geometry->x_step);

  if (period >= geometry->n_periods)
    return FALSE;
  x = likert_trend_geometry_x (geometry, period);
  if (step <= 0)
    step = geometry->plot.width;
  rect->x = x - step / 2;
  rect->width = step;
  if (!isnan (data->periods[period].value))
    {
      double y = likert_trend_geometry_y (geometry, data->periods[period].value);

      rect->y = y - DOT_TARGET;
      rect->height = 2 * DOT_TARGET;
    }
  else
    {
      rect->y = geometry->plot.y;
      rect->height = geometry->plot.height;
    }
  return TRUE;
}

static LikertChartHit *
hit_trend (LikertChartView *self,
           double           x,
           double           y)
{
  const LikertTrendData *data = &self->data->trend;
  const LikertTrendGeometry *geometry = &self->geometry->trend;
  double bottom = MAX (geometry->plot.y + geometry->plot.height,
                       geometry->counts.y + geometry->counts.height);
  double position;
  LikertChartRect rect;
  LikertChartHit *hit;
  const LikertTrendPeriod *period;
  guint i;

  if (geometry->n_periods == 0 || y < geometry->plot.y || y > bottom)
    return NULL;
  position = geometry->x_step != 0 ? (x - geometry->x_first) / geometry->x_step : 0;
  if (position < -0.5 || position >= geometry->n_periods - 0.5)
    return NULL;
  i = (guint) MAX (0, (int) floor (position + 0.5));
  if (!trend_mark (self, i, &rect))
    return NULL;
  period = &data->periods[i];
  hit = hit_new (self, (int) i, -1, &rect);
  hit->text = measure_text (period->label, _("Mean"), period->value, period->low, period->high,
                            data->percent, period->n);
  if (self->data->period_bounds != NULL)
    {
      hit->from = self->data->period_bounds[i];
      hit->to = self->data->period_bounds[i + 1];
    }
  return hit;
}

static LikertChartHit *
hit_tags (LikertChartView *self,
          double           x,
          double           y)
{
  const LikertTagBarsData *data = &self->data->tag_bars;
  const LikertTagBarsGeometry *geometry = &self->geometry->tag_bars;

  for (guint r = 0; r < geometry->n_rows && r < data->n_tags; r++)
    {
      const LikertTagCount *tag = &data->tags[r];
      LikertChartHit *hit;
      g_autofree char *count = NULL;

      if (!in_rect (&geometry->rows[r], x, y))
        continue;
      count = format_count (tag->count);
      hit = hit_new (self, (int) r, -1, geometry->bars[r].width > 0 ? &geometry->bars[r]
                                                                     : &geometry->rows[r]);
      if (data->total > 0)
        {
          g_autofree char *share = format_percent ((double) tag->count / (double) data->total);

          /* Translators: tooltip of a tag's bar: tag: responses (share of the responses) */
          hit->text = g_strdup_printf (ngettext ("%s: %s response (%s)", "%s: %s responses (%s)",
                                                 (gulong) MIN (tag->count, G_MAXULONG)),
                                       tag->name, count, share);
        }
      else
        hit->text = g_strdup_printf (ngettext ("%s: %s response", "%s: %s responses",
                                               (gulong) MIN (tag->count, G_MAXULONG)),
                                     tag->name, count);
      hit->tag = g_strdup (tag->name);
      return hit;
    }
  return NULL;
}

static LikertChartHit *
hit_heatmap (LikertChartView *self,
             double           x,
             double           y)
{
  const LikertTagHeatmapData *data = &self->data->heatmap;
  const LikertTagHeatmapGeometry *geometry = &self->geometry->heatmap;
  guint n_points = (guint) (data->scale_max - data->scale_min + 1);

  for (guint r = 0; r < geometry->n_rows && r < data->n_tags; r++)
    for (guint p = 0; p < geometry->n_columns && p < n_points; p++)
      {
        const LikertChartRect *cell = &geometry->cells[r][p];
        const guint64 *counts = &data->counts[r * n_points];
        LikertChartHit *hit;
        g_autofree char *name = NULL;

        if (!in_rect (cell, x, y))
          continue;
        name = point_name (data->labels, data->scale_min, (int) p);
        hit = hit_new (self, (int) r, (int) p, cell);
        hit->text = count_text (data->tags[r], name, counts[p], sum_counts (counts, n_points));
        hit->tag = g_strdup (data->tags[r]);
        hit_set_rating (self, hit, data->scale_min + (int) p, data->scale_min + (int) p);
        return hit;
      }
  return NULL;
}

/* Callbacks */

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autoptr(LikertChartHit) hit = NULL;
  GdkRectangle area;

  if (keyboard)
    return FALSE;
  hit = likert_chart_view_hit_test (LIKERT_CHART_VIEW (widget), x, y);
  if (hit == NULL || hit->text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, hit->text);
  area.x = (int) floor (hit->area.origin.x);
  area.y = (int) floor (hit->area.origin.y);
  area.width = MAX (1, (int) ceil (hit->area.size.width));
  area.height = MAX (1, (int) ceil (hit->area.size.height));
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             LikertChartView *self)
{
  if (n_press == 1 && likert_chart_view_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LikertChartView          *self)
{
  g_autoptr(LikertChartHit) hit = likert_chart_view_hit_test (self, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hit != NULL && likert_chart_hit_has_condition (hit)
                                   ? "pointer" : NULL);
}

/* GtkWidget */

static void
likert_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LikertChartView *self = LIKERT_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);

  if (self->placeholder != NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, self->placeholder);
      GdkRGBA colour;
      int text_width, text_height;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
      G_GNUC_END_IGNORE_DEPRECATIONS
      colour.alpha *= 0.55f;
      pango_layout_set_width (layout, (int) (MAX (1.0, width - 48) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24.f,
                                                              (float) floor ((height - text_height) / 2)));
      gtk_snapshot_append_layout (snapshot, layout, &colour);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
      return;
    }
  if (self->data == NULL)
    return;

  compute_box (self);
  if (self->box.size.width < 1 || self->box.size.height < 1)
    return;
  {
    cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &self->box);

    cairo_translate (cr, self->box.origin.x, self->box.origin.y);
    render (self, cr, self->box.size.width, self->box.size.height);
    cairo_destroy (cr);
  }
}

static void
likert_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 520;
    }
  else
    {
      *minimum = 180;
      *natural = 300;
    }
}

static void
likert_chart_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  LikertChartView *self = LIKERT_CHART_VIEW (widget);

  self->geometry_valid = FALSE;
  compute_box (self);
}

static void
likert_chart_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (likert_chart_view_parent_class)->css_changed (widget, change);
  invalidate (LIKERT_CHART_VIEW (widget));
}

static void
likert_chart_view_direction_changed (GtkWidget        *widget,
                                     GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (likert_chart_view_parent_class)->direction_changed (widget, previous);
  invalidate (LIKERT_CHART_VIEW (widget));
}

/* GObject */

static void
likert_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LikertChartView *self = LIKERT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_SEGMENT:
      g_value_set_string (value, self->segment);
      break;
    case PROP_PERIOD:
      g_value_set_uint (value, self->period);
      break;
    case PROP_PERCENT:
      g_value_set_boolean (value, self->percent);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_chart_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LikertChartView *self = LIKERT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      likert_chart_view_set_kind (self, (LikertChartKind) g_value_get_uint (value));
      break;
    case PROP_QUESTION:
      likert_chart_view_set_question (self, g_value_get_string (value));
      break;
    case PROP_SEGMENT:
      likert_chart_view_set_segment (self, g_value_get_string (value));
      break;
    case PROP_PERIOD:
      likert_chart_view_set_period (self, (LikertPeriod) g_value_get_uint (value));
      break;
    case PROP_PERCENT:
      likert_chart_view_set_percent (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_chart_view_finalize (GObject *object)
{
  LikertChartView *self = LIKERT_CHART_VIEW (object);

  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->filter, likert_filter_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->segment, g_free);
  g_clear_pointer (&self->data, likert_chart_data_free);
  g_clear_pointer (&self->placeholder, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->geometry, g_free);

  G_OBJECT_CLASS (likert_chart_view_parent_class)->finalize (object);
}

static void
likert_chart_view_class_init (LikertChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = likert_chart_view_get_property;
  object_class->set_property = likert_chart_view_set_property;
  object_class->finalize = likert_chart_view_finalize;
  widget_class->snapshot = likert_chart_view_snapshot;
  widget_class->measure = likert_chart_view_measure;
  widget_class->size_allocate = likert_chart_view_size_allocate;
  widget_class->css_changed = likert_chart_view_css_changed;
  widget_class->direction_changed = likert_chart_view_direction_changed;

  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, LIKERT_CHART_N_KINDS - 1, LIKERT_CHART_HISTOGRAM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEGMENT] =
    g_param_spec_string ("segment", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD] =
    g_param_spec_uint ("period", NULL, NULL, 0, LIKERT_PERIOD_N_PERIODS - 1, LIKERT_PERIOD_MONTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERCENT] =
    g_param_spec_boolean ("percent", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LikertChartView::activate-bar:
   * @hit: the LikertChartHit clicked, with its filter condition
   */
  signals[ACTIVATE_BAR] =
    g_signal_new ("activate-bar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, LIKERT_TYPE_CHART_HIT | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
likert_chart_view_init (LikertChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->kind = LIKERT_CHART_HISTOGRAM;
  self->period = LIKERT_PERIOD_MONTH;
  self->geometry = g_new0 (Geometry, 1);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  likert_chart_kind_get_title (self->kind),
                                  -1);
}

/* Public API: hits */

LikertChartHit *
likert_chart_hit_copy (const LikertChartHit *hit)
{
  LikertChartHit *copy;

  g_return_val_if_fail (hit != NULL, NULL);

  copy = g_memdup2 (hit, sizeof *hit);
  copy->text = g_strdup (hit->text);
  copy->question = g_strdup (hit->question);
  copy->field = g_strdup (hit->field);
  copy->value = g_strdup (hit->value);
  copy->tag = g_strdup (hit->tag);
  return copy;
}

void
likert_chart_hit_free (LikertChartHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->text);
  g_free (hit->question);
  g_free (hit->field);
  g_free (hit->value);
  g_free (hit->tag);
  g_free (hit);
}

gboolean
likert_chart_hit_has_condition (const LikertChartHit *hit)
{
  g_return_val_if_fail (hit != NULL, FALSE);
  return hit->question != NULL || hit->field != NULL || hit->tag != NULL || hit->from < hit->to;
}

void
likert_chart_hit_apply (const LikertChartHit *hit,
                        LikertFilter         *filter)
{
  g_return_if_fail (hit != NULL);
  g_return_if_fail (filter != NULL);

  if (hit->question != NULL)
    {
      for (int v = hit->scale_min; v <= hit->scale_max; v++)
        likert_filter_remove_rating (filter, hit->question, v);
      for (int v = hit->rating_min; v <= hit->rating_max; v++)
        likert_filter_add_rating (filter, hit->question, v);
    }
  if (hit->field != NULL)
    {
      likert_filter_clear_field (filter, hit->field);
      likert_filter_add_value (filter, hit->field, hit->value != NULL ? hit->value : "");
    }
  if (hit->tag != NULL)
    {
      g_auto(GStrv) tags = likert_filter_dup_tags (filter);

      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        likert_filter_remove_tag (filter, tags[i]);
      likert_filter_add_tag (filter, hit->tag);
      likert_filter_set_tag_match (filter, LIKERT_TAG_MATCH_ANY);
    }
  if (hit->from < hit->to)
    likert_filter_set_range (filter, hit->from, hit->to);
}

/* Public API: kinds */

gboolean
likert_chart_kind_takes_segment (LikertChartKind kind)
{
  return kind == LIKERT_CHART_DIVERGING || kind == LIKERT_CHART_MEAN ||
         kind == LIKERT_CHART_CSAT || kind == LIKERT_CHART_NPS;
}

const char *
likert_chart_kind_get_title (LikertChartKind kind)
{
  switch (kind)
    {
    case LIKERT_CHART_HISTOGRAM: return C_("chart kind", "Histogram");
    case LIKERT_CHART_DIVERGING: return C_("chart kind", "Diverging Bars");
    case LIKERT_CHART_MEAN: return C_("chart kind", "Mean with Interval");
    case LIKERT_CHART_CSAT: return C_("chart kind", "CSAT (Top-2-Box)");
    case LIKERT_CHART_NPS: return C_("chart kind", "Net Promoter Score");
    case LIKERT_CHART_TREND: return C_("chart kind", "Trend over Time");
    case LIKERT_CHART_TAGS: return C_("chart kind", "Tag Frequency");
    case LIKERT_CHART_HEATMAP: return C_("chart kind", "Tags × Rating");
    case LIKERT_CHART_N_KINDS:
    default:
      return C_("chart kind", "Chart");
    }
}

/* Public API: the view */

/* After a property changed: the chart anew, and the notification. */
static void
changed (LikertChartView *self,
         guint            prop)
{
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* A string property ("" is NULL). */
static void
set_string (LikertChartView *self,
            char           **field,
            const char      *value,
            guint            prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  changed (self, prop);
}

GtkWidget *
likert_chart_view_new (void)
{
  return g_object_new (LIKERT_TYPE_CHART_VIEW, NULL);
}

LikertFrame *
likert_chart_view_get_frame (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);
  return self->frame;
}

void
likert_chart_view_set_frame (LikertChartView *self,
                             LikertFrame     *frame)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));

  if (frame != NULL)
    likert_frame_ref (frame);
  g_clear_pointer (&self->frame, likert_frame_unref);
  self->frame = frame;
  g_clear_pointer (&self->rows, g_free);
  rebuild (self);
}

void
likert_chart_view_set_rows (LikertChartView    *self,
                            const guint64      *rows,
                            const LikertFilter *filter)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));

  g_clear_pointer (&self->rows, g_free);
  if (rows != NULL && self->frame != NULL)
    self->rows = g_memdup2 (rows, likert_frame_bitmap_words (self->frame) * sizeof (guint64));
  g_clear_pointer (&self->filter, likert_filter_free);
  if (filter != NULL)
    self->filter = likert_filter_copy (filter);
  rebuild (self);
}

LikertChartKind
likert_chart_view_get_kind (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), LIKERT_CHART_HISTOGRAM);
  return self->kind;
}

void
likert_chart_view_set_kind (LikertChartView *self,
                            LikertChartKind  kind)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));
  g_return_if_fail (kind < LIKERT_CHART_N_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  changed (self, PROP_KIND);
}

const char *
likert_chart_view_get_question (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);
  return self->question;
}

void
likert_chart_view_set_question (LikertChartView *self,
                                const char      *question)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));

  set_string (self, &self->question, question, PROP_QUESTION);
}

const char *
likert_chart_view_get_segment (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);
  return self->segment;
}

void
likert_chart_view_set_segment (LikertChartView *self,
                               const char      *segment)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));

  set_string (self, &self->segment, segment, PROP_SEGMENT);
}

LikertPeriod
likert_chart_view_get_period (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), LIKERT_PERIOD_MONTH);
  return self->period;
}

void
likert_chart_view_set_period (LikertChartView *self,
                              LikertPeriod     period)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));
  g_return_if_fail (period < LIKERT_PERIOD_N_PERIODS);

  if (self->period == period)
    return;
  self->period = period;
  changed (self, PROP_PERIOD);
}

gboolean
likert_chart_view_get_percent (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), FALSE);
  return self->percent;
}

void
likert_chart_view_set_percent (LikertChartView *self,
                               gboolean         percent)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));

  percent = !!percent;
  if (self->percent == percent)
    return;
  self->percent = percent;
  changed (self, PROP_PERCENT);
}

LikertChartSpec *
likert_chart_view_dup_spec (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);
  return make_spec (self);
}

void
likert_chart_view_set_spec (LikertChartView       *self,
                            const LikertChartSpec *spec)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));
  g_return_if_fail (spec != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  likert_chart_view_set_kind (self, spec->kind);
  likert_chart_view_set_question (self, spec->question);
  if (spec->segment != NULL || likert_chart_kind_takes_segment (spec->kind))
    likert_chart_view_set_segment (self, spec->segment);
  likert_chart_view_set_period (self, spec->period);
  likert_chart_view_set_percent (self, spec->percent);
  g_object_thaw_notify (G_OBJECT (self));
}

const LikertChartData *
likert_chart_view_get_data (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);
  return self->data;
}

const char *
likert_chart_view_get_placeholder (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);
  return self->placeholder;
}

const char *
likert_chart_view_get_description (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);
  return self->description;
}

const char *
likert_chart_view_get_title (LikertChartView *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);

  if (self->data == NULL)
    return NULL;
  switch (self->data->kind)
    {
    case LIKERT_CHART_HISTOGRAM: return self->data->histogram.title;
    case LIKERT_CHART_DIVERGING: return self->data->diverging.title;
    case LIKERT_CHART_MEAN:
    case LIKERT_CHART_CSAT: return self->data->interval.title;
    case LIKERT_CHART_NPS: return self->data->nps.title;
    case LIKERT_CHART_TREND: return self->data->trend.title;
    case LIKERT_CHART_TAGS: return self->data->tag_bars.title;
    case LIKERT_CHART_HEATMAP: return self->data->heatmap.title;
    case LIKERT_CHART_N_KINDS:
    default:
      return NULL;
    }
}

void
likert_chart_view_get_chart_size (LikertChartView *self,
                                  double          *width,
                                  double          *height)
{
  g_return_if_fail (LIKERT_IS_CHART_VIEW (self));

  compute_box (self);
  *width = self->box.size.width;
  *height = self->box.size.height;
}

LikertChartHit *
likert_chart_view_hit_test (LikertChartView *self,
                            double           x,
                            double           y)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);

  if (!ensure_geometry (self) || !to_chart (self, &x, &y))
    return NULL;
  switch (self->data->kind)
    {
    case LIKERT_CHART_HISTOGRAM: return hit_histogram (self, x, y);
    case LIKERT_CHART_DIVERGING: return hit_diverging (self, x, y);
    case LIKERT_CHART_MEAN:
    case LIKERT_CHART_CSAT: return hit_interval (self, x, y);
    case LIKERT_CHART_NPS: return hit_nps (self, x, y);
    case LIKERT_CHART_TREND: return hit_trend (self, x, y);
    case LIKERT_CHART_TAGS: return hit_tags (self, x, y);
    case LIKERT_CHART_HEATMAP: return hit_heatmap (self, x, y);
    case LIKERT_CHART_N_KINDS:
    default:
      return NULL;
    }
}

gboolean
likert_chart_view_activate_at (LikertChartView *self,
                               double           x,
                               double           y)
{
  g_autoptr(LikertChartHit) hit = NULL;

  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), FALSE);

  hit = likert_chart_view_hit_test (self, x, y);
  if (hit == NULL || !likert_chart_hit_has_condition (hit))
    return FALSE;
  g_signal_emit (self, signals[ACTIVATE_BAR], 0, hit);
  return TRUE;
}

gboolean
likert_chart_view_get_mark (LikertChartView *self,
                            int              row,
                            int              point,
                            graphene_rect_t *area)
{
  LikertChartRect rect = { 0 };
  const Geometry *g;

  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (!ensure_geometry (self) || row < 0)
    return FALSE;
  g = self->geometry;
  switch (self->data->kind)
    {
    case LIKERT_CHART_HISTOGRAM:
      if (point < 0 || (guint) point >= g->histogram.n_bars)
        return FALSE;
      rect = g->histogram.bars[point];
      break;
    case LIKERT_CHART_DIVERGING:
      {
        guint r;

        for (r = 0; r < g->diverging.n_rows && g->diverging.order[r] != (guint) row; r++)
          ;
        if (r == g->diverging.n_rows || point >= LIKERT_CHART_MAX_POINTS)
          return FALSE;
        rect = point >= 0 ? g->diverging.pieces[r][point] : g->diverging.rows[r];
      }
      break;
    case LIKERT_CHART_MEAN:
    case LIKERT_CHART_CSAT:
      if ((guint) row >= g->interval.n_rows)
        return FALSE;
      rect = dot_rect (&g->interval.marks[row].band, g->interval.marks[row].x,
                       g->interval.marks[row].y);
      break;
    case LIKERT_CHART_NPS:
      if ((guint) row >= g->nps.n_rows || point >= LIKERT_NPS_N_GROUPS)
        return FALSE;
      if (point >= 0)
        rect = g->nps.marks[row].pieces[point];
      else
        rect = dot_rect (&g->nps.marks[row].band, g->nps.marks[row].nps_x,
                         g->nps.marks[row].y);
      break;
    case LIKERT_CHART_TREND:
      if (!trend_mark (self, (guint) row, &rect))
        return FALSE;
      break;
    case LIKERT_CHART_TAGS:
      if ((guint) row >= g->tag_bars.n_rows)
        return FALSE;
      rect = g->tag_bars.bars[row].width > 0 ? g->tag_bars.bars[row] : g->tag_bars.rows[row];
      break;
    case LIKERT_CHART_HEATMAP:
      if ((guint) row >= g->heatmap.n_rows || point < 0 ||
          (guint) point >= g->heatmap.n_columns)
        return FALSE;
      rect = g->heatmap.cells[row][point];
      break;
    case LIKERT_CHART_N_KINDS:
    default:
      return FALSE;
    }
  if (rect.width <= 0 || rect.height <= 0)
    return FALSE;
  *area = to_view_rect (self, &rect);
  return TRUE;
}

static gboolean
no_chart_error (LikertChartView  *self,
                GError          **error)
{
  if (self->data != NULL)
    return FALSE;
  g_set_error_literal (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_DATA,
                       self->placeholder != NULL ? self->placeholder : _("There is no chart"));
  return TRUE;
}

GBytes *
likert_chart_view_render_png (LikertChartView  *self,
                              double            width,
                              double            height,
                              double            scale,
                              gboolean          dark,
                              GError          **error)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), NULL);

  if (no_chart_error (self, error))
    return NULL;
  return likert_chart_data_render_png (self->data, width, height, scale, dark, is_rtl (self),
                                       error);
}

gboolean
likert_chart_view_export (LikertChartView  *self,
                          const char       *path,
                          double            width,
                          double            height,
                          double            scale,
                          gboolean          dark,
                          GError          **error)
{
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (no_chart_error (self, error))
    return FALSE;
  return likert_chart_data_export_full (self->data, path, width, height, scale, dark,
                                        is_rtl (self), error);
}
