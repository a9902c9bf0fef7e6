/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Private to src/chart: what every renderer shares — fonts measured from the style, text
 * layouts, number formats, colours, the title, legends and value axes. */

#include <cairo.h>
#include <pango/pangocairo.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* Below this size (either side) a chart draws only its background. */
#define LIKERT_CHART_MIN_SIZE 50.0

/* Sizes in units of the body font's line height ("em"), so charts follow the font. */
#define LIKERT_CHART_PAD_EM   0.75  /* around the chart and below the title */
#define LIKERT_CHART_GAP_EM   0.25  /* between a mark and its labels */
#define LIKERT_CHART_GRID_ALPHA 0.3 /* grid lines: this much of the muted colour */
/* A chart of rows drops its title before it shows fewer rows than this. */
#define LIKERT_CHART_WANTED_ROWS 3

typedef struct
{
  cairo_t                *cr;
  const LikertChartStyle *style;
  PangoContext           *context;
  PangoFontDescription   *font;
  PangoFontDescription   *bold_font;
  PangoFontDescription   *title_font;
  PangoFontDescription   *small_font;
  double                  width;      /* of the chart, to mirror x in RTL */
  double                  em;         /* the body font's line height */
  double                  pad;
  double                  gap;
  gboolean                rtl;
  gboolean                dark;
  LikertRgba              surface;    /* what is behind the chart: the background, or a guess
                                       * from the theme when the background is transparent */
} LikertChartPainter;

void         likert_chart_painter_init   (LikertChartPainter         *painter,
                                          cairo_t                    *cr,
                                          const LikertChartStyle     *style,
                                          double                      width);
void         likert_chart_painter_clear  (LikertChartPainter         *painter);

/* x (or a box from x, width wide) measured from the start side, in physical units. */
double       likert_chart_painter_x      (const LikertChartPainter   *painter,
                                          double                      x,
                                          double                      width);

PangoLayout *likert_chart_painter_layout (LikertChartPainter         *painter,
                                          const PangoFontDescription *font,
                                          const char                 *text);
/* text in the painter's font: its first bold_length bytes (a value) bold, the rest (its
 * interval) in the muted colour. */
PangoLayout *likert_chart_painter_value_layout (LikertChartPainter *painter,
                                                const char         *text,
                                                gsize               bold_length);
/* Wrapped to width at word boundaries only, in at most max_lines lines; alignment as for
 * likert_chart_layout_align. Returns whether all of the text fits so. When not, the text is cut
 * after the last whole word that fits, and "…" marks the cut ("…" alone when not even the first
 * word fits): a word is never broken. The layout keeps its whole text for another call. */
gboolean     likert_chart_layout_set_box (PangoLayout                *layout,
                                          double                      width,
                                          int                         max_lines,
                                          PangoAlignment              alignment);
/* Physical alignment: PANGO_ALIGN_LEFT puts the lines at the left whatever the direction of
 * the text and of the context (Pango swaps left and right for text against the context). */
void         likert_chart_layout_align   (PangoLayout                *layout,
                                          PangoAlignment              alignment);
int          likert_chart_layout_width   (PangoLayout                *layout);
int          likert_chart_layout_height  (PangoLayout                *layout);
int          likert_chart_layout_lines   (PangoLayout                *layout);
/* Draws layout with its top left at (x, y). */
void         likert_chart_painter_show   (LikertChartPainter         *painter,
                                          PangoLayout                *layout,
                                          const LikertRgba           *color,
                                          double                      x,
                                          double                      y);
/* The title across the chart, up to two lines at the start side; NULL without a title. */
PangoLayout *likert_chart_painter_title  (LikertChartPainter         *painter,
                                          const char                 *title,
                                          double                      width);
/* A muted message centred in the box ("No answers"). */
void         likert_chart_painter_message (LikertChartPainter        *painter,
                                           const char                *message,
                                           const LikertChartRect     *box);

void         likert_chart_set_source     (cairo_t                    *cr,
                                          const LikertRgba           *color);
void         likert_chart_set_source_alpha (cairo_t                  *cr,
                                            const LikertRgba         *color,
                                            double                    factor);
void         likert_chart_draw_background (cairo_t                  *cr,
                                           const LikertChartStyle    *style,
                                           double                     width,
                                           double                     height);
/* Lines of 1 unit on whole pixels. */
void         likert_chart_hline          (cairo_t                    *cr,
                                          double                      x0,
                                          double                      x1,
                                          double                      y);
void         likert_chart_vline          (cairo_t                    *cr,
                                          double                      x,
                                          double                      y0,
                                          double                      y1);
/* A rectangle with all corners rounded by radius (clamped to the rectangle). */
void         likert_chart_rounded_rect   (cairo_t                    *cr,
                                          const LikertChartRect      *rect,
                                          double                      radius);

/* Colours */
LikertRgba   likert_chart_mix            (const LikertRgba           *a,
                                          const LikertRgba           *b,
                                          double                      t);
double       likert_chart_luminance      (const LikertRgba           *color);
/* White or black for text on fill (composited on the surface): white while its contrast stays
 * at 3:1 or more. */
LikertRgba   likert_chart_text_on        (const LikertChartPainter   *painter,
                                          const LikertRgba           *fill);
/* fill composited over the painter's surface. */
LikertRgba   likert_chart_over_surface   (const LikertChartPainter   *painter,
                                          const LikertRgba           *fill);

/* Text. Numbers follow LC_NUMERIC. Each returns a new string. */
char        *likert_chart_isolate        (char                       *text);
/* text (taken) isolated in a right-to-left chart, so that "35 %" or "n = 12" keep their order. */
char        *likert_chart_painter_number (const LikertChartPainter   *painter,
                                          char                       *text);
char        *likert_chart_format_count   (guint64                     count);
char        *likert_chart_format_percent (double                      percent,
                                          int                         digits);
char        *likert_chart_format_number  (double                      value,
                                          int                         digits);
char        *likert_chart_format_signed  (double                      value,
                                          int                         digits);
/* "n = 812"; "n = 12 ⚠" when n < LIKERT_CHART_SMALL_N. */
char        *likert_chart_format_n       (guint64                     n);

/* A 1, 2 or 5 × 10^k step that puts at most max_ticks steps in range (> 0). */
double       likert_chart_nice_step      (double                      range,
                                          guint                       max_ticks);
/* How many decimals the labels of a step need. */
int          likert_chart_step_digits    (double                      step);

/* Legends: one swatch and text per item, flowing from the start side into centred lines; an item
 * too long for a line wraps at its words. */
typedef struct
{
  LikertRgba  color;
  const char *text;
} LikertChartLegendItem;

/* Measures (draw FALSE) or draws the legend in the box x…x + width from y; returns its height.
 * swatches, when not NULL, receives each item's swatch rectangle. */
double       likert_chart_legend         (LikertChartPainter          *painter,
                                          const LikertChartLegendItem *items,
                                          guint                        n_items,
                                          double                       x,
                                          double                       y,
                                          double                       width,
                                          gboolean                     draw,
                                          LikertChartRect             *swatches);

/* Whether every item of the legend fits on one line in a box width wide: else it wraps, or is
 * cut after a word. */
gboolean     likert_chart_legend_fits    (LikertChartPainter          *painter,
                                          const LikertChartLegendItem *items,
                                          guint                        n_items,
                                          double                       width);

/* A key to values drawn without their labels (they would not fit whole under the bars or over
 * the columns): "1 Extremely dissatisfied · 2 Somewhat dissatisfied · …", in centred lines in the
 * box x…x + width. */
typedef struct
{
  const char *value;   /* "1", bold */
  const char *label;
} LikertChartKeyItem;

typedef enum {
  /* Each item whole, the first at the chart's start side: one moves to the next line rather
   * than break; one wider than the box wraps at its words, alone on its lines. */
  LIKERT_CHART_KEY_ITEMS,
  /* Shorter: one running text, the items broken across lines at word boundaries; it runs in
   * the labels' direction. */
  LIKERT_CHART_KEY_TEXT,
  /* Shorter still: the running text in the small font. */
  LIKERT_CHART_KEY_SMALL_TEXT,
} LikertChartKeyForm;

/* Measures (draw FALSE) or draws the key from y, its height in *height; FALSE (nothing drawn)
 * when a word is wider than the box. */
gboolean     likert_chart_key            (LikertChartPainter          *painter,
                                          const LikertChartKeyItem    *items,
                                          guint                        n_items,
                                          LikertChartKeyForm           form,
                                          double                       x,
                                          double                       y,
                                          double                       width,
                                          gboolean                     draw,
                                          double                      *height);

/* A horizontal value axis: value_min at x_min, value_max at x_max (x_min > x_max in RTL). */
typedef enum {
  LIKERT_CHART_AXIS_NUMBER,   /* 3.5 */
  LIKERT_CHART_AXIS_FRACTION, /* 0–1 shown as "35 %" */
  LIKERT_CHART_AXIS_PERCENT,  /* 0–100 shown as "35 %"; negative values without their sign */
  LIKERT_CHART_AXIS_SIGNED,   /* −100…100 shown as "−50", "0", "+50" */
  LIKERT_CHART_AXIS_COUNT,    /* whole numbers, grouped */
} LikertChartAxisFormat;

typedef struct
{
  double                value_min;
  double                value_max;
  double                x_min;
  double                x_max;
  LikertChartAxisFormat format;
} LikertChartAxis;

double       likert_chart_axis_x         (const LikertChartAxis       *axis,
                                          double                       value);
char        *likert_chart_axis_label     (const LikertChartAxis       *axis,
                                          double                       value,
                                          int                          digits);
/* The tick step that keeps labels apart along the axis's length. */
double       likert_chart_axis_step      (LikertChartPainter          *painter,
                                          const LikertChartAxis       *axis);
/* Grid lines from y0 to y1 and labels under y1; returns the labels' height. */
double       likert_chart_axis_draw      (LikertChartPainter          *painter,
                                          const LikertChartAxis       *axis,
                                          double                       y0,
                                          double                       y1,
                                          gboolean                     draw);

/* Rows of a chart of horizontal bars: as many as fit between top and top + height, each
 * between min_em and max_em lines high; the rows' label text at most two lines. */
typedef struct
{
  double top;
  double row_height;
  guint  n_rows;      /* that fit; ≤ the rows asked for */
} LikertChartRows;

void         likert_chart_rows_fit       (LikertChartPainter          *painter,
                                          double                       top,
                                          double                       height,
                                          guint                        n_rows,
                                          double                       min_em,
                                          double                       max_em,
                                          LikertChartRows             *rows);
/* The widest of the texts in one line, in font. */
double       likert_chart_max_width      (LikertChartPainter          *painter,
                                          const PangoFontDescription  *font,
                                          const char * const          *texts,
                                          guint                        n_texts);
/* The widest word of text (what cannot be broken), in font. */
double       likert_chart_widest_word    (LikertChartPainter          *painter,
                                          const PangoFontDescription  *font,
                                          const char                  *text);
/* The width of a column of the texts: the widest in one line, at most max_width; but room for
 * the longest word and a "…" after it when that takes up to 2 × max_width. */
double       likert_chart_label_width    (LikertChartPainter          *painter,
                                          const PangoFontDescription  *font,
                                          const char * const          *texts,
                                          guint                        n_texts,
                                          double                       max_width);
/* Draws text wrapped in the box x…x + width (at most as many lines as fit in height, cut after a
 * whole word), aligned physically, centred on y_centre. */
void         likert_chart_row_text       (LikertChartPainter          *painter,
                                          const PangoFontDescription  *font,
                                          const char                  *text,
                                          double                       x,
                                          double                       width,
                                          double                       y_centre,
                                          double                       height,
                                          PangoAlignment               alignment,
                                          const LikertRgba            *color);
/* "3 more not shown" in the box, muted, at the start side. */
void         likert_chart_painter_more   (LikertChartPainter          *painter,
                                          guint                        n_hidden,
                                          double                       y);

G_END_DECLS
