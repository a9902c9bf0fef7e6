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
  g_test_add_func ("/histogram/export", test_histogram_export);
  g_test_add_func ("/histogram/export-write-error", test_histogram_export_write_error);

  status = g_test_run ();

  /* Drop Pango's and cairo's font caches, so that a leak checker sees only real leaks. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();

  return status;
}
