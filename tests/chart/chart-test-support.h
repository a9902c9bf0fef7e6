/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the chart tests share: image surfaces, pixel checks, rectangles and export checks. */

#include <cairo.h>
#include <glib.h>

#include "likert-chart-export.h"
#include "likert-chart-style.h"

G_BEGIN_DECLS

/* An ARGB32 surface and a cairo_t on it (destroy both with chart_test_canvas_clear). */
typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
} ChartTestCanvas;

void     chart_test_canvas_init      (ChartTestCanvas        *canvas,
                                      int                     width,
                                      int                     height);
/* Flushes and checks cairo's status; call after rendering, before reading pixels. */
void     chart_test_canvas_finish    (ChartTestCanvas        *canvas);
void     chart_test_canvas_clear     (ChartTestCanvas        *canvas);

/* The colour at (x, y) un-premultiplied, channels 0–255. */
void     chart_test_pixel            (cairo_surface_t        *surface,
                                      int                     x,
                                      int                     y,
                                      guint                  *red,
                                      guint                  *green,
                                      guint                  *blue,
                                      guint                  *alpha);
/* The pixel at the centre of rect is color, within 1 per channel. */
void     chart_test_assert_centre_is (cairo_surface_t        *surface,
                                      const LikertChartRect  *rect,
                                      const LikertRgba       *color);
void     chart_test_assert_pixel_is  (cairo_surface_t        *surface,
                                      double                  x,
                                      double                  y,
                                      const LikertRgba       *color);
/* Anything differs from background by more than 8 in the box. */
gboolean chart_test_has_ink          (cairo_surface_t        *surface,
                                      const LikertRgba       *background,
                                      double                  x0,
                                      double                  y0,
                                      double                  x1,
                                      double                  y1);
/* color composited over an opaque background. */
LikertRgba chart_test_over           (const LikertRgba       *color,
                                      const LikertRgba       *background);

void     chart_test_assert_inside    (const LikertChartRect  *inner,
                                      const LikertChartRect  *outer);
gboolean chart_test_rects_overlap    (const LikertChartRect  *a,
                                      const LikertChartRect  *b);

/* Exports with render to PNG, SVG and PDF in a temporary folder and checks each reads back:
 * cairo loads the PNG (at scale 2), the SVG parses as XML with an <svg> root, pdftoppm
 * renders the PDF (skipped when pdftoppm is missing). */
void     chart_test_check_exports    (LikertChartRenderFunc   render,
                                      gconstpointer           data,
                                      double                  width,
                                      double                  height);

/* Text as the charts draw it: each line of each layout, through the painter's recorder. */
typedef struct
{
  char            *text;        /* without the invisible marks (isolates, joiners) */
  LikertChartRect  extents;
  gboolean         ellipsized;  /* by Pango, anywhere in a word */
} ChartTestLine;

/* Records the lines drawn from now on into a new array of ChartTestLine, until stopped. */
void       chart_test_record_start   (void);
GPtrArray *chart_test_record_stop    (void);
/* Asserts that no line was ellipsized by Pango and that each of its words is a whole word of one
 * of texts: cut at a word boundary ("Neither…") at most, never "Extr", "eme" or "Neither sat…".
 * Punctuation around words does not count; words without letters (numbers, "·", "%") pass. */
void       chart_test_assert_whole_words (GPtrArray          *lines,
                                          const char * const *texts,
                                          guint               n_texts);
/* The lines, each as drawn, joined with spaces (for error messages). */
char      *chart_test_lines_to_string (GPtrArray          *lines);
/* The words of lines first … first + n − 1 (to the last line at most), as one string with single
 * spaces between them: what a reader takes in, wherever the lines break. */
char      *chart_test_lines_join     (GPtrArray          *lines,
                                      guint               first,
                                      guint               n);

/* Drops Pango's and cairo's caches so that a leak checker sees only real leaks. */
void     chart_test_reset_caches     (void);

/* The default style with font (a Pango font description), right to left when rtl (with a
 * Pango context of its own, as the window gives one). */
void     chart_test_style_init       (LikertChartStyle       *style,
                                      const char             *font,
                                      gboolean                rtl);

/* Every size from 160 × 160 to 960 × 560 (by 80 × 100), in the normal and a large font (Sans
 * 10 and 15), left to right and right to left: each gets a style for it (cleared after). */
typedef void (*ChartTestEachFunc) (const LikertChartStyle *style,
                                   int                     width,
                                   int                     height,
                                   gpointer                user_data);
void     chart_test_sweep            (ChartTestEachFunc       each,
                                      gpointer                user_data);
/* The same sweep of render drawing data, recorded: chart_test_assert_whole_words () at each. */
void     chart_test_sweep_whole_words (LikertChartRenderFunc  render,
                                       gconstpointer          data,
                                       const char * const    *texts,
                                       guint                  n_texts);

G_END_DECLS
