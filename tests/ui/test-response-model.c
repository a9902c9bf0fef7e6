/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The response model in a column view as the window has it: how many items GTK 4.8 asks for
 * when the rows change. One items-changed over every row made GTK call get_item for each row
 * (looking for the row its view was anchored to): 15 s on two million responses. The model now
 * replaces its rows in two steps and redraws only the items still alive. */
#include "config.h"

#include <adwaita.h>

#include "likert-frame.h"
#include "likert-import.h"
#include "likert-response-item.h"
#include "likert-response-model.h"
#include "likert-store.h"
#include "test-common.h"

#define N_ROWS 3000

typedef struct
{
  TestDir              dir;
  LikertStore         *store;
  LikertFrame         *frame;
  LikertResponseModel *model;
  GtkWindow           *window;
  GtkColumnView       *view;
  guint                n_asked;   /* items GTK asked for (through the counting map) */
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gpointer
count_item_cb (gpointer item,
               gpointer user_data)
{
  Fixture *f = user_data;

  f->n_asked++;
  return item;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  LikertResponseItem *response = gtk_list_item_get_item (item);

  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)),
                        likert_response_item_get_comment_markup (response));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("id,rating,comment\n");
  g_autofree char *csv_path = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkMapListModel *counted;

  test_dir_init (&f->dir);
  for (guint i = 1; i <= N_ROWS; i++)
    g_string_append_printf (csv, "R%u,%u,Comment number %u is slow\n", i, 1 + i % 5, i);
  csv_path = test_dir_write (&f->dir, "rows.csv", csv->str, -1);
  path = test_dir_file (&f->dir, "rows.likert");
  f->store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (f->store, csv_path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->frame = likert_frame_load (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (likert_frame_get_n_rows (f->frame), ==, N_ROWS);

  f->model = likert_response_model_new (f->store, f->frame);
  counted = gtk_map_list_model_new (g_object_ref (G_LIST_MODEL (f->model)), count_item_cb, f,
                                    NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);
  f->view = GTK_COLUMN_VIEW (gtk_column_view_new (
      GTK_SELECTION_MODEL (gtk_multi_selection_new (G_LIST_MODEL (counted)))));
  column = gtk_column_view_column_new ("Comment", factory);
  gtk_column_view_append_column (f->view, column);
  g_object_unref (column);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 400, 300);
  gtk_window_set_child (f->window, gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_window_get_child (f->window)),
                                 GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  drain ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  drain ();
  g_object_unref (f->model);
  likert_frame_unref (f->frame);
  g_object_unref (f->store);
  test_dir_clear (&f->dir);
}

/* Every row, last first. */
static guint *
reversed_rows (void)
{
  guint *rows = g_new (guint, N_ROWS);

  for (guint i = 0; i < N_ROWS; i++)
    rows[i] = N_ROWS - 1 - i;
  return rows;
}

static const char *
bound_markup (Fixture *f,
              guint    position)
{
  /* The first row widget's label: the column view's rows are in position order. */
  g_autoptr(LikertResponseItem) item = g_list_model_get_item (
      G_LIST_MODEL (gtk_column_view_get_model (f->view)), position);

  return likert_response_item_get_comment_markup (item);
}

/* New rows: GTK makes its rows for the first ones (at most a few hundred), not one per row. */
static void
test_set_rows (Fixture       *f,
               gconstpointer  data)
{
  f->n_asked = 0;
  likert_response_model_set_rows (f->model, reversed_rows (), N_ROWS);
  drain ();
  g_test_message ("set_rows: %u items asked for, of %u", f->n_asked, N_ROWS);
  g_assert_cmpuint (f->n_asked, >, 0);
  g_assert_cmpuint (f->n_asked, <, N_ROWS / 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_ROWS);
  g_assert_cmpint (likert_response_model_get_row (f->model, 0), ==, N_ROWS - 1);
  g_assert_cmpstr (bound_markup (f, 0), ==, "Comment number 3000 is slow");

  /* Fewer rows, then none, then all again. */
  f->n_asked = 0;
  likert_response_model_set_rows (f->model, g_memdup2 ((guint[]) { 5, 7 }, 2 * sizeof (guint)),
                                  2);
  likert_response_model_set_rows (f->model, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  likert_response_model_set_rows (f->model, reversed_rows (), N_ROWS);
  drain ();
  g_assert_cmpuint (f->n_asked, <, N_ROWS / 3);
}

/* A new search word and a refresh make again the rows the view has, and only those. */
static void
test_redraw (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *row;
  guint n_labels = 0, n_bold = 0;

  drain ();
  f->n_asked = 0;
  likert_response_model_set_highlight (f->model, "slow");
  drain ();
  g_test_message ("highlight: %u items asked for, of %u", f->n_asked, N_ROWS);
  g_assert_cmpuint (f->n_asked, >, 0);
  g_assert_cmpuint (f->n_asked, <, N_ROWS / 3);

  /* Every row the view shows now has the word in bold. */
  for (row = gtk_widget_get_first_child (GTK_WIDGET (f->view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *stack[64];
      guint depth = 0;

      stack[depth++] = row;
      while (depth > 0)
        {
          GtkWidget *widget = stack[--depth];

          if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)),
                                               "Comment number") != NULL)
            {
              n_labels++;
              n_bold += strstr (gtk_label_get_label (GTK_LABEL (widget)), "<b>slow</b>") != NULL;
            }
          for (GtkWidget *child = gtk_widget_get_first_child (widget);
               child != NULL && depth < G_N_ELEMENTS (stack);
               child = gtk_widget_get_next_sibling (child))
            stack[depth++] = child;
        }
    }
  g_assert_cmpuint (n_labels, >, 0);
  g_assert_cmpuint (n_bold, ==, n_labels);

  /* A refresh makes the live rows again, no more. */
  f->n_asked = 0;
  likert_response_model_refresh (f->model);
  drain ();
  g_assert_cmpuint (f->n_asked, >, 0);
  g_assert_cmpuint (f->n_asked, <, N_ROWS / 3);

  /* New rows and new words at once: the rows are made once, with the words. */
  f->n_asked = 0;
  likert_response_model_show (f->model, reversed_rows (), N_ROWS, "number");
  drain ();
  g_test_message ("show: %u items asked for, of %u", f->n_asked, N_ROWS);
  g_assert_cmpuint (f->n_asked, <, N_ROWS / 3);
  g_assert_cmpstr (bound_markup (f, 0), ==, "Comment <b>number</b> 3000 is slow");
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "(%u,%u,%u)", position, removed, added);
}

/* Held, the model shows its first rows only; released, the rest are added after them. */
static void
test_hold (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LikertResponseModel) model = likert_response_model_new (f->store, f->frame);
  g_autoptr(GString) log = g_string_new (NULL);
  gint64 late = likert_frame_get_response_id (f->frame, 2000);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), log);
  likert_response_model_hold (model, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  g_assert_cmpint (likert_response_model_find_position (model, late), ==, -1);
  likert_response_model_release (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_cmpint (likert_response_model_find_position (model, late), ==, 2000);
  likert_response_model_release (model);
  g_assert_cmpstr (log->str, ==, "(100,2900,0)(100,0,2900)");

  /* New rows end a hold. */
  g_string_truncate (log, 0);
  likert_response_model_hold (model, 10);
  likert_response_model_set_rows (model, reversed_rows (), N_ROWS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_cmpstr (log->str, ==, "(10,2990,0)(0,10,0)(0,0,3000)");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/response-model/set-rows", Fixture, NULL, fixture_setup, test_set_rows,
              fixture_teardown);
  g_test_add ("/response-model/redraw", Fixture, NULL, fixture_setup, test_redraw,
              fixture_teardown);
  g_test_add ("/response-model/hold", Fixture, NULL, fixture_setup, test_hold,
              fixture_teardown);
  return g_test_run ();
}
