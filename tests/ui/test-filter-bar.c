/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The filter bar over the sample project, driven through its actions as a keyboard user would,
 * checked against the core (likert_filter_select, likert_frame_count_category,
 * likert_frame_search); the response model's rows and highlighting. */
#include "config.h"

#include <adwaita.h>

#include "likert-filter-bar.h"
#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-response-item.h"
#include "likert-response-model.h"
#include "likert-store.h"
#include "test-common.h"

typedef struct
{
  TestDir           dir;
  char             *path;
  LikertStore      *store;
  LikertFrame      *frame;
  GtkWindow        *window;
  LikertFilterBar  *bar;
  guint             n_changed;
  guint             n_errors;
  gboolean          errors_expected;
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Closes a popover while its window still exists for GTK's tooltip timer (see test_settle). */
static void
popdown (GtkMenuButton *button)
{
  gtk_menu_button_popdown (button);
  test_settle ();
}

static char *
import_project (TestDir    *dir,
                const char *csv,
                const char *name)
{
  char *path = test_dir_file (dir, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_autoptr(LikertImportReport) report = NULL;

  g_assert_no_error (error);
  report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static void
changed_cb (LikertFilterBar *bar,
            Fixture         *fixture)
{
  fixture->n_changed++;
}

static void
error_cb (LikertFilterBar *bar,
          const GError    *error,
          Fixture         *fixture)
{
  if (!fixture->errors_expected)
    g_error ("the filter bar reported: %s", error->message);
  g_assert_true (g_error_matches (error, LIKERT_FILTER_ERROR, LIKERT_FILTER_ERROR_UNKNOWN));
  fixture->n_errors++;
}

static void
fixture_init (Fixture *fixture)
{
  g_autofree char *sample = test_sample_path ();
  g_autoptr(GError) error = NULL;

  memset (fixture, 0, sizeof *fixture);
  test_dir_init (&fixture->dir);
  fixture->path = import_project (&fixture->dir, sample, "sample.likert");
  fixture->store = likert_store_open (fixture->path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fixture->frame = likert_frame_load (fixture->store, NULL, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 200);
  fixture->bar = LIKERT_FILTER_BAR (likert_filter_bar_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->bar));
  g_signal_connect (fixture->bar, "changed", G_CALLBACK (changed_cb), fixture);
  g_signal_connect (fixture->bar, "error", G_CALLBACK (error_cb), fixture);
  gtk_window_present (fixture->window);
  likert_filter_bar_set_frame (fixture->bar, fixture->frame, fixture->store, fixture->path);
  drain ();
}

static void
fixture_clear (Fixture *fixture)
{
  gtk_window_destroy (fixture->window);
  drain ();
  likert_frame_unref (fixture->frame);
  g_object_unref (fixture->store);
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_free (fixture->path);
  test_dir_clear (&fixture->dir);
}

static void
activate (Fixture    *fixture,
          const char *action,
          GVariant   *parameter)
{
  /* GTK 4.8 does not sink a floating parameter. */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->bar), action, owned));
}

static gboolean
bar_idle (gpointer data)
{
  return !likert_filter_bar_is_busy (data);
}

/* The bar's selection is the core's for the same filter (a search through the store). */
static void
assert_selection_matches_core (Fixture *fixture)
{
  const LikertFilter *filter = likert_filter_bar_get_filter (fixture->bar);
  const char *search = likert_filter_get_search (filter);
  g_autofree guint64 *matches = NULL;
  g_autofree guint64 *expected = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 *rows;
  guint n_expected = 0, n_selected = 0;

  g_assert_true (wait_for (bar_idle, fixture->bar, 30));
  if (search != NULL)
    {
      matches = likert_frame_search (fixture->frame, fixture->store, search, NULL, &error);
      g_assert_no_error (error);
    }
  expected = likert_filter_select (filter, fixture->frame, matches, NULL, &n_expected, &error);
  g_assert_no_error (error);
  rows = likert_filter_bar_get_rows (fixture->bar, &n_selected);
  g_assert_nonnull (rows);
  g_assert_cmpuint (n_selected, ==, n_expected);
  g_assert_cmpmem (rows, likert_frame_bitmap_words (fixture->frame) * sizeof (guint64),
                   expected, likert_frame_bitmap_words (fixture->frame) * sizeof (guint64));
}

/* The counts beside a field's values are those over the rows of every other filter. */
static void
assert_facet_counts (Fixture    *fixture,
                     const char *field)
{
  const LikertFilter *filter = likert_filter_bar_get_filter (fixture->bar);
  const char *search = likert_filter_get_search (filter);
  gint category = likert_frame_find_category (fixture->frame, field);
  guint n_values = likert_frame_get_n_category_values (fixture->frame, (guint) category);
  g_autofree guint64 *expected = g_new0 (guint64, n_values);
  g_autofree guint64 *matches = NULL;
  g_autofree guint64 *rows = NULL;
  const guint64 *counts;
  guint n = 0;

  g_assert_cmpint (category, >=, 0);
  if (search != NULL)
    matches = likert_frame_search (fixture->frame, fixture->store, search, NULL, NULL);
  rows = likert_filter_select (filter, fixture->frame, matches, field, &n, NULL);
  likert_frame_count_category (fixture->frame, (guint) category, rows, expected);
  counts = likert_filter_bar_get_facet_counts (fixture->bar, field, &n);
  g_assert_nonnull (counts);
  g_assert_cmpuint (n, ==, n_values);
  for (guint code = 0; code < n_values; code++)
    g_assert_cmpuint (counts[code], ==, expected[code]);
}

static GtkMenuButton *
find_menu_button (LikertFilterBar *bar,
                  const char      *label_prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (bar)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_label (GTK_MENU_BUTTON (child)) &&
        g_str_has_prefix (gtk_menu_button_get_label (GTK_MENU_BUTTON (child)), label_prefix))
      return GTK_MENU_BUTTON (child);
  return NULL;
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      g_ptr_array_add (checks, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

/* Opens a field's popover and reads what it shows: value → count, as the labels say. */
static void
assert_popover_shows_counts (Fixture    *fixture,
                             const char *field)
{
  GtkMenuButton *button = find_menu_button (fixture->bar, field);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  gint category = likert_frame_find_category (fixture->frame, field);
  const guint64 *counts = likert_filter_bar_get_facet_counts (fixture->bar, field, NULL);
  guint64 previous = G_MAXUINT64;
  guint n_values = 0;

  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  drain ();
  collect_checks (GTK_WIDGET (gtk_menu_button_get_popover (button)), checks);
  g_assert_cmpuint (checks->len, >, 0);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *box = gtk_check_button_get_child (checks->pdata[i]);
      GtkWidget *name = gtk_widget_get_first_child (box);
      GtkWidget *count = gtk_widget_get_last_child (box);
      gint code = likert_frame_find_category_value (fixture->frame, (guint) category,
                                                     gtk_label_get_text (GTK_LABEL (name)));
      g_autofree char *expected = NULL;

      g_assert_cmpint (code, >, 0);
      expected = g_strdup_printf ("%'" G_GUINT64_FORMAT, counts[code]);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, expected);
      /* Sorted by count (nothing of this field is chosen). */
      g_assert_cmpuint (counts[code], <=, previous);
      previous = counts[code];
      n_values++;
    }
  /* Every value some response has is listed. */
  {
    guint n_codes = likert_frame_get_n_category_values (fixture->frame, (guint) category);
    g_autofree guint64 *totals = g_new0 (guint64, n_codes);
    guint expected = 0;

    likert_frame_count_category (fixture->frame, (guint) category, NULL, totals);
    for (guint code = 0; code < n_codes; code++)
      expected += totals[code] > 0;
    g_assert_cmpuint (n_values, ==, expected);
  }
  popdown (button);
}

static void
test_facets (void)
{
  Fixture fixture;
  GtkMenuButton *button;
  guint n_before;

  fixture_init (&fixture);

  /* No filter: everything but excluded responses (none are). */
  assert_selection_matches_core (&fixture);
  likert_filter_bar_get_rows (fixture.bar, &n_before);
  g_assert_cmpuint (n_before, ==, likert_frame_get_n_rows (fixture.frame));

  /* One value of a field, through the action. */
  activate (&fixture, "filter.toggle-value", g_variant_new ("(ss)", "country", "FR"));
  assert_selection_matches_core (&fixture);
  g_assert_true (likert_filter_has_value (likert_filter_bar_get_filter (fixture.bar),
                                          "country", "FR"));
  button = find_menu_button (fixture.bar, "country");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "country (1)");
  {
    guint n;

    likert_filter_bar_get_rows (fixture.bar, &n);
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpuint (n, <, n_before);
  }

  /* The counts beside the other fields' values follow; the field's own are over the rest. */
  assert_facet_counts (&fixture, "language");
  assert_facet_counts (&fixture, "country");
  assert_facet_counts (&fixture, "page_url");
  assert_popover_shows_counts (&fixture, "language");
  assert_popover_shows_counts (&fixture, "device");

  /* A second value ORs; another field ANDs. */
  activate (&fixture, "filter.toggle-value", g_variant_new ("(ss)", "country", "MA"));
  activate (&fixture, "filter.toggle-value", g_variant_new ("(ss)", "language", "fr"));
  assert_selection_matches_core (&fixture);
  assert_facet_counts (&fixture, "country");
  assert_facet_counts (&fixture, "device");
  assert_popover_shows_counts (&fixture, "device");

  /* The popover's check buttons show and change the filter. */
  {
    GtkMenuButton *device = find_menu_button (fixture.bar, "device");
    g_autoptr(GPtrArray) checks = g_ptr_array_new ();

    gtk_menu_button_popup (device);
    drain ();
    collect_checks (GTK_WIDGET (gtk_menu_button_get_popover (device)), checks);
    gtk_check_button_set_active (checks->pdata[0], TRUE);
    g_assert_cmpstr (gtk_menu_button_get_label (device), ==, "device (1)");
    assert_selection_matches_core (&fixture);
    gtk_check_button_set_active (checks->pdata[0], FALSE);
    g_assert_cmpstr (gtk_menu_button_get_label (device), ==, "device");
    popdown (device);
  }

  /* Ratings, statuses, dates. */
  activate (&fixture, "filter.toggle-rating", g_variant_new ("(si)", "rating", 5));
  activate (&fixture, "filter.toggle-rating", g_variant_new ("(si)", "rating", 4));
  assert_selection_matches_core (&fixture);
  g_assert_cmpstr (gtk_menu_button_get_label (find_menu_button (fixture.bar, "Rating")), ==,
                   "Rating (2)");
  activate (&fixture, "filter.toggle-rating", g_variant_new ("(si)", "rating", 4));
  activate (&fixture, "filter.toggle-status", g_variant_new_string ("new"));
  activate (&fixture, "filter.set-range",
            g_variant_new ("(xx)", (gint64) 1706745600 /* 2024-02-01 */, G_MAXINT64));
  assert_selection_matches_core (&fixture);
  assert_facet_counts (&fixture, "browser");
  activate (&fixture, "filter.clear-range", NULL);
  assert_selection_matches_core (&fixture);

  /* Clearing a field, then everything. */
  activate (&fixture, "filter.clear-field", g_variant_new_string ("country"));
  g_assert_false (likert_filter_has_value (likert_filter_bar_get_filter (fixture.bar),
                                           "country", "FR"));
  assert_selection_matches_core (&fixture);
  activate (&fixture, "filter.clear", NULL);
  g_assert_true (likert_filter_is_empty (likert_filter_bar_get_filter (fixture.bar)));
  assert_selection_matches_core (&fixture);

  /* Segments. */
  activate (&fixture, "filter.segment", g_variant_new_string ("device"));
  g_assert_cmpint (likert_filter_bar_get_segment (fixture.bar), ==,
                   likert_frame_find_category (fixture.frame, "device"));
  activate (&fixture, "filter.segment", g_variant_new_string (""));
  g_assert_cmpint (likert_filter_bar_get_segment (fixture.bar), ==, -1);

  fixture_clear (&fixture);
}

static void
test_annotations (void)
{
  Fixture fixture;
  guint n_before, n_after;
  guint tag;

  fixture_init (&fixture);
  likert_filter_bar_get_rows (fixture.bar, &n_before);

  /* An excluded response leaves the default selection after a refresh. */
  likert_frame_set_status (fixture.frame, 7, LIKERT_STATUS_EXCLUDED);
  likert_filter_bar_refresh (fixture.bar);
  assert_selection_matches_core (&fixture);
  likert_filter_bar_get_rows (fixture.bar, &n_after);
  g_assert_cmpuint (n_after, ==, n_before - 1);

  /* A new tag appears in the tags popover and filters. */
  tag = likert_frame_add_tag (fixture.frame, 999, "checkout");
  likert_frame_set_tag (fixture.frame, 3, tag, TRUE);
  likert_frame_set_tag (fixture.frame, 9, tag, TRUE);
  likert_filter_bar_refresh (fixture.bar);
  activate (&fixture, "filter.toggle-tag", g_variant_new_string ("checkout"));
  assert_selection_matches_core (&fixture);
  likert_filter_bar_get_rows (fixture.bar, &n_after);
  g_assert_cmpuint (n_after, ==, 2);
  activate (&fixture, "filter.tag-match", g_variant_new_string ("none"));
  assert_selection_matches_core (&fixture);
  likert_filter_bar_get_rows (fixture.bar, &n_after);
  g_assert_cmpuint (n_after, ==, n_before - 3);
  {
    g_autoptr(GPtrArray) checks = g_ptr_array_new ();
    GtkMenuButton *tags = find_menu_button (fixture.bar, "Tags");

    g_assert_cmpstr (gtk_menu_button_get_label (tags), ==, "Tags (1)");
    collect_checks (GTK_WIDGET (gtk_menu_button_get_popover (tags)), checks);
    g_assert_cmpuint (checks->len, ==, 1);
    g_assert_true (gtk_check_button_get_active (checks->pdata[0]));
  }

  fixture_clear (&fixture);
}

static void
test_search_and_views (void)
{
  Fixture fixture;
  g_autofree char *json = NULL;
  g_autofree char *reloaded = NULL;
  g_auto(GStrv) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint64 *matches = NULL;
  guint n_matches = 0, n_selected = 0, changed;

  fixture_init (&fixture);

  /* Typing a word: the selection follows once the worker has searched. */
  changed = fixture.n_changed;
  activate (&fixture, "filter.search", g_variant_new_string ("slow"));
  g_assert_true (likert_filter_bar_is_busy (fixture.bar));
  g_assert_true (wait_for (bar_idle, fixture.bar, 30));
  g_assert_cmpuint (fixture.n_changed, ==, changed + 1);
  matches = likert_frame_search (fixture.frame, fixture.store, "slow", &n_matches, &error);
  g_assert_no_error (error);
  likert_filter_bar_get_rows (fixture.bar, &n_selected);
  g_assert_cmpuint (n_matches, >, 0);
  g_assert_cmpuint (n_selected, ==, n_matches);
  assert_selection_matches_core (&fixture);
  g_assert_cmpstr (likert_filter_bar_get_search (fixture.bar), ==, "slow");
  assert_facet_counts (&fixture, "country");

  /* A facet with a search set: no new search, the selection at once. */
  changed = fixture.n_changed;
  activate (&fixture, "filter.toggle-value", g_variant_new ("(ss)", "device", "mobile"));
  g_assert_false (likert_filter_bar_is_busy (fixture.bar));
  g_assert_cmpuint (fixture.n_changed, ==, changed + 1);
  assert_selection_matches_core (&fixture);

  /* Words typed quickly: only the last search counts. */
  activate (&fixture, "filter.search", g_variant_new_string ("sl"));
  activate (&fixture, "filter.search", g_variant_new_string ("slo"));
  activate (&fixture, "filter.search", g_variant_new_string ("checkout page"));
  assert_selection_matches_core (&fixture);
  g_assert_cmpstr (likert_filter_bar_get_search (fixture.bar), ==, "checkout page");

  /* Saving a view, clearing, loading it again. */
  json = likert_filter_to_json (likert_filter_bar_get_filter (fixture.bar));
  activate (&fixture, "filter.save-view", g_variant_new_string ("Mobile checkout"));
  views = likert_store_list_views (fixture.store, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) views, "Mobile checkout"));
  activate (&fixture, "filter.clear", NULL);
  assert_selection_matches_core (&fixture);
  likert_filter_bar_get_rows (fixture.bar, &n_selected);
  g_assert_cmpuint (n_selected, ==, likert_frame_get_n_rows (fixture.frame));
  g_assert_null (likert_filter_bar_get_search (fixture.bar));
  activate (&fixture, "filter.load-view", g_variant_new_string ("Mobile checkout"));
  assert_selection_matches_core (&fixture);
  reloaded = likert_filter_to_json (likert_filter_bar_get_filter (fixture.bar));
  g_assert_cmpstr (reloaded, ==, json);
  /* The search entry, first in the bar, shows the view's words. */
  {
    GtkWidget *entry = gtk_widget_get_first_child (GTK_WIDGET (fixture.bar));

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "checkout page");
  }
  activate (&fixture, "filter.delete-view", g_variant_new_string ("Mobile checkout"));
  g_strfreev (views);
  views = likert_store_list_views (fixture.store, &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains ((const char * const *) views, "Mobile checkout"));

  /* A filter naming what the project lacks: reported, and left out. */
  {
    g_autoptr(LikertFilter) filter = likert_filter_new ();

    likert_filter_add_value (filter, "planet", "Mars");
    likert_filter_add_value (filter, "device", "tablet");
    fixture.errors_expected = TRUE;
    likert_filter_bar_set_filter (fixture.bar, filter);
    g_assert_cmpuint (fixture.n_errors, ==, 1);
    fixture.errors_expected = FALSE;
    g_assert_false (likert_filter_has_value (likert_filter_bar_get_filter (fixture.bar),
                                             "planet", "Mars"));
    g_assert_true (likert_filter_has_value (likert_filter_bar_get_filter (fixture.bar),
                                            "device", "tablet"));
    assert_selection_matches_core (&fixture);
  }

  fixture_clear (&fixture);
}

static void
test_response_model (void)
{
  Fixture fixture;
  g_autoptr(LikertResponseModel) model = NULL;
  g_autoptr(LikertResponseItem) item = NULL;
  g_autofree guint *rows = NULL;
  const guint64 *selection;
  guint n_selected = 0, n_rows = 0;
  gboolean found = FALSE;

  fixture_init (&fixture);
  model = likert_response_model_new (fixture.store, fixture.frame);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    likert_frame_get_n_rows (fixture.frame));

  activate (&fixture, "filter.search", g_variant_new_string ("SLOW"));
  g_assert_true (wait_for (bar_idle, fixture.bar, 30));
  selection = likert_filter_bar_get_rows (fixture.bar, &n_selected);
  rows = likert_frame_sort_rows (fixture.frame, selection, LIKERT_SORT_TIME, 0, TRUE, &n_rows);
  g_assert_cmpuint (n_rows, ==, n_selected);
  likert_response_model_set_rows (model, g_steal_pointer (&rows), n_rows);
  likert_response_model_set_highlight (model, likert_filter_bar_get_search (fixture.bar));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_selected);

  for (guint i = 0; i < n_selected; i++)
    {
      g_autoptr(LikertResponseItem) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *comment = likert_response_item_get_comment (row);
      const char *markup = likert_response_item_get_comment_markup (row);

      /* Sorted newest first, and the right rows. */
      g_assert_cmpint (likert_response_model_get_response_id (model, i), ==,
                       likert_response_item_get_id (row));
      g_assert_cmpint (likert_response_model_find_position (model,
                                                            likert_response_item_get_id (row)),
                       ==, (gint) i);
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
      if (strstr (comment, "is slow,") != NULL)
        {
          g_assert_nonnull (strstr (markup, "is <b>slow</b>,"));
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n_selected));
  {
    gint64 first = likert_frame_get_response_id (fixture.frame, 0);

    /* Not shown (no “slow” in it): no position. */
    g_assert_cmpint (likert_response_model_find_position (model, first), ==, -1);
  }

  /* Highlighting: prefixes, case and accents ignored, markup escaped. */
  {
    struct { const char *text, *search, *markup; } cases[] = {
      { "a < b & c is slowly <slower>", "slow",
        "a &lt; b &amp; c is <b>slowly</b> &lt;<b>slower</b>&gt;" },
      { "Très RAPIDE, rapidement", "rapide tres",
        "<b>Très</b> <b>RAPIDE</b>, <b>rapidement</b>" },
      { "no match here", "slow", "no match here" },
      { "slow", NULL, "slow" },
      { "تجربة جميلة جداً.", "جميلة", "تجربة <b>جميلة</b> جداً." },
      { "fast/slow", "\"slow*\"", "fast/<b>slow</b>" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *markup = likert_highlight_markup (cases[i].text, cases[i].search);

        g_assert_cmpstr (markup, ==, cases[i].markup);
      }
  }

  /* Every row again; no highlight. */
  likert_response_model_set_highlight (model, NULL);
  rows = likert_frame_sort_rows (fixture.frame, NULL, LIKERT_SORT_RATING, 0, FALSE, &n_rows);
  likert_response_model_set_rows (model, g_steal_pointer (&rows), n_rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    likert_frame_get_n_rows (fixture.frame));
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (likert_response_item_get_rating (item), ==, "1");
  likert_response_model_set_rows (model, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  fixture_clear (&fixture);
}

/* A comment with markup characters, through the store, the model and an item. */
static void
test_markup_escaped (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_autoptr(LikertResponseModel) model = NULL;
  g_autoptr(LikertResponseItem) item = NULL;
  g_autoptr(GError) error = NULL;

  test_dir_init (&dir);
  csv = test_dir_write (&dir, "markup.csv",
                        "rating,comment\n5,\"<b>bold</b> & <i>slow</i> checkout\"\n1,fine\n", -1);
  path = import_project (&dir, csv, "markup.likert");
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  model = likert_response_model_new (store, frame);

  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (likert_response_item_get_comment_markup (item), ==,
                   "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;slow&lt;/i&gt; checkout");
  g_clear_object (&item);
  likert_response_model_set_highlight (model, "slow");
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (likert_response_item_get_comment (item), ==,
                   "<b>bold</b> & <i>slow</i> checkout");
  g_assert_cmpstr (likert_response_item_get_comment_markup (item), ==,
                   "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;<b>slow</b>&lt;/i&gt; checkout");

  g_clear_object (&model);
  g_clear_pointer (&frame, likert_frame_unref);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  test_dir_clear (&dir);
}

static void
test_templates (gconstpointer data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  GtkWindow *window;
  GtkWidget *bar;
  int narrow, wide;

  gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  window = GTK_WINDOW (gtk_window_new ());
  bar = likert_filter_bar_new ();
  gtk_window_set_child (window, bar);
  gtk_window_present (window);
  drain ();
  g_assert_cmpint (gtk_widget_get_direction (bar), ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  g_assert_null (likert_filter_bar_get_rows (LIKERT_FILTER_BAR (bar), NULL));
  g_assert_cmpint (likert_filter_bar_get_segment (LIKERT_FILTER_BAR (bar)), ==, -1);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (bar)), ==,
                   GTK_ACCESSIBLE_ROLE_TOOLBAR);

  /* The bar wraps: narrow, it is taller. */
  gtk_widget_measure (bar, GTK_ORIENTATION_VERTICAL, 200, &narrow, NULL, NULL, NULL);
  gtk_widget_measure (bar, GTK_ORIENTATION_VERTICAL, 4000, &wide, NULL, NULL, NULL);
  g_assert_cmpint (narrow, >, wide);

  gtk_window_destroy (window);
  drain ();
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

static void
test_rtl (void)
{
  Fixture fixture;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  fixture_init (&fixture);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (fixture.bar)), ==, GTK_TEXT_DIR_RTL);
  activate (&fixture, "filter.toggle-value", g_variant_new ("(ss)", "language", "ar"));
  assert_selection_matches_core (&fixture);
  assert_popover_shows_counts (&fixture, "country");
  fixture_clear (&fixture);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/filter-bar/templates/ltr", GINT_TO_POINTER (FALSE), test_templates);
  g_test_add_data_func ("/filter-bar/templates/rtl", GINT_TO_POINTER (TRUE), test_templates);
  g_test_add_func ("/filter-bar/facets", test_facets);
  g_test_add_func ("/filter-bar/annotations", test_annotations);
  g_test_add_func ("/filter-bar/search-and-views", test_search_and_views);
  g_test_add_func ("/filter-bar/response-model", test_response_model);
  g_test_add_func ("/filter-bar/markup-escaped", test_markup_escaped);
  g_test_add_func ("/filter-bar/rtl", test_rtl);
  return g_test_run ();
}
