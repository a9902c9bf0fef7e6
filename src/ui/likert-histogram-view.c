/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-histogram-view"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-histogram-view.h"
#include "likert-histogram.h"

struct _LikertHistogramView
{
  GtkDrawingArea           parent_instance;

  char                    *title;
  int                      scale_min;
  int                      scale_max;
  guint64                  counts[LIKERT_MAX_SCALE];
  char                    *labels[LIKERT_MAX_SCALE];
  gboolean                 has_data;
  char                    *description;
  LikertHistogramGeometry  geometry;
};

G_DEFINE_FINAL_TYPE (LikertHistogramView, likert_histogram_view, GTK_TYPE_DRAWING_AREA)

static guint
n_values (LikertHistogramView *self)
{
  return self->has_data ? (guint) (self->scale_max - self->scale_min + 1) : 0;
}

static void
fill_data (LikertHistogramView *self,
           LikertHistogramData *data)
{
  memset (data, 0, sizeof *data);
  data->title = self->title;
  data->scale_min = self->scale_min;
  data->scale_max = self->scale_max;
  data->counts = self->counts;
  data->labels = (const char * const *) self->labels;
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
fill_style (LikertHistogramView *self,
            LikertChartStyle    *style)
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
  style->rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  LikertHistogramView *self = LIKERT_HISTOGRAM_VIEW (area);
  LikertChartStyle style;
  LikertHistogramData data;

  if (!self->has_data)
    return;

  fill_style (self, &style);
  fill_data (self, &data);
  likert_histogram_render (cr, width, height, &style, &data, &self->geometry);
  likert_chart_style_clear (&style);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  LikertHistogramView *self = LIKERT_HISTOGRAM_VIEW (widget);
  guint64 total = 0;

  for (guint i = 0; i < n_values (self); i++)
    total += self->counts[i];

  for (guint i = 0; i < self->geometry.n_bars && i < n_values (self); i++)
    {
      const LikertChartRect *bar = &self->geometry.bars[i];
      g_autofree char *text = NULL;
      g_autofree char *count = NULL;
      const char *label = self->labels[i];
      double percent = total ? 100.0 * (double) self->counts[i] / (double) total : 0;

      /* The whole column is the target, so small bars are easy to hover. */
      if (x < bar->x || x > bar->x + bar->width)
        continue;
      count = g_strdup_printf ("%'" G_GUINT64_FORMAT, self->counts[i]);
      if (label != NULL)
        /* Translators: tooltip of a histogram bar: value – its label: count (percentage) */
        text = g_strdup_printf (_("%d – %s: %s (%.1f %%)"), self->scale_min + (int) i, label,
                                count, percent);
      else
        /* Translators: tooltip of a histogram bar: value: count (percentage) */
        text = g_strdup_printf (_("%d: %s (%.1f %%)"), self->scale_min + (int) i, count, percent);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  return FALSE;
}

static void
update_description (LikertHistogramView *self)
{
  g_clear_pointer (&self->description, g_free);
  if (self->has_data)
    {
      LikertHistogramData data;

      fill_data (self, &data);
      self->description = likert_histogram_describe (&data);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description ? self->description : "",
                                  -1);
}

static void
likert_histogram_view_finalize (GObject *object)
{
  LikertHistogramView *self = LIKERT_HISTOGRAM_VIEW (object);

  g_free (self->title);
  for (guint i = 0; i < LIKERT_MAX_SCALE; i++)
    g_free (self->labels[i]);
  g_free (self->description);

  G_OBJECT_CLASS (likert_histogram_view_parent_class)->finalize (object);
}

static void
likert_histogram_view_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (likert_histogram_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
likert_histogram_view_direction_changed (GtkWidget        *widget,
                                         GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (likert_histogram_view_parent_class)->direction_changed (widget, previous);
  gtk_widget_queue_draw (widget);
}

static void
likert_histogram_view_class_init (LikertHistogramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = likert_histogram_view_finalize;
  widget_class->css_changed = likert_histogram_view_css_changed;
  widget_class->direction_changed = likert_histogram_view_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "histogram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
likert_histogram_view_init (LikertHistogramView *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 280);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 360);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rating histogram"),
                                  -1);
}

GtkWidget *
likert_histogram_view_new (void)
{
  return g_object_new (LIKERT_TYPE_HISTOGRAM_VIEW, NULL);
}

void
likert_histogram_view_set_data (LikertHistogramView *self,
                                const char          *title,
                                int                  scale_min,
                                int                  scale_max,
                                const guint64       *counts,
                                const char * const  *labels)
{
  guint n;

  g_return_if_fail (LIKERT_IS_HISTOGRAM_VIEW (self));
  g_return_if_fail (scale_max >= scale_min && scale_max - scale_min < LIKERT_MAX_SCALE);

  n = (guint) (scale_max - scale_min + 1);
  g_free (self->title);
  self->title = g_strdup (title);
  self->scale_min = scale_min;
  self->scale_max = scale_max;
  for (guint i = 0; i < LIKERT_MAX_SCALE; i++)
    {
      g_clear_pointer (&self->labels[i], g_free);
      self->counts[i] = i < n ? counts[i] : 0;
      if (i < n && labels != NULL)
        self->labels[i] = g_strdup (labels[i]);
    }
  self->has_data = TRUE;
  memset (&self->geometry, 0, sizeof self->geometry);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
likert_histogram_view_clear (LikertHistogramView *self)
{
  g_return_if_fail (LIKERT_IS_HISTOGRAM_VIEW (self));

  self->has_data = FALSE;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const guint64 *
likert_histogram_view_get_counts (LikertHistogramView *self,
                                  guint               *n_counts)
{
  g_return_val_if_fail (LIKERT_IS_HISTOGRAM_VIEW (self), NULL);

  *n_counts = n_values (self);
  return self->counts;
}

const char *
likert_histogram_view_get_description (LikertHistogramView *self)
{
  g_return_val_if_fail (LIKERT_IS_HISTOGRAM_VIEW (self), NULL);
  return self->description;
}
