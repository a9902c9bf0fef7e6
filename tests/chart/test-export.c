/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "chart-test-support.h"
#include "likert-chart-export.h"
#include "likert-histogram.h"

#define WIDTH  400
#define HEIGHT 300

static const guint64 counts[] = { 10, 20, 30, 25, 15 };
static const LikertHistogramData histogram = { "Rating", 1, 5, counts, NULL, FALSE };

/* A renderer that fills the chart with the accent over the background, for exact checks. */
static void
draw_square (cairo_t                *cr,
             double                  width,
             double                  height,
             const LikertChartStyle *style,
             gconstpointer           data)
{
  const double *inset = data;

  cairo_set_source_rgba (cr, style->background.red, style->background.green,
                         style->background.blue, style->background.alpha);
  cairo_paint (cr);
  cairo_set_source_rgba (cr, style->accent.red, style->accent.green, style->accent.blue,
                         style->accent.alpha);
  cairo_rectangle (cr, *inset, *inset, width - 2 * *inset, height - 2 * *inset);
  cairo_fill (cr);
}

static void
test_export_formats (void)
{
  const double inset = 10;

  chart_test_check_exports (draw_square, &inset, WIDTH, HEIGHT);
  chart_test_check_exports (likert_histogram_draw, &histogram, WIDTH, HEIGHT);
}

/* The image for the clipboard: the render function's drawing at the scale asked. */
static void
test_export_image (void)
{
  const double inset = 10;
  LikertChartStyle style;
  cairo_surface_t *image;

  likert_chart_style_init_default (&style, TRUE);
  image = likert_chart_render_image (WIDTH, HEIGHT, 2.0, &style, draw_square, &inset);

  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2 * WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 2 * HEIGHT);
  /* 10 units in: 20 pixels. */
  chart_test_assert_pixel_is (image, 19, 19, &style.background);
  chart_test_assert_pixel_is (image, 20, 20, &style.accent);
  chart_test_assert_pixel_is (image, 2 * WIDTH - 21, 2 * HEIGHT - 21, &style.accent);
  chart_test_assert_pixel_is (image, 2 * WIDTH - 20, 2 * HEIGHT - 20, &style.background);

  cairo_surface_destroy (image);
  likert_chart_style_clear (&style);
}

typedef struct
{
  const guchar *data;
  gsize         length;
  gsize         offset;
} Reader;

static cairo_status_t
read_cb (void          *closure,
         unsigned char *data,
         unsigned int   length)
{
  Reader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;

  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_export_png_bytes (void)
{
  const double inset = 5;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  LikertChartStyle style;
  cairo_surface_t *image;
  Reader reader = { 0 };

  likert_chart_style_init_default (&style, FALSE);
  /* Transparent stays transparent in a PNG. */
  style.background.alpha = 0;
  bytes = likert_chart_render_png (WIDTH, HEIGHT, 1.0, &style, draw_square, &inset, &error);
  g_assert_no_error (error);

  reader.data = g_bytes_get_data (bytes, &reader.length);
  image = cairo_image_surface_create_from_png_stream (read_cb, &reader);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, WIDTH);
  chart_test_assert_pixel_is (image, 1, 1, &(LikertRgba) { 0, 0, 0, 0 });
  chart_test_assert_pixel_is (image, WIDTH / 2, HEIGHT / 2, &style.accent);

  cairo_surface_destroy (image);
  likert_chart_style_clear (&style);
}

/* A document gets a white background when the style has none. */
static void
test_export_pdf_background (void)
{
  const double inset = 20;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likert-chart-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *page = g_build_filename (dir, "page.png", NULL);
  const char *argv[] = { NULL, "-png", "-r", "72", "-singlefile", pdf, prefix, NULL };
  LikertChartStyle style;
  cairo_surface_t *image;
  int wait_status;

  g_assert_no_error (error);
  likert_chart_style_init_default (&style, FALSE);
  style.background.alpha = 0;
  g_assert_true (likert_chart_export (pdf, WIDTH, HEIGHT, 1.0, &style, draw_square, &inset,
                                      &error));
  g_assert_no_error (error);

  if (pdftoppm == NULL)
    {
      g_test_skip ("pdftoppm is not installed");
    }
  else
    {
      argv[0] = pdftoppm;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (wait_status, &error);
      g_assert_no_error (error);

      image = cairo_image_surface_create_from_png (page);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      chart_test_assert_pixel_is (image, 5, 5, &(LikertRgba) { 1, 1, 1, 1 });
      {
        guint red, green, blue, alpha;

        /* poppler's colour conversion may move a channel by a step or two. */
        chart_test_pixel (image, WIDTH / 2, HEIGHT / 2, &red, &green, &blue, &alpha);
        g_assert_cmpint (ABS ((int) red - (int) lround (style.accent.red * 255)), <=, 3);
        g_assert_cmpint (ABS ((int) green - (int) lround (style.accent.green * 255)), <=, 3);
        g_assert_cmpint (ABS ((int) blue - (int) lround (style.accent.blue * 255)), <=, 3);
      }
      cairo_surface_destroy (image);
      g_assert_cmpint (g_remove (page), ==, 0);
    }

  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  likert_chart_style_clear (&style);
}

static void
test_export_errors (void)
{
  const double inset = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likert-chart-XXXXXX", &error);
  g_autofree char *bmp = g_build_filename (dir, "chart.bmp", NULL);
  LikertChartStyle style;
  const char * const names[] = { "chart.png", "chart.svg", "chart.pdf" };

  g_assert_no_error (error);
  likert_chart_style_init_default (&style, FALSE);

  g_assert_false (likert_chart_export (bmp, WIDTH, HEIGHT, 1.0, &style, draw_square, &inset,
                                       &error));
  g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_FORMAT);
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, "missing", names[i], NULL);

      g_assert_false (likert_chart_export (path, WIDTH, HEIGHT, 1.0, &style, draw_square, &inset,
                                           &error));
      g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_WRITE);
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

  g_test_add_func ("/export/formats", test_export_formats);
  g_test_add_func ("/export/image", test_export_image);
  g_test_add_func ("/export/png-bytes", test_export_png_bytes);
  g_test_add_func ("/export/pdf-background", test_export_pdf_background);
  g_test_add_func ("/export/errors", test_export_errors);

  status = g_test_run ();
  chart_test_reset_caches ();

  return status;
}
