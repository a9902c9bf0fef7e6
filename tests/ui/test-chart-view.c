/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart view, its export dialog and the window's chart actions, on the sample project. */
#include "config.h"

#include <adwaita.h>

#include "likert-chart-data.h"
#include "likert-chart-export-dialog.h"
#include "likert-chart-view.h"
#include "likert-filter-bar.h"
#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-stats-csv.h"
#include "likert-store.h"
#include "likert-window.h"
#include "test-common.h"

typedef struct
{
  TestDir          dir;
  char            *path;
  LikertStore     *store;
  LikertFrame     *frame;
  GtkWindow       *window;
  LikertChartView *view;
} Fixture;

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 100 && gtk_widget_get_height (data) > 100;
}

static void
open_project (Fixture    *f,
              const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  f->path = test_dir_file (&f->dir, "p.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (f->store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->frame = likert_frame_load (f->store, NULL, &error);
  g_assert_no_error (error);
}

/* A view on the project in a window of its own, laid out. */
static void
show_view (Fixture *f)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 450);
  f->view = LIKERT_CHART_VIEW (likert_chart_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  likert_chart_view_set_frame (f->view, f->frame);
  likert_chart_view_set_rows (f->view, NULL, NULL);
  gtk_window_present (f->window);
  g_assert_true (wait_for (allocated, f->view, 10));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = test_sample_path ();

  gtk_widget_set_default_direction (GPOINTER_TO_INT (data) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  test_dir_init (&f->dir);
  open_project (f, sample);
  show_view (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&f->frame, likert_frame_unref);
  g_clear_object (&f->store);
  g_free (f->path);
  test_dir_clear (&f->dir);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* Tags on the frame, as the annotation pane patches them: "slow" on rows 0–99, "nice" on 0–9. */
static void
add_tags (Fixture *f)
{
  guint slow = likert_frame_add_tag (f->frame, 1001, "slow");
  guint nice = likert_frame_add_tag (f->frame, 1002, "nice");

  for (guint row = 0; row < 100; row++)
    likert_frame_set_tag (f->frame, row, slow, TRUE);
  for (guint row = 0; row < 10; row++)
    likert_frame_set_tag (f->frame, row, nice, TRUE);
  likert_chart_view_set_rows (f->view, NULL, NULL);
}

/* What src/chart says the chart of the view's spec is. */
static char *
expected_description (Fixture *f)
{
  g_autoptr(LikertChartSpec) spec = likert_chart_view_dup_spec (f->view);
  g_autoptr(LikertChartData) data = NULL;
  g_autoptr(GError) error = NULL;

  data = likert_chart_data_build (f->frame, NULL, spec, &error);
  g_assert_no_error (error);
  return likert_chart_data_describe (data);
}

static void
assert_accessible_description (LikertChartView *view,
                               const char      *expected)
{
  g_autofree char *mismatch = NULL;

  g_assert_cmpstr (likert_chart_view_get_description (view), ==, expected);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  if (mismatch != NULL)
    g_error ("accessible description: %s", mismatch);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG));
}

static void
centre (const graphene_rect_t *rect,
        double                *x,
        double                *y)
{
  *x = rect->origin.x + rect->size.width / 2;
  *y = rect->origin.y + rect->size.height / 2;
}

/* The hit at the centre of the mark of row and point. */
static LikertChartHit *
hit_mark (LikertChartView *view,
          int              row,
          int              point)
{
  graphene_rect_t rect;
  double x, y;

  g_assert_true (likert_chart_view_get_mark (view, row, point, &rect));
  centre (&rect, &x, &y);
  return likert_chart_view_hit_test (view, x, y);
}

/* Every kind draws what src/chart describes, and says so to assistive technologies. */
static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  static const struct {
    LikertChartKind kind;
    const char     *segment;
  } cases[] = {
    { LIKERT_CHART_HISTOGRAM, NULL },
    { LIKERT_CHART_DIVERGING, "device" },
    { LIKERT_CHART_MEAN, NULL },
    { LIKERT_CHART_MEAN, "country" },
    { LIKERT_CHART_CSAT, "device" },
    { LIKERT_CHART_TREND, NULL },
    { LIKERT_CHART_TAGS, NULL },
    { LIKERT_CHART_HEATMAP, NULL },
  };

  add_tags (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = NULL;

      likert_chart_view_set_kind (f->view, cases[i].kind);
      likert_chart_view_set_segment (f->view, cases[i].segment);
      g_assert_null (likert_chart_view_get_placeholder (f->view));
      g_assert_nonnull (likert_chart_view_get_data (f->view));
      g_assert_cmpint (likert_chart_view_get_data (f->view)->kind, ==, cases[i].kind);
      expected = expected_description (f);
      assert_accessible_description (f->view, expected);
    }

  /* The percent histogram is the CLI's --percent. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_HISTOGRAM);
  likert_chart_view_set_percent (f->view, TRUE);
  g_assert_true (likert_chart_view_get_data (f->view)->histogram.percent);
  {
    g_autofree char *expected = expected_description (f);

    assert_accessible_description (f->view, expected);
  }
}

/* Charts that do not apply say why instead of drawing nothing. */
static void
test_placeholders (Fixture       *f,
                   gconstpointer  data)
{
  const char *text;

  /* NPS of a 1–5 question. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_NPS);
  text = likert_chart_view_get_placeholder (f->view);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "0 to 10"));
  g_assert_null (likert_chart_view_get_data (f->view));
  assert_accessible_description (f->view, text);

  /* Diverging bars without a segment. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_DIVERGING);
  likert_chart_view_set_segment (f->view, NULL);
  text = likert_chart_view_get_placeholder (f->view);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "split by"));
  assert_accessible_description (f->view, text);
  likert_chart_view_set_segment (f->view, "device");
  g_assert_null (likert_chart_view_get_placeholder (f->view));

  /* Tags and the heat map without tags. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_TAGS);
  g_assert_nonnull (strstr (likert_chart_view_get_placeholder (f->view), "No tags"));
  likert_chart_view_set_kind (f->view, LIKERT_CHART_HEATMAP);
  g_assert_nonnull (strstr (likert_chart_view_get_placeholder (f->view), "No tags"));

  /* No responses selected. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_HISTOGRAM);
  {
    g_autofree guint64 *none = likert_frame_bitmap_new (f->frame, FALSE);

    likert_chart_view_set_rows (f->view, none, NULL);
    g_assert_nonnull (strstr (likert_chart_view_get_placeholder (f->view), "No responses"));
    likert_chart_view_set_rows (f->view, NULL, NULL);
    g_assert_null (likert_chart_view_get_placeholder (f->view));
  }

  /* Nothing to export without a chart. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_NPS);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) png = likert_chart_view_render_png (f->view, 400, 300, 1, FALSE, &error);

    g_assert_null (png);
    g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_DATA);
  }
}

/* The mark under the pointer, at each mark's centre, left to right and right to left. */
static void
test_hit (Fixture       *f,
          gconstpointer  data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  const LikertChartData *chart;
  graphene_rect_t first, last;

  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (f->view)), ==,
                   rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  /* Histogram: a bar per scale point; 1 at the start side. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_HISTOGRAM);
  chart = likert_chart_view_get_data (f->view);
  for (int p = 0; p < 5; p++)
    {
      g_autoptr(LikertChartHit) hit = hit_mark (f->view, 0, p);
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT,
                                                chart->histogram.counts[p]);

      g_assert_nonnull (hit);
      g_assert_cmpint (hit->point, ==, p);
      g_assert_cmpstr (hit->question, ==, "rating");
      g_assert_cmpint (hit->rating_min, ==, p + 1);
      g_assert_cmpint (hit->rating_max, ==, p + 1);
      g_assert_null (hit->field);
      /* The tooltip: the exact count (grouped as the locale does) and its share. */
      g_assert_nonnull (strstr (hit->text, count));
      g_assert_nonnull (strstr (hit->text, "%"));
    }
  g_assert_true (likert_chart_view_get_mark (f->view, 0, 0, &first));
  g_assert_true (likert_chart_view_get_mark (f->view, 0, 4, &last));
  if (rtl)
    g_assert_cmpfloat (first.origin.x, >, last.origin.x);
  else
    g_assert_cmpfloat (first.origin.x, <, last.origin.x);
  /* Outside the chart: nothing. */
  g_assert_null (likert_chart_view_hit_test (f->view, -5, -5));

  /* Diverging bars: a piece per scale point and segment. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_DIVERGING);
  likert_chart_view_set_segment (f->view, "device");
  chart = likert_chart_view_get_data (f->view);
  g_assert_nonnull (chart->segment_values);
  for (guint row = 0; row < chart->diverging.n_segments; row++)
    for (int p = 0; p < 5; p++)
      {
        g_autoptr(LikertChartHit) hit = NULL;

        if (chart->diverging.segments[row].counts[p] == 0)
          continue;
        hit = hit_mark (f->view, (int) row, p);
        g_assert_nonnull (hit);
        g_assert_cmpint (hit->row, ==, (int) row);
        g_assert_cmpint (hit->point, ==, p);
        g_assert_cmpstr (hit->field, ==, "device");
        g_assert_cmpstr (hit->value, ==, chart->segment_values[row]);
        g_assert_cmpint (hit->rating_min, ==, p + 1);
      }
  /* Strongly disagreeing at the start side of the centre, agreeing past it. */
  g_assert_true (likert_chart_view_get_mark (f->view, 0, 0, &first));
  g_assert_true (likert_chart_view_get_mark (f->view, 0, 4, &last));
  if (rtl)
    g_assert_cmpfloat (first.origin.x, >, last.origin.x);
  else
    g_assert_cmpfloat (first.origin.x, <, last.origin.x);

  /* Means: a dot per segment. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_MEAN);
  chart = likert_chart_view_get_data (f->view);
  for (guint row = 0; row < chart->interval.n_rows; row++)
    {
      g_autoptr(LikertChartHit) hit = hit_mark (f->view, (int) row, -1);
      g_autofree char *mean = g_strdup_printf ("%.2f", chart->interval.rows[row].value);

      g_assert_nonnull (hit);
      g_assert_cmpint (hit->row, ==, (int) row);
      g_assert_cmpstr (hit->value, ==, chart->segment_values[row]);
      g_assert_null (hit->question);
      g_assert_nonnull (strstr (hit->text, mean));
    }

  /* Trend: a period per month, its bounds the condition. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_TREND);
  chart = likert_chart_view_get_data (f->view);
  g_assert_cmpuint (chart->trend.n_periods, >, 1);
  for (guint i = 0; i < chart->trend.n_periods; i++)
    {
      g_autoptr(LikertChartHit) hit = hit_mark (f->view, (int) i, -1);
      g_autoptr(GDateTime) start = NULL;
      g_autofree char *month = NULL;

      g_assert_nonnull (hit);
      g_assert_cmpint (hit->row, ==, (int) i);
      g_assert_cmpint (hit->from, ==, chart->period_bounds[i]);
      g_assert_cmpint (hit->to, ==, chart->period_bounds[i + 1]);
      start = g_date_time_new_from_unix_utc (hit->from);
      month = g_date_time_format (start, "%Y-%m");
      g_assert_cmpstr (month, ==, chart->trend.periods[i].label);
      g_assert_cmpint (g_date_time_get_day_of_month (start), ==, 1);
    }

  /* Tags and the heat map. */
  add_tags (f);
  likert_chart_view_set_kind (f->view, LIKERT_CHART_TAGS);
  {
    g_autoptr(LikertChartHit) hit = hit_mark (f->view, 0, -1);

    g_assert_nonnull (hit);
    g_assert_cmpstr (hit->tag, ==, "slow");
    g_assert_nonnull (strstr (hit->text, "100"));
  }
  likert_chart_view_set_kind (f->view, LIKERT_CHART_HEATMAP);
  chart = likert_chart_view_get_data (f->view);
  for (int p = 0; p < 5; p++)
    {
      g_autoptr(LikertChartHit) hit = hit_mark (f->view, 1, p);

      g_assert_nonnull (hit);
      g_assert_cmpstr (hit->tag, ==, "nice");
      g_assert_cmpint (hit->rating_min, ==, p + 1);
    }
  g_assert_true (likert_chart_view_get_mark (f->view, 0, 0, &first));
  g_assert_true (likert_chart_view_get_mark (f->view, 0, 4, &last));
  if (rtl)
    g_assert_cmpfloat (first.origin.x, >, last.origin.x);
  else
    g_assert_cmpfloat (first.origin.x, <, last.origin.x);
}

static void
activated_cb (LikertChartView      *view,
              const LikertChartHit *hit,
              LikertFilter         *filter)
{
  likert_chart_hit_apply (hit, filter);
}

/* A click on a bar or piece emits the filter condition it stands for. */
static void
test_click (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LikertFilter) filter = likert_filter_new ();
  graphene_rect_t rect;
  double x, y;
  const LikertChartData *chart;

  g_signal_connect (f->view, "activate-bar", G_CALLBACK (activated_cb), filter);

  /* A histogram bar: that rating, replacing the ratings chosen before. */
  likert_filter_add_rating (filter, "rating", 1);
  likert_chart_view_set_kind (f->view, LIKERT_CHART_HISTOGRAM);
  g_assert_true (likert_chart_view_get_mark (f->view, 0, 4, &rect));
  centre (&rect, &x, &y);
  g_assert_true (likert_chart_view_activate_at (f->view, x, y));
  g_assert_true (likert_filter_has_rating (filter, "rating", 5));
  g_assert_false (likert_filter_has_rating (filter, "rating", 1));

  /* A piece of a diverging bar: that segment's value and that rating. */
  likert_chart_view_set_kind (f->view, LIKERT_CHART_DIVERGING);
  likert_chart_view_set_segment (f->view, "device");
  chart = likert_chart_view_get_data (f->view);
  g_assert_true (likert_chart_view_get_mark (f->view, 1, 0, &rect));
  centre (&rect, &x, &y);
  g_assert_true (likert_chart_view_activate_at (f->view, x, y));
  g_assert_true (likert_filter_has_rating (filter, "rating", 1));
  g_assert_false (likert_filter_has_rating (filter, "rating", 5));
  g_assert_true (likert_filter_has_value (filter, "device", chart->segment_values[1]));

  /* The filter selects what the piece counts. */
  {
    g_autoptr(GError) error = NULL;
    guint n = 0;
    g_autofree guint64 *rows = likert_filter_select (filter, f->frame, NULL, NULL, &n, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, chart->diverging.segments[1].counts[0]);
  }

  /* Nowhere near a mark: nothing happens. */
  g_assert_false (likert_chart_view_activate_at (f->view, 1, 1));
}

/* An NPS chart of a 0–10 question: detractors, passives and promoters per segment. */
static void
test_nps (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(GString) csv = g_string_new ("id,score,group\n");
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(LikertFilter) filter = likert_filter_new ();
  const LikertChartData *chart;

  for (guint i = 0; i < 110; i++)
    g_string_append_printf (csv, "%u,%u,%s\n", i + 1, i % 11, i % 2 ? "odd" : "even");
  test_dir_init (&f->dir);
  path = test_dir_write (&f->dir, "nps.csv", csv->str, -1);
  open_project (f, path);
  show_view (f);

  likert_chart_view_set_kind (f->view, LIKERT_CHART_NPS);
  likert_chart_view_set_segment (f->view, "group");
  g_assert_null (likert_chart_view_get_placeholder (f->view));
  expected = expected_description (f);
  assert_accessible_description (f->view, expected);

  chart = likert_chart_view_get_data (f->view);
  g_assert_cmpuint (chart->nps.n_rows, ==, 2);
  for (int g = 0; g < LIKERT_NPS_N_GROUPS; g++)
    {
      g_autoptr(LikertChartHit) hit = hit_mark (f->view, 0, g);
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT,
                                                chart->nps.rows[0].counts[g]);

      g_assert_nonnull (hit);
      g_assert_cmpint (hit->point, ==, g);
      g_assert_cmpstr (hit->value, ==, chart->segment_values[0]);
      g_assert_nonnull (strstr (hit->text, count));
    }

  /* Promoters: 9 and 10. */
  g_signal_connect (f->view, "activate-bar", G_CALLBACK (activated_cb), filter);
  {
    graphene_rect_t rect;
    double x, y;

    g_assert_true (likert_chart_view_get_mark (f->view, 0, LIKERT_NPS_PROMOTERS, &rect));
    centre (&rect, &x, &y);
    g_assert_true (likert_chart_view_activate_at (f->view, x, y));
  }
  g_assert_false (likert_filter_has_rating (filter, "score", 8));
  g_assert_true (likert_filter_has_rating (filter, "score", 9));
  g_assert_true (likert_filter_has_rating (filter, "score", 10));
  g_assert_true (likert_filter_has_value (filter, "group", chart->segment_values[0]));

  fixture_teardown (f, NULL);
}

/* Titles into file names. */
static void
test_file_names (void)
{
  static const struct {
    const char *title;
    const char *expected;
  } cases[] = {
    { "rating", "rating.png" },
    { "Q1: How satisfied are you? <overall> \"now\" | a/b\\c", "Q1 How satisfied are you overall now a b c.png" },
    { "\tTabs\nand\r\nlines\x01\x7f", "Tabs and lines.png" },
    { "  ..hidden..  ", "hidden.png" },
    { "***", "Chart.png" },
    { "", "Chart.png" },
    { NULL, "Chart.png" },
    { "رضا العملاء", "رضا العملاء.png" },
  };
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autofree char *name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = likert_chart_file_name (cases[i].title, "png");

      g_assert_cmpstr (result, ==, cases[i].expected);
    }

  /* At most 80 characters before the extension, cut between characters. */
  for (guint i = 0; i < 100; i++)
    g_string_append (long_title, "é");
  name = likert_chart_file_name (long_title->str, "pdf");
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (name, -1), ==, 80 + 4);
  g_assert_true (g_str_has_suffix (name, "é.pdf"));
  for (const char *p = name; *p != '\0'; p++)
    g_assert_null (strchr ("/\\:*?\"<>|", *p));
}

/* Each format writes a file that reads back, through the dialog as the chooser leaves it. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  static const LikertChartFormat formats[] = {
    LIKERT_CHART_FORMAT_PNG, LIKERT_CHART_FORMAT_SVG, LIKERT_CHART_FORMAT_PDF
  };
  LikertChartExportDialog *dialog;

  likert_chart_view_set_kind (f->view, LIKERT_CHART_DIVERGING);
  likert_chart_view_set_segment (f->view, "device");
  dialog = likert_chart_export_dialog_new (f->window, f->view);
  gtk_window_present (GTK_WINDOW (dialog));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      likert_chart_export_dialog_set_format (dialog, formats[i]);
      likert_chart_export_dialog_set_size (dialog, 400, 300, 2, i == 1);
      name = likert_chart_export_dialog_dup_file_name (dialog);
      g_assert_true (g_str_has_prefix (name, "rating."));
      g_assert_true (g_str_has_suffix (name, likert_chart_format_extension (formats[i])));
      path = test_dir_file (&f->dir, name);
      g_assert_true (likert_chart_export_dialog_export_to (dialog, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);

      switch (formats[i])
        {
        case LIKERT_CHART_FORMAT_PNG:
          {
            g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

            g_assert_no_error (error);
            /* 400 × 300 at 2×. */
            g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
            g_assert_cmpint (gdk_texture_get_height (texture), ==, 600);
          }
          break;
        case LIKERT_CHART_FORMAT_SVG:
          g_assert_nonnull (g_strstr_len (contents, (gssize) length, "<svg"));
          g_assert_nonnull (g_strstr_len (contents, (gssize) length, "width=\"400"));
          break;
        case LIKERT_CHART_FORMAT_PDF:
        default:
          g_assert_true (length > 100 && memcmp (contents, "%PDF-", 5) == 0);
          break;
        }
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The window: the chart follows the filter bar, a click filters, statistics copy as CSV,
 * charts save and load. */

static gboolean
window_ready (gpointer data)
{
  return likert_window_get_frame (data) != NULL && !likert_window_is_busy (data);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &read);
  g_assert_true (wait_for (read_done, &read, 10));
  return read.text;
}

static void
test_window (void)
{
  TestDir dir;
  g_autofree char *sample = test_sample_path ();
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  LikertWindow *window;
  LikertChartView *view;
  LikertFilterBar *bar;
  LikertFrame *frame;
  const LikertFilter *filter;
  graphene_rect_t rect;
  double x, y;
  guint n_devices;
  gint device;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "sample.likert");
  {
    g_autoptr(LikertStore) store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
    g_autoptr(LikertImportReport) report = NULL;

    g_assert_no_error (error);
    report = likert_import_file (store, sample, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  file = g_file_new_for_path (path);
  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  likert_window_open_file (window, file);
  g_assert_true (wait_for (window_ready, window, 30));
  view = likert_window_get_chart_view (window);
  bar = LIKERT_FILTER_BAR (likert_window_get_filter_bar (window));
  frame = likert_window_get_frame (window);
  g_assert_true (wait_for (allocated, view, 10));
  g_assert_true (likert_chart_view_get_frame (view) == frame);
  g_assert_nonnull (likert_chart_view_get_data (view));

  /* The picker's segment is the filter bar's. */
  likert_chart_view_set_kind (view, LIKERT_CHART_DIVERGING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "filter.segment", "s", "device"));
  g_assert_cmpstr (likert_chart_view_get_segment (view), ==, "device");
  likert_chart_view_set_segment (view, "browser");
  g_assert_cmpint (likert_filter_bar_get_segment (bar), ==,
                   likert_frame_find_category (frame, "browser"));
  likert_chart_view_set_segment (view, "device");

  /* Copy statistics: the CLI's CSV, split by the segment. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-statistics", NULL));
  csv = clipboard_text (GTK_WIDGET (window));
  {
    guint question = 0;

    expected = likert_stats_csv (frame, NULL, &question, 1, likert_frame_find_category (frame,
                                                                                        "device"));
  }
  g_assert_cmpstr (csv, ==, expected);
  g_assert_true (g_str_has_prefix (csv, "question,segment,n,missing,mean,"));
  device = likert_frame_find_category (frame, "device");
  n_devices = 0;
  {
    guint n_values = likert_frame_get_n_category_values (frame, (guint) device);
    g_autofree guint64 *counts = g_new0 (guint64, n_values);

    likert_frame_count_category (frame, (guint) device, NULL, counts);
    for (guint code = 0; code < n_values; code++)
      n_devices += counts[code] > 0;
  }
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    /* The header, a line per device, and the empty string after the last CRLF. */
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + n_devices + 1);
    g_assert_true (g_str_has_prefix (lines[1], "rating,"));
  }

  /* A click on a piece of a bar narrows the filter bar to its device and rating. */
  g_assert_true (likert_chart_view_get_mark (view, 0, 4, &rect));
  centre (&rect, &x, &y);
  g_assert_true (likert_chart_view_activate_at (view, x, y));
  filter = likert_filter_bar_get_filter (bar);
  g_assert_true (likert_filter_has_rating (filter, "rating", 5));
  g_assert_true (likert_filter_has_value (filter, "device",
                                          likert_chart_view_get_data (view)->segment_values[0]));
  {
    guint n_selected = 0;

    likert_filter_bar_get_rows (bar, &n_selected);
    g_assert_cmpuint (n_selected, >, 0);
    g_assert_cmpuint (n_selected, <, likert_frame_get_n_rows (frame));
    /* The chart now shows those rows: one device, all fives. */
    g_assert_cmpuint (likert_chart_view_get_data (view)->n_selected, ==, n_selected);
    g_assert_cmpuint (likert_chart_view_get_data (view)->diverging.n_segments, ==, 1);
  }

  /* Save the chart, change it, load it back: kind, segment and filter return. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-chart-as", "s",
                                             "Fives by device"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "filter.clear", NULL));
  likert_chart_view_set_kind (view, LIKERT_CHART_TREND);
  likert_chart_view_set_period (view, LIKERT_PERIOD_WEEK);
  g_assert_true (likert_filter_is_empty (likert_filter_bar_get_filter (bar)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-chart", "s",
                                             "Fives by device"));
  g_assert_cmpint (likert_chart_view_get_kind (view), ==, LIKERT_CHART_DIVERGING);
  g_assert_cmpstr (likert_chart_view_get_segment (view), ==, "device");
  g_assert_cmpstr (likert_chart_view_get_question (view), ==, "rating");
  g_assert_true (likert_filter_has_rating (likert_filter_bar_get_filter (bar), "rating", 5));
  g_assert_cmpuint (likert_chart_view_get_data (view)->diverging.n_segments, ==, 1);

  /* Copy the chart: an image on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-chart", NULL));
  g_assert_true (gdk_content_formats_contain_gtype (
                   gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (window))),
                   GDK_TYPE_TEXTURE));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context keeps the accessible properties the test reads back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/chart-view/kinds", Fixture, NULL, fixture_setup, test_kinds, fixture_teardown);
  g_test_add ("/chart-view/placeholders", Fixture, NULL, fixture_setup, test_placeholders,
              fixture_teardown);
  g_test_add ("/chart-view/hit/ltr", Fixture, GINT_TO_POINTER (FALSE), fixture_setup, test_hit,
              fixture_teardown);
  g_test_add ("/chart-view/hit/rtl", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_hit,
              fixture_teardown);
  g_test_add ("/chart-view/click", Fixture, NULL, fixture_setup, test_click, fixture_teardown);
  g_test_add_func ("/chart-view/nps", test_nps);
  g_test_add_func ("/chart-view/file-names", test_file_names);
  g_test_add ("/chart-view/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add_func ("/chart-view/window", test_window);
  return g_test_run ();
}
