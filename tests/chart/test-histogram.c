/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-histogram"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-chart-export.h"
#include "likert-chart-style.h"
#include "likert-histogram.h"

#define WIDTH  600
#define HEIGHT 400

/* 875 is half of the largest count, 1750. */
static const guint64 counts[] = { 400, 875, 1000, 1750, 1238 };
static const char * const labels[] = {
  "Extremely dissatisfied",
  "Somewhat dissatisfied",
  "Neither satisfied nor dissatisfied",
  "Somewhat satisfied",
  "Extremely satisfied",
};
#define MAX_INDEX  3
#define HALF_INDEX 1

static const LikertHistogramData sample = {
  .title = "Overall, how satisfied are you about the website?",
  .scale_min = 1,
  .scale_max = 5,
  .counts = counts,
  .labels = labels,
};

typedef struct
{
  cairo_surface_t         *surface;
  LikertHistogramGeometry  geometry;
} Rendered;

static void
render (Rendered                  *out,
        int                        width,
        int                        height,
        const LikertChartStyle    *style,
        const LikertHistogramData *data)
{
  cairo_t *cr;

  out->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (out->surface);
  /* Poison the geometry: render must fill all of it. */
  memset (&out->geometry, 0xff, sizeof out->geometry);
  likert_histogram_render (cr, width, height, style, data, &out->geometry);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (out->surface);
}

static void
rendered_clear (Rendered *rendered)
{
  g_clear_pointer (&rendered->surface, cairo_surface_destroy);
}

/* The colour at (x, y), un-premultiplied to 0–255 channels. */
static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          guint           *red,
          guint           *green,
          guint           *blue,
          guint           *alpha)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  memcpy (&pixel, data + (gsize) y * stride + (gsize) x * 4, sizeof pixel);
  *alpha = pixel >> 24;
  *red = (pixel >> 16) & 0xff;
  *green = (pixel >> 8) & 0xff;
  *blue = pixel & 0xff;

  if (*alpha > 0 && *alpha < 255)
    {
      *red = *red * 255 / *alpha;
      *green = *green * 255 / *alpha;
      *blue = *blue * 255 / *alpha;
    }
}

static void
assert_pixel_is (cairo_surface_t  *surface,
                 double            x,
                 double            y,
                 const LikertRgba *color)
{
  guint red, green, blue, alpha;

  pixel_at (surface, (int) x, (int) y, &red, &green, &blue, &alpha);

  g_assert_cmpuint (alpha, ==, (guint) lround (color->alpha * 255));
  g_assert_cmpint (ABS ((int) red - (int) lround (color->red * 255)), <=, 1);
  g_assert_cmpint (ABS ((int) green - (int) lround (color->green * 255)), <=, 1);
  g_assert_cmpint (ABS ((int) blue - (int) lround (color->blue * 255)), <=, 1);
}

static void
assert_rect_inside (const LikertChartRect *inner,
                    const LikertChartRect *outer)
{
  const double slack = 1e-6;

  g_assert_cmpfloat (inner->x, >=, outer->x - slack);
  g_assert_cmpfloat (inner->y, >=, outer->y - slack);
  g_assert_cmpfloat (inner->x + inner->width, <=, outer->x + outer->width + slack);
  g_assert_cmpfloat (inner->y + inner->height, <=, outer->y + outer->height + slack);
}

/* Checks everything that does not depend on the reading direction. */
static void
assert_geometry (const LikertHistogramGeometry *geometry,
                 const LikertHistogramData     *data,
                 int                            width,
                 int                            height)
{
  const LikertChartRect surface_rect = { 0, 0, width, height };
  const LikertChartRect *plot = &geometry->plot;
  guint64 max_count = 0;

  g_assert_cmpuint (geometry->n_bars, ==, data->scale_max - data->scale_min + 1);

  g_assert_cmpfloat (plot->width, >, 0);
  g_assert_cmpfloat (plot->height, >, 0);
  assert_rect_inside (plot, &surface_rect);

  for (guint i = 0; i < geometry->n_bars; i++)
    max_count = MAX (max_count, data->counts[i]);

  for (guint i = 0; i < geometry->n_bars; i++)
    {
      const LikertChartRect *bar = &geometry->bars[i];
      double expected = (double) data->counts[i] / (double) max_count * plot->height;

      g_assert_cmpfloat (bar->width, >, 0);
      assert_rect_inside (bar, plot);
      assert_rect_inside (bar, &surface_rect);

      /* Every bar stands on the baseline, its height proportional to its count. */
      g_assert_cmpfloat_with_epsilon (bar->y + bar->height, plot->y + plot->height, 1e-6);
      g_assert_cmpfloat_with_epsilon (bar->height, expected, 0.5);

      /* No two bars overlap. */
      for (guint j = 0; j < i; j++)
        {
          const LikertChartRect *other = &geometry->bars[j];

          g_assert_true (bar->x + bar->width <= other->x || other->x + other->width <= bar->x);
        }
    }

  /* All bars have the same width. */
  for (guint i = 1; i < geometry->n_bars; i++)
    g_assert_cmpfloat_with_epsilon (geometry->bars[i].width, geometry->bars[0].width, 1e-6);
}

static void
test_histogram_geometry_ltr (void)
{
  LikertChartStyle style;
  Rendered rendered;
  const LikertHistogramGeometry *geometry = &rendered.geometry;

  likert_chart_style_init_default (&style, FALSE);
  render (&rendered, WIDTH, HEIGHT, &style, &sample);

  assert_geometry (geometry, &sample, WIDTH, HEIGHT);

  /* The largest count fills the plot; half of it fills half. */
  g_assert_cmpfloat_with_epsilon (geometry->bars[MAX_INDEX].height, geometry->plot.height, 1e-6);
  g_assert_cmpfloat_with_epsilon (geometry->bars[HALF_INDEX].height,
                                  geometry->bars[MAX_INDEX].height / 2.0, 0.5);
  g_assert_cmpfloat (geometry->plot.height, >, HEIGHT / 3.0);

  /* Left to right from the lowest value. */
  for (guint i = 1; i < geometry->n_bars; i++)
    g_assert_cmpfloat (geometry->bars[i].x, >,
                       geometry->bars[i - 1].x + geometry->bars[i - 1].width);

  /* The tick labels stand on the left: more room there than on the right. */
  g_assert_cmpfloat (geometry->plot.x, >, WIDTH - (geometry->plot.x + geometry->plot.width));

  rendered_clear (&rendered);
  likert_chart_style_clear (&style);
}

static void
test_histogram_geometry_rtl (void)
{
  LikertChartStyle style;
  Rendered ltr, rtl;
  const LikertHistogramGeometry *geometry = &rtl.geometry;

  likert_chart_style_init_default (&style, FALSE);
  render (&ltr, WIDTH, HEIGHT, &style, &sample);
  style.rtl = TRUE;
  render (&rtl, WIDTH, HEIGHT, &style, &sample);

  assert_geometry (geometry, &sample, WIDTH, HEIGHT);

  /* Right to left from the lowest value. */
  for (guint i = 1; i < geometry->n_bars; i++)
    g_assert_cmpfloat (geometry->bars[i].x + geometry->bars[i].width, <, geometry->bars[i - 1].x);

  /* The tick labels moved to the right side. */
  g_assert_cmpfloat (WIDTH - (geometry->plot.x + geometry->plot.width), >, geometry->plot.x);

  /* The mirror image: the same heights, the same plot size. */
  g_assert_cmpfloat_with_epsilon (geometry->plot.width, ltr.geometry.plot.width, 1e-6);
  for (guint i = 0; i < geometry->n_bars; i++)
    g_assert_cmpfloat_with_epsilon (geometry->bars[i].height, ltr.geometry.bars[i].height, 1e-6);

  rendered_clear (&ltr);
  rendered_clear (&rtl);
  likert_chart_style_clear (&style);
}

/* A caller's Pango context (as the widget passes) is used, updated and released. */
static void
test_histogram_context (void)
{
  LikertChartStyle style;
  Rendered rendered;
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();

  likert_chart_style_init_default (&style, TRUE);
  style.context = pango_font_map_create_context (font_map);
  pango_context_set_base_dir (style.context, PANGO_DIRECTION_RTL);
  style.rtl = TRUE;

  render (&rendered, WIDTH, HEIGHT, &style, &sample);
  assert_geometry (&rendered.geometry, &sample, WIDTH, HEIGHT);
  g_assert_cmpfloat (rendered.geometry.bars[0].x, >, rendered.geometry.bars[4].x);

  rendered_clear (&rendered);
  likert_chart_style_clear (&style);
  g_assert_null (style.context);
  g_assert_null (style.font);
}

static void
test_histogram_pixels (void)
{
  gboolean dark_modes[] = { FALSE, TRUE };

  for (guint d = 0; d < G_N_ELEMENTS (dark_modes); d++)
    {
      LikertChartStyle style;
      Rendered rendered;
      const LikertChartRect *tallest;
      const LikertChartRect *lowest;

      likert_chart_style_init_default (&style, dark_modes[d]);
      render (&rendered, WIDTH, HEIGHT, &style, &sample);
      tallest = &rendered.geometry.bars[MAX_INDEX];
      lowest = &rendered.geometry.bars[0];

      /* Bars are painted in the accent colour. */
      assert_pixel_is (rendered.surface, tallest->x + tallest->width / 2,
                       tallest->y + tallest->height / 2, &style.accent);
      assert_pixel_is (rendered.surface, lowest->x + lowest->width / 2,
                       lowest->y + lowest->height / 2, &style.accent);

      /* Far above the lowest bar, at the top of the plot, there is only background (the value
       * label sits just above the bar, the top grid line at 1500 of 1750 lower down). */
      assert_pixel_is (rendered.surface, lowest->x + lowest->width / 2,
                       rendered.geometry.plot.y + 1, &style.background);
      /* And in the corners. */
      assert_pixel_is (rendered.surface, WIDTH - 2, 1, &style.background);
      assert_pixel_is (rendered.surface, 1, HEIGHT - 2, &style.background);

      rendered_clear (&rendered);
      likert_chart_style_clear (&style);
    }
}

/* Something is drawn where the title goes, and in the label area below each bar. */
static gboolean
region_has_ink (cairo_surface_t  *surface,
                const LikertRgba *background,
                int               x0,
                int               y0,
                int               x1,
                int               y1)
{
  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (surface)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (surface)); x++)
      {
        guint red, green, blue, alpha;

        pixel_at (surface, x, y, &red, &green, &blue, &alpha);
        if (ABS ((int) red - (int) lround (background->red * 255)) > 8 ||
            ABS ((int) green - (int) lround (background->green * 255)) > 8 ||
            ABS ((int) blue - (int) lround (background->blue * 255)) > 8)
          return TRUE;
      }

  return FALSE;
}

static void
test_histogram_text_drawn (void)
{
  LikertHistogramData untitled = sample;
  LikertChartStyle style;
  Rendered rendered, plain;
  const LikertHistogramGeometry *geometry = &rendered.geometry;
  double title_band;

  likert_chart_style_init_default (&style, FALSE);
  render (&rendered, WIDTH, HEIGHT, &style, &sample);
  untitled.title = NULL;
  render (&plain, WIDTH, HEIGHT, &style, &untitled);

  /* The title takes a band at the top, measured from its text, and is drawn in it. */
  title_band = geometry->plot.y - plain.geometry.plot.y;
  g_assert_cmpfloat (title_band, >, 10);
  g_assert_cmpfloat (title_band, <, HEIGHT / 4.0);
  g_assert_true (region_has_ink (rendered.surface, &style.background,
                                 0, 0, WIDTH, (int) title_band));
  g_assert_false (region_has_ink (rendered.surface, &style.background,
                                  0, 0, WIDTH, 3));
  rendered_clear (&plain);

  for (guint i = 0; i < geometry->n_bars; i++)
    {
      const LikertChartRect *bar = &geometry->bars[i];
      int baseline = (int) (geometry->plot.y + geometry->plot.height);

      /* The value and label under the bar. */
      g_assert_true (region_has_ink (rendered.surface, &style.background,
                                     (int) bar->x, baseline + 2,
                                     (int) (bar->x + bar->width), HEIGHT));
      /* The count above it. */
      g_assert_true (region_has_ink (rendered.surface, &style.background,
                                     (int) bar->x, (int) bar->y - 30,
                                     (int) (bar->x + bar->width), (int) bar->y - 1));
    }

  rendered_clear (&rendered);
  likert_chart_style_clear (&style);
}

/* Percent mode: the same bars, the axis in shares of the answers. */
static void
test_histogram_percent (void)
{
  LikertHistogramData percent = sample;
  LikertChartStyle style;
  Rendered counted, shared;
  LikertRgba grid;
  const LikertHistogramGeometry *geometry = &shared.geometry;
  double baseline, x_between, y_ten, y_five_hundred;
  g_autofree char *text = NULL;

  percent.percent = TRUE;
  likert_chart_style_init_default (&style, FALSE);
  render (&counted, WIDTH, HEIGHT, &style, &sample);
  render (&shared, WIDTH, HEIGHT, &style, &percent);

  assert_geometry (geometry, &percent, WIDTH, HEIGHT);
  /* The tick labels differ in width ("30 %" against "1,500"), the bars not in shape. */
  for (guint i = 0; i < geometry->n_bars; i++)
    g_assert_cmpfloat_with_epsilon (geometry->bars[i].height / geometry->plot.height,
                                    counted.geometry.bars[i].height / counted.geometry.plot.height,
                                    1e-6);

  /* Grid lines at shares (10 % of 5263 answers, the largest bar 33.25 %), not at counts (500). */
  grid = style.muted;
  grid.alpha *= 0.3;
  grid.alpha = lround (grid.alpha * 255) / 255.0;
  grid = chart_test_over (&grid, &style.background);
  baseline = geometry->plot.y + geometry->plot.height;
  x_between = (geometry->bars[0].x + geometry->bars[0].width + geometry->bars[1].x) / 2;
  y_ten = baseline - 10.0 / (100.0 * 1750 / 5263) * geometry->plot.height;
  y_five_hundred = baseline - 500.0 / 1750 * geometry->plot.height;
  {
    guint red, green, blue, alpha;

    chart_test_pixel (shared.surface, (int) x_between, (int) floor (y_ten), &red, &green, &blue,
                      &alpha);
    g_assert_cmpint (ABS ((int) red - (int) lround (grid.red * 255)), <=, 2);
    chart_test_pixel (counted.surface, (int) x_between,
                      (int) floor (counted.geometry.plot.y + counted.geometry.plot.height -
                                   500.0 / 1750 * counted.geometry.plot.height),
                      &red, &green, &blue, &alpha);
    g_assert_cmpint (ABS ((int) red - (int) lround (grid.red * 255)), <=, 2);
    chart_test_pixel (shared.surface, (int) x_between, (int) floor (y_five_hundred), &red, &green,
                      &blue, &alpha);
    g_assert_cmpint (red, ==, 255);
  }

  /* The share first in the description too. */
  text = likert_histogram_describe (&percent);
  g_assert_nonnull (strstr (text, "4 (Somewhat satisfied): 33.3 % (1750)."));

  rendered_clear (&counted);
  rendered_clear (&shared);
  likert_chart_style_clear (&style);
}

static void
test_histogram_describe (void)
{
  g_autofree char *text = likert_histogram_describe (&sample);

  g_assert_nonnull (strstr (text, sample.title));
  g_assert_nonnull (strstr (text, "5263 answers"));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, counts[i]);

      g_assert_nonnull (strstr (text, count));
      g_assert_nonnull (strstr (text, labels[i]));
    }
  /* 1750 / 5263 = 33.25 % */
  g_assert_nonnull (strstr (text, "4 (Somewhat satisfied): 1750 (33.3 %)."));
  g_assert_nonnull (strstr (text, "1 (Extremely dissatisfied): 400 (7.6 %)."));
}

static void
test_histogram_describe_plain (void)
{
  const guint64 one[] = { 0, 1, 0 };
  const LikertHistogramData data = { NULL, 1, 3, one, NULL };
  g_autofree char *text = likert_histogram_describe (&data);

  /* Singular, no title, no labels. */
  g_assert_cmpstr (text, ==, "Histogram: 1 answer. 1: 0 (0.0 %). 2: 1 (100.0 %). 3: 0 (0.0 %).");
}

static void
test_histogram_no_answers (void)
{
  const guint64 zeros[] = { 0, 0, 0, 0, 0 };
  LikertHistogramData data = sample;
  LikertChartStyle style;
  Rendered rendered;
  g_autofree char *text = NULL;

  data.counts = zeros;
  likert_chart_style_init_default (&style, FALSE);
  render (&rendered, WIDTH, HEIGHT, &style, &data);

  /* The bars are all flat on the baseline. */
  g_assert_cmpuint (rendered.geometry.n_bars, ==, 5);
  for (guint i = 0; i < rendered.geometry.n_bars; i++)
    {
      g_assert_cmpfloat (rendered.geometry.bars[i].height, ==, 0);
      g_assert_cmpfloat (rendered.geometry.bars[i].y, ==,
                         rendered.geometry.plot.y + rendered.geometry.plot.height);
    }

  /* "No answers" in the middle of the plot. */
  g_assert_true (region_has_ink (rendered.surface, &style.background,
                                 WIDTH / 2 - 30, (int) rendered.geometry.plot.y,
                                 WIDTH / 2 + 30,
                                 (int) (rendered.geometry.plot.y + rendered.geometry.plot.height)));

  text = likert_histogram_describe (&data);
  g_assert_cmpstr (text, ==, "Histogram of Overall, how satisfied are you about the website?: "
                             "no answers.");

  rendered_clear (&rendered);
  likert_chart_style_clear (&style);
}

static void
test_histogram_tiny (void)
{
  const int sizes[][2] = { { 0, 0 }, { 1, 1 }, { 10, 400 }, { 600, 49 }, { 49, 49 }, { 50, 50 },
                           { 80, 60 } };
  LikertChartStyle style;

  likert_chart_style_init_default (&style, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int width = sizes[i][0];
      int height = sizes[i][1];
      Rendered rendered;

      render (&rendered, width, height, &style, &sample);

      if (width < 50 || height < 50)
        {
          /* Only the background. */
          g_assert_cmpuint (rendered.geometry.n_bars, ==, 0);
          if (width > 0 && height > 0)
            {
              g_assert_false (region_has_ink (rendered.surface, &style.background,
                                              0, 0, width, height));
              assert_pixel_is (rendered.surface, width / 2, height / 2, &style.background);
            }
        }
      else if (rendered.geometry.n_bars > 0)
        {
          assert_geometry (&rendered.geometry, &sample, width, height);
        }

      rendered_clear (&rendered);
    }

  likert_chart_style_clear (&style);
}

/* Eleven bars in a narrow chart still fit their slots. */
static void
test_histogram_eleven (void)
{
  const guint64 many[] = { 5, 0, 3, 9, 12, 40, 33, 80, 120, 95, 60 };
  const LikertHistogramData data = { "Recommend", 0, 10, many, NULL };
  const int widths[] = { 200, 360, 1200 };
  LikertChartStyle style;

  likert_chart_style_init_default (&style, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      Rendered rendered;

      render (&rendered, widths[i], 300, &style, &data);
      assert_geometry (&rendered.geometry, &data, widths[i], 300);
      g_assert_cmpfloat (rendered.geometry.bars[1].height, ==, 0);
      rendered_clear (&rendered);
    }

  likert_chart_style_clear (&style);
}

/* Labels: whole words only */

#define LARGE_FONT "Sans 15"   /* the default's 10 at 150 %, as large text makes it */
#define NBSP "\u00a0"

static const char * const labels_ar[] = {
  "غير راضٍ على الإطلاق", "غير راضٍ إلى حد ما", "لا راضٍ ولا غير راضٍ", "راضٍ إلى حد ما",
  "راضٍ تمامًا",
};

/* The default style in font, right to left (with a context of that direction, as the widget
 * passes) when rtl. */
static GPtrArray *
render_recorded (Rendered                  *out,
                 int                        width,
                 int                        height,
                 const LikertChartStyle    *style,
                 const LikertHistogramData *data)
{
  chart_test_record_start ();
  render (out, width, height, style, data);
  return chart_test_record_stop ();
}

static void
assert_whole_words (GPtrArray                 *lines,
                    const LikertHistogramData *data)
{
  const char *texts[LIKERT_HISTOGRAM_MAX_BARS + 2] = { data->title, "No answers" };
  guint n_bars = (guint) (data->scale_max - data->scale_min + 1);

  for (guint i = 0; i < n_bars; i++)
    texts[2 + i] = data->labels != NULL ? data->labels[i] : NULL;
  chart_test_assert_whole_words (lines, texts, 2 + n_bars);
}

static double
baseline_of (const LikertHistogramGeometry *geometry)
{
  return geometry->plot.y + geometry->plot.height;
}

/* The line drawn under the plot that reads text exactly, or NULL. */
static const ChartTestLine *
line_under (GPtrArray                     *lines,
            const LikertHistogramGeometry *geometry,
            const char                    *text)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const ChartTestLine *line = lines->pdata[i];

      if (line->extents.y >= baseline_of (geometry) && g_strcmp0 (line->text, text) == 0)
        return line;
    }

  return NULL;
}

/* What is drawn under the bars: the value under each, then the key that names them, all of it
 * whole words; returns the key's words ("1 Extremely dissatisfied · 2 …"). */
static char *
assert_key (GPtrArray                     *lines,
            const LikertHistogramGeometry *geometry,
            const LikertHistogramData     *data,
            gboolean                       rtl)
{
  guint n_bars = (guint) (data->scale_max - data->scale_min + 1);
  double numbers_bottom = 0;
  guint key_start = lines->len;
  g_autofree char *key = NULL;

  assert_whole_words (lines, data);
  g_assert_cmpuint (geometry->n_bars, ==, n_bars);

  /* Each value under its bar, alone. */
  for (guint i = 0; i < n_bars; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", data->scale_min + (int) i);
      const ChartTestLine *line = line_under (lines, geometry, number);
      const LikertChartRect *bar = &geometry->bars[i];

      if (line == NULL)
        g_error ("No “%s” under the bars", number);
      g_assert_cmpfloat (fabs ((line->extents.x + line->extents.width / 2) -
                               (bar->x + bar->width / 2)), <, bar->width / 2);
      numbers_bottom = MAX (numbers_bottom, line->extents.y + line->extents.height);
    }

  /* Below them the key, and nothing else: no label stands under a bar. */
  for (guint i = 0; i < lines->len; i++)
    {
      const ChartTestLine *line = lines->pdata[i];

      if (line->extents.y < baseline_of (geometry))
        continue;
      if (line->extents.y < numbers_bottom)
        {
          char *end;

          g_ascii_strtoll (line->text, &end, 10);
          g_assert_cmpstr (end, ==, "");
        }
      else
        {
          key_start = MIN (key_start, i);
        }
    }
  g_assert_cmpuint (key_start, <, lines->len);

  /* It names every value with its whole label, in order. */
  key = chart_test_lines_join (lines, key_start, lines->len - key_start);
  {
    const char *at = key;

    for (guint i = 0; i < n_bars; i++)
      {
        g_autofree char *item = g_strdup_printf ("%d %s", data->scale_min + (int) i,
                                                 data->labels[i]);
        const char *found = strstr (at, item);

        if (found == NULL)
          g_error ("“%s” is not in the key “%s”", item, key);
        at = found + strlen (item);
      }
  }

  /* The values read from the start side, as the bars stand. */
  g_assert_true ((geometry->bars[0].x < geometry->bars[1].x) != rtl);

  return g_steal_pointer (&key);
}

/* Under narrow bars the scale's long labels would break in words ("Extr-eme-ly", "Neither
 * sat…"): the values stand there alone, and a key below names them, each item whole on its line
 * when the chart is tall enough. */
static void
test_histogram_key_items (void)
{
  for (guint d = 0; d < 2; d++)
    {
      gboolean rtl = d == 1;
      LikertChartStyle style;
      Rendered rendered;
      g_autoptr(GPtrArray) lines = NULL;
      g_autofree char *key = NULL;
      g_autofree char *description = NULL;

      chart_test_style_init (&style, LARGE_FONT, rtl);
      lines = render_recorded (&rendered, 420, 700, &style, &sample);
      key = assert_key (lines, &rendered.geometry, &sample, rtl);

      /* Each item a line of its own layout: one item, whole. */
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *item = g_strdup_printf ("%u" NBSP "%s", i + 1, labels[i]);

          if (line_under (lines, &rendered.geometry, item) == NULL)
            {
              g_autofree char *all = chart_test_lines_to_string (lines);

              g_error ("“%s” is not a line of its own: %s", item, all);
            }
        }

      /* The description still names every value with its label. */
      description = likert_histogram_describe (&sample);
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *named = g_strdup_printf ("%u (%s)", i + 1, labels[i]);

          g_assert_nonnull (strstr (description, named));
        }

      rendered_clear (&rendered);
      likert_chart_style_clear (&style);
    }
}

/* Items sharing a line of the key follow the bars: the first value at the start side. */
static void
test_histogram_key_mirrored (void)
{
  for (guint d = 0; d < 2; d++)
    {
      gboolean rtl = d == 1;
      LikertChartStyle style;
      Rendered rendered;
      g_autoptr(GPtrArray) lines = NULL;
      g_autofree char *key = NULL;
      guint pairs = 0;

      chart_test_style_init (&style, LARGE_FONT, rtl);
      lines = render_recorded (&rendered, 560, 600, &style, &sample);
      key = assert_key (lines, &rendered.geometry, &sample, rtl);

      for (guint i = 0; i + 1 < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *item = g_strdup_printf ("%u" NBSP "%s", i + 1, labels[i]);
          g_autofree char *next = g_strdup_printf ("%u" NBSP "%s", i + 2, labels[i + 1]);
          const ChartTestLine *a = line_under (lines, &rendered.geometry, item);
          const ChartTestLine *b = line_under (lines, &rendered.geometry, next);

          if (a == NULL || b == NULL || a->extents.y != b->extents.y)
            continue;
          pairs++;
          g_assert_true ((a->extents.x < b->extents.x) != rtl);
        }
      /* "1 Extremely dissatisfied · 2 Somewhat dissatisfied" fit a line of 560 − 2 pads. */
      g_assert_cmpuint (pairs, >, 0);

      rendered_clear (&rendered);
      likert_chart_style_clear (&style);
    }
}

/* The size the window gives the chart with large text: the key as running text (in the small
 * font), still whole words, every label whole. */
static void
test_histogram_key_text (void)
{
  for (guint d = 0; d < 2; d++)
    {
      gboolean rtl = d == 1;
      LikertChartStyle style;
      Rendered rendered;
      g_autoptr(GPtrArray) lines = NULL;
      g_autofree char *key = NULL;

      chart_test_style_init (&style, LARGE_FONT, rtl);
      lines = render_recorded (&rendered, 360, 340, &style, &sample);
      key = assert_key (lines, &rendered.geometry, &sample, rtl);
      g_assert_nonnull (strstr (key, "1 Extremely dissatisfied · 2 Somewhat dissatisfied · 3"));
      g_assert_cmpfloat (rendered.geometry.plot.height, >, 50);

      rendered_clear (&rendered);
      likert_chart_style_clear (&style);
    }
}

/* With room, each label stands whole under its bar, as it always did, and there is no key. */
static void
test_histogram_labels_under (void)
{
  const struct { const char *font; int width; int height; } cases[] = {
    { "Sans 10", WIDTH, HEIGHT }, { LARGE_FONT, 900, 420 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint d = 0; d < 2; d++)
      {
        gboolean rtl = d == 1;
        LikertChartStyle style;
        Rendered rendered;
        g_autoptr(GPtrArray) lines = NULL;
        const LikertHistogramGeometry *geometry = &rendered.geometry;
        double slot;

        chart_test_style_init (&style, cases[c].font, rtl);
        lines = render_recorded (&rendered, cases[c].width, cases[c].height, &style, &sample);
        assert_whole_words (lines, &sample);
        slot = geometry->plot.width / G_N_ELEMENTS (labels);

        for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
          {
            const LikertChartRect *bar = &geometry->bars[i];
            double centre = bar->x + bar->width / 2;
            g_autoptr(GString) under = g_string_new (NULL);

            /* The lines centred under the bar, below its value. */
            for (guint l = 0; l < lines->len; l++)
              {
                const ChartTestLine *line = lines->pdata[l];
                double line_centre = line->extents.x + line->extents.width / 2;

                if (line->extents.y > baseline_of (geometry) &&
                    fabs (line_centre - centre) < slot / 2 &&
                    line->extents.x >= centre - slot / 2 - 1 &&
                    line->extents.x + line->extents.width <= centre + slot / 2 + 1)
                  {
                    g_autofree char *text = g_strstrip (g_strdup (line->text));

                    g_string_append_printf (under, "%s%s", under->len > 0 ? " " : "", text);
                  }
              }

            {
              g_autofree char *expected = g_strdup_printf ("%u %s", i + 1, labels[i]);

              g_assert_cmpstr (under->str, ==, expected);
            }
          }

        /* No key. */
        for (guint l = 0; l < lines->len; l++)
          g_assert_null (strstr (((ChartTestLine *) lines->pdata[l])->text, NBSP));

        rendered_clear (&rendered);
        likert_chart_style_clear (&style);
      }
}

/* At any size, in either direction, in either script: never a word broken or cut. */
static void
test_histogram_whole_words (void)
{
  LikertHistogramData arabic = sample;

  arabic.labels = labels_ar;
  arabic.title = "بشكل عام، ما مدى رضاك عن الموقع؟";

  for (guint d = 0; d < 2; d++)
    for (guint f = 0; f < 2; f++)
      for (int width = 160; width <= 1000; width += 40)
        for (int height = 200; height <= 600; height += 100)
          {
            gboolean rtl = d == 1;
            const LikertHistogramData *data = rtl ? &arabic : &sample;
            LikertChartStyle style;
            Rendered rendered;
            g_autoptr(GPtrArray) lines = NULL;

            chart_test_style_init (&style, f == 0 ? "Sans 10" : LARGE_FONT, rtl);
            lines = render_recorded (&rendered, width, height, &style, data);
            assert_whole_words (lines, data);
            if (rendered.geometry.n_bars > 0)
              assert_geometry (&rendered.geometry, data, width, height);

            rendered_clear (&rendered);
            likert_chart_style_clear (&style);
          }
}

static char *
read_head (const char *path,
           gsize       n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, n);

  return g_strndup (contents, n);
}

static void
test_histogram_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likert-chart-XXXXXX", &error);
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *bmp = NULL;
  g_autofree char *head = NULL;
  LikertChartStyle style;
  cairo_surface_t *loaded;

  g_assert_no_error (error);
  likert_chart_style_init_default (&style, FALSE);

  png = g_build_filename (dir, "chart.png", NULL);
  g_assert_true (likert_chart_export_histogram (png, WIDTH, HEIGHT, 2.0, &style, &sample, &error));
  g_assert_no_error (error);
  head = read_head (png, 4);
  g_assert_cmpmem (head, 4, "\x89PNG", 4);
  g_clear_pointer (&head, g_free);

  /* At twice the pixels. */
  loaded = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (loaded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (loaded), ==, 2 * WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (loaded), ==, 2 * HEIGHT);
  cairo_surface_destroy (loaded);

  /* Extensions in any case; a transparent background becomes white in documents. */
  style.background.alpha = 0;
  svg = g_build_filename (dir, "chart.SVG", NULL);
  g_assert_true (likert_chart_export_histogram (svg, WIDTH, HEIGHT, 1.0, &style, &sample, &error));
  g_assert_no_error (error);
  head = read_head (svg, 5);
  g_assert_true (g_str_has_prefix (head, "<?xml") || g_str_has_prefix (head, "<svg"));
  g_clear_pointer (&head, g_free);

  pdf = g_build_filename (dir, "chart.Pdf", NULL);
  g_assert_true (likert_chart_export_histogram (pdf, WIDTH, HEIGHT, 1.0, &style, &sample, &error));
  g_assert_no_error (error);
  head = read_head (pdf, 4);
  g_assert_cmpstr (head, ==, "%PDF");
  g_clear_pointer (&head, g_free);

  /* An unknown extension writes nothing. */
  bmp = g_build_filename (dir, "chart.bmp", NULL);
  g_assert_false (likert_chart_export_histogram (bmp, WIDTH, HEIGHT, 1.0, &style, &sample, &error));
  g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "chart.bmp"));
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (g_remove (png), ==, 0);
  g_assert_cmpint (g_remove (svg), ==, 0);
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  likert_chart_style_clear (&style);
}

static void
test_histogram_export_write_error (void)
{
  const char * const names[] = { "chart.png", "chart.svg", "chart.pdf" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likert-chart-XXXXXX", &error);
  LikertChartStyle style;

  g_assert_no_error (error);
  likert_chart_style_init_default (&style, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, "missing", names[i], NULL);

      g_assert_false (likert_chart_export_histogram (path, WIDTH, HEIGHT, 1.0, &style, &sample,
                                                     &error));
      g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
    }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
  likert_chart_style_clear (&style);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/histogram/geometry-ltr", test_histogram_geometry_ltr);
  g_test_add_func ("/histogram/geometry-rtl", test_histogram_geometry_rtl);
  g_test_add_func ("/histogram/context", test_histogram_context);
  g_test_add_func ("/histogram/pixels", test_histogram_pixels);
  g_test_add_func ("/histogram/text-drawn", test_histogram_text_drawn);
  g_test_add_func ("/histogram/percent", test_histogram_percent);
  g_test_add_func ("/histogram/describe", test_histogram_describe);
  g_test_add_func ("/histogram/describe-plain", test_histogram_describe_plain);
  g_test_add_func ("/histogram/no-answers", test_histogram_no_answers);
  g_test_add_func ("/histogram/tiny", test_histogram_tiny);
  g_test_add_func ("/histogram/eleven", test_histogram_eleven);
  g_test_add_func ("/histogram/key-items", test_histogram_key_items);
  g_test_add_func ("/histogram/key-mirrored", test_histogram_key_mirrored);
  g_test_add_func ("/histogram/key-text", test_histogram_key_text);
  g_test_add_func ("/histogram/labels-under", test_histogram_labels_under);
  g_test_add_func ("/histogram/whole-words", test_histogram_whole_words);
  g_test_add_func ("/histogram/export", test_histogram_export);
  g_test_add_func ("/histogram/export-write-error", test_histogram_export_write_error);

  status = g_test_run ();

  /* Drop Pango's and cairo's font caches, so that a leak checker sees only real leaks. */
  chart_test_reset_caches ();

  return status;
}
