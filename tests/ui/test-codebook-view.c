/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The codebook view over the sample project with a few tags in use, driven through its
 * actions and dialogs as a user would, checked against the store (likert-codebook.h) and the
 * frame's bitmaps.
 *
 * Not a test, for looking at it in review: with LIKERT_SHOT=OUT (a path without .png) it
 * renders the view to OUT.png, its colour palette to OUT-palette.png and its merge dialog to
 * OUT-merge.png instead, in the locale of
 * the environment (LIKERT_LOCALEDIR=<build>/po LANGUAGE=ar: Arabic, right to left), with
 * LIKERT_SHOT_DARK=1 in the dark style. */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "likert-codebook-view.h"
#include "likert-codebook.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-store.h"
#include "test-common.h"

typedef struct
{
  TestDir             dir;
  char               *path;
  LikertStore        *store;
  LikertFrame        *frame;
  GtkWindow          *window;
  LikertCodebookView *view;
  gint64              billing, fees, price, speed;
  guint               n_changed;
  guint               n_errors;
  gint64              filtered;
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
changed_cb (LikertCodebookView *view,
            Fixture            *f)
{
  f->n_changed++;
}

static void
error_cb (LikertCodebookView *view,
          const GError       *error,
          Fixture            *f)
{
  g_test_message ("error: %s", error->message);
  f->n_errors++;
}

static void
filter_tag_cb (LikertCodebookView *view,
               gint64              tag_id,
               Fixture            *f)
{
  f->filtered = tag_id;
}

static gint64
create_tag (Fixture    *f,
            const char *name,
            gint64      parent_id,
            const char *shortcut)
{
  g_autoptr(GError) error = NULL;
  gint64 id = likert_codebook_create (f->store, name, parent_id, "#0072b2", NULL, shortcut, "test",
                                      &error);

  g_assert_no_error (error);
  return id;
}

/* Tags every step-th row from first on with tag_id. */
static void
tag_rows (Fixture *f,
          gint64   tag_id,
          guint    first,
          guint    step)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  for (guint row = first; row < likert_frame_get_n_rows (f->frame); row += step)
    {
      gint64 id = likert_frame_get_response_id (f->frame, row);

      g_array_append_val (ids, id);
    }
  likert_store_bulk_tag (f->store, (const gint64 *) ids->data, ids->len, tag_id, TRUE, "test",
                         &n_changed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, ids->len);
}

static void
fixture_init (Fixture *f)
{
  g_autofree char *sample = test_sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  memset (f, 0, sizeof *f);
  test_dir_init (&f->dir);
  f->path = test_dir_file (&f->dir, "sample.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (f->store, sample, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->frame = likert_frame_load (f->store, NULL, &error);
  g_assert_no_error (error);

  f->billing = create_tag (f, "Billing", 0, "b");
  f->fees = create_tag (f, "Fees", f->billing, NULL);
  f->price = create_tag (f, "Price", 0, "p");
  f->speed = create_tag (f, "Speed", 0, NULL);
  tag_rows (f, f->billing, 0, 3);
  tag_rows (f, f->fees, 1, 7);
  tag_rows (f, f->price, 0, 5);
  tag_rows (f, f->speed, 2, 11);
  g_assert_true (likert_frame_reload_tags (f->frame, f->store, &error));
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 600);
  f->view = LIKERT_CODEBOOK_VIEW (likert_codebook_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  g_signal_connect (f->view, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->view, "error", G_CALLBACK (error_cb), f);
  g_signal_connect (f->view, "filter-tag", G_CALLBACK (filter_tag_cb), f);
  gtk_window_present (f->window);
  likert_codebook_view_set_project (f->view, f->store, f->frame, "Tester");
  drain ();
}

static void
fixture_clear (Fixture *f)
{
  gtk_window_destroy (f->window);
  drain ();
  likert_frame_unref (f->frame);
  g_object_unref (f->store);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_free (f->path);
  test_dir_clear (&f->dir);
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  /* GTK 4.8 does not sink a floating parameter. */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, owned));
  drain ();
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      if ((found = find_descendant (child, type, css_class)) != NULL)
        return found;
    }
  return NULL;
}

static GtkListBox *
get_list (Fixture *f)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (f->view), GTK_TYPE_LIST_BOX, NULL);

  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (get_list (f), (int) n) != NULL)
    n++;
  return n;
}

static GtkWidget *
find_row (Fixture *f,
          gint64   tag_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (get_list (f), i)) != NULL; i++)
    {
      gint64 *id = g_object_get_data (G_OBJECT (row), "likert-tag-id");

      if (id != NULL && *id == tag_id)
        return GTK_WIDGET (row);
    }
  return NULL;
}

static const char *
row_label (GtkWidget  *row,
           const char *css_class)
{
  GtkWidget *label = find_descendant (row, GTK_TYPE_LABEL, css_class);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The count a row shows (digits only, whatever the grouping). */
static guint64
shown_count (Fixture *f,
             gint64   tag_id)
{
  GtkWidget *row = find_row (f, tag_id);
  const char *text;
  guint64 n = 0;

  g_assert_nonnull (row);
  text = row_label (row, "tag-count");
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      n = n * 10 + (guint64) (*p - '0');
  return n;
}

static guint64
frame_count (Fixture       *f,
             gint64         tag_id,
             const guint64 *filter)
{
  gint t = likert_frame_find_tag (f->frame, tag_id);
  gsize n_words = likert_frame_bitmap_words (f->frame);
  const guint64 *rows;
  guint64 n = 0;

  g_assert_cmpint (t, >=, 0);
  rows = likert_frame_get_tag_rows (f->frame, (guint) t);
  for (gsize w = 0; w < n_words; w++)
    n += (guint64) __builtin_popcountll (filter != NULL ? rows[w] & filter[w] : rows[w]);
  return n;
}

static gint64
store_count (Fixture *f,
             gint64   tag_id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = likert_codebook_count_uses (f->store, tag_id, &error);

  g_assert_no_error (error);
  return n;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Answers the open dialog as its button would: the response, then the window closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
}

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *entry = find_descendant (adw_message_dialog_get_extra_child (dialog),
                                      GTK_TYPE_ENTRY, NULL);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static void
choose (AdwMessageDialog *dialog,
        const char       *item)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkDropDown *choice = GTK_DROP_DOWN (find_descendant (extra, GTK_TYPE_DROP_DOWN, NULL));
  GListModel *items = gtk_drop_down_get_model (choice);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (items, i);

      if (g_strcmp0 (gtk_string_object_get_string (string), item) == 0)
        {
          gtk_drop_down_set_selected (choice, i);
          return;
        }
    }
  g_error ("no item “%s” to choose", item);
}

/* The colour palette: a popover of the view's own (the rows' menus have theirs). */
static GtkWidget *
find_palette (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      return child;
  return NULL;
}

static void
test_templates (gconstpointer data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;

  gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  view = likert_codebook_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  /* No project: the empty page, nothing to create or export. */
  g_assert_false (gtk_widget_get_sensitive (find_descendant (view, GTK_TYPE_ENTRY, NULL)));
  g_assert_false (gtk_widget_get_sensitive (find_descendant (view, GTK_TYPE_BUTTON, NULL)));
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_STACK (child))
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child)), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

static void
test_tree_and_counts (void)
{
  Fixture f;
  guint n = 0;
  g_autofree guint64 *filter = NULL;
  gsize n_words;
  GtkWidget *billing_row, *fees_row;
  graphene_rect_t billing_name, fees_name;

  fixture_init (&f);
  g_assert_cmpuint (n_rows (&f), ==, 4);
  /* Tree order: Billing, its Fees, Price, Speed; Fees stands in. */
  g_assert_true (find_row (&f, f.billing) == GTK_WIDGET (gtk_list_box_get_row_at_index (get_list (&f), 0)));
  g_assert_true (find_row (&f, f.fees) == GTK_WIDGET (gtk_list_box_get_row_at_index (get_list (&f), 1)));
  g_assert_true (find_row (&f, f.price) == GTK_WIDGET (gtk_list_box_get_row_at_index (get_list (&f), 2)));
  billing_row = find_row (&f, f.billing);
  fees_row = find_row (&f, f.fees);
  g_assert_true (gtk_widget_compute_bounds (find_descendant (billing_row, GTK_TYPE_LABEL,
                                                             "tag-name"),
                                            GTK_WIDGET (f.view), &billing_name));
  g_assert_true (gtk_widget_compute_bounds (find_descendant (fees_row, GTK_TYPE_LABEL,
                                                             "tag-name"),
                                            GTK_WIDGET (f.view), &fees_name));
  g_assert_cmpfloat (fees_name.origin.x, >, billing_name.origin.x);
  g_assert_cmpstr (row_label (billing_row, "tag-name"), ==, "Billing");
  g_assert_cmpstr (row_label (billing_row, "tag-shortcut"), ==, "b");
  g_assert_null (find_descendant (fees_row, GTK_TYPE_LABEL, "tag-shortcut"));

  /* No filter: every use; the store agrees. */
  for (gint64 id = f.billing; id <= f.speed; id++)
    {
      g_assert_cmpuint (shown_count (&f, id), ==, frame_count (&f, id, NULL));
      g_assert_cmpint ((gint64) shown_count (&f, id), ==, store_count (&f, id));
    }

  /* A filter: the rows 100 … 1999 and every fourth row after. */
  filter = likert_frame_bitmap_new (f.frame, FALSE);
  n_words = likert_frame_bitmap_words (f.frame);
  for (guint row = 100; row < likert_frame_get_n_rows (f.frame); row++)
    if (row < 2000 || row % 4 == 0)
      filter[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);
  likert_codebook_view_set_filter (f.view, filter);
  /* The view keeps its own copy. */
  memset (filter, 0, n_words * sizeof (guint64));
  for (guint row = 100; row < likert_frame_get_n_rows (f.frame); row++)
    if (row < 2000 || row % 4 == 0)
      filter[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);
  for (gint64 id = f.billing; id <= f.speed; id++)
    {
      guint64 expected = frame_count (&f, id, filter);

      g_assert_cmpuint (expected, <, frame_count (&f, id, NULL));
      g_assert_cmpuint (shown_count (&f, id), ==, expected);
      n++;
    }
  g_assert_cmpuint (n, ==, 4);

  /* Tagging elsewhere, then refresh. */
  likert_frame_set_tag (f.frame, 101, (guint) likert_frame_find_tag (f.frame, f.speed),
                        !likert_frame_has_tag (f.frame, 101,
                                               (guint) likert_frame_find_tag (f.frame, f.speed)));
  likert_codebook_view_refresh (f.view);
  g_assert_cmpuint (shown_count (&f, f.speed), ==, frame_count (&f, f.speed, filter));

  likert_codebook_view_set_filter (f.view, NULL);
  g_assert_cmpuint (shown_count (&f, f.speed), ==, frame_count (&f, f.speed, NULL));
  g_assert_cmpuint (f.n_errors, ==, 0);
  fixture_clear (&f);
}

static void
test_create_and_subtag (void)
{
  Fixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertTag) tag = NULL;
  GtkEditable *entry;
  AdwMessageDialog *dialog;
  gint64 id;

  fixture_init (&f);
  entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (f.view), GTK_TYPE_ENTRY, NULL));
  /* Nothing typed: the Add button is off, and the action creates nothing. */
  g_assert_false (gtk_widget_get_sensitive (find_descendant (GTK_WIDGET (f.view), GTK_TYPE_BUTTON,
                                                             NULL)));
  gtk_widget_activate_action (GTK_WIDGET (f.view), "codebook.create", NULL);
  g_assert_cmpuint (n_rows (&f), ==, 4);
  gtk_editable_set_text (entry, "  Navigation ");
  g_assert_true (gtk_widget_get_sensitive (find_descendant (GTK_WIDGET (f.view), GTK_TYPE_BUTTON,
                                                            NULL)));
  activate (&f, "codebook.create", NULL);
  id = likert_codebook_find (f.store, 0, "Navigation");
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_nonnull (find_row (&f, id));
  g_assert_cmpstr (row_label (find_row (&f, id), "tag-name"), ==, "Navigation");
  g_assert_cmpuint (shown_count (&f, id), ==, 0);
  g_assert_cmpint (likert_frame_find_tag (f.frame, id), >=, 0);
  g_assert_cmpstr (likert_frame_get_tag_name (f.frame, (guint) likert_frame_find_tag (f.frame, id)),
                   ==, "Navigation");
  g_assert_cmpuint (f.n_changed, ==, 1);
  /* A new tag takes a colour. */
  tag = likert_codebook_get_tag (f.store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tag->colour);

  /* The same name again: refused, shown through "error", nothing created. */
  gtk_editable_set_text (entry, "Navigation");
  activate (&f, "codebook.create", NULL);
  g_assert_cmpuint (f.n_errors, ==, 1);
  g_assert_cmpuint (n_rows (&f), ==, 5);

  /* A subtag from the row's menu; the name is checked as it is typed. */
  activate (&f, "codebook.add-subtag", g_variant_new_int64 (f.billing));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (dialog_entry (dialog), "Fees");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (dialog_entry (dialog), "Refunds");
  respond (dialog, "apply");
  id = likert_codebook_find (f.store, f.billing, "Refunds");
  g_assert_cmpint (id, !=, 0);
  g_assert_nonnull (find_row (&f, id));
  g_assert_cmpint (likert_frame_find_tag (f.frame, id), >=, 0);
  g_assert_cmpuint (n_rows (&f), ==, 6);
  g_assert_cmpuint (f.n_changed, ==, 2);
  fixture_clear (&f);
}

static void
test_rename (void)
{
  Fixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertTag) tag = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *problem;
  guint64 before;

  fixture_init (&f);
  before = shown_count (&f, f.price);
  activate (&f, "codebook.rename", g_variant_new_int64 (f.price));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (dialog_entry (dialog)), ==, "Price");
  /* A sibling's name: refused with a reason. */
  gtk_editable_set_text (dialog_entry (dialog), "Speed");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  problem = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL, "error");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "Speed"));
  gtk_editable_set_text (dialog_entry (dialog), "Cost");
  g_assert_false (gtk_widget_get_visible (problem));
  /* Enter in the entry answers. */
  g_signal_emit_by_name (dialog_entry (dialog), "activate");
  drain ();
  g_assert_null (find_dialog ());

  tag = likert_codebook_get_tag (f.store, f.price, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tag->name, ==, "Cost");
  g_assert_cmpstr (row_label (find_row (&f, f.price), "tag-name"), ==, "Cost");
  g_assert_cmpuint (shown_count (&f, f.price), ==, before);
  g_assert_cmpint (likert_frame_find_tag_by_name (f.frame, "Cost"), ==,
                   likert_frame_find_tag (f.frame, f.price));
  g_assert_cmpint (likert_frame_find_tag_by_name (f.frame, "Price"), ==, -1);
  g_assert_cmpuint (f.n_changed, ==, 1);

  /* Cancel changes nothing. */
  activate (&f, "codebook.rename", g_variant_new_int64 (f.price));
  dialog = find_dialog ();
  gtk_editable_set_text (dialog_entry (dialog), "Other");
  respond (dialog, "cancel");
  g_assert_cmpstr (row_label (find_row (&f, f.price), "tag-name"), ==, "Cost");
  g_assert_cmpuint (f.n_changed, ==, 1);
  fixture_clear (&f);
}

static void
test_merge (void)
{
  Fixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertTag) gone = NULL;
  g_autofree char *uses = NULL;
  AdwMessageDialog *dialog;
  gsize n_words;
  guint64 expected = 0;
  gint s, t;

  fixture_init (&f);
  /* The union of Price's and Speed's rows. */
  n_words = likert_frame_bitmap_words (f.frame);
  s = likert_frame_find_tag (f.frame, f.speed);
  t = likert_frame_find_tag (f.frame, f.price);
  for (gsize w = 0; w < n_words; w++)
    expected += (guint64) __builtin_popcountll (likert_frame_get_tag_rows (f.frame, (guint) s)[w]
                                                | likert_frame_get_tag_rows (f.frame, (guint) t)[w]);
  g_assert_cmpuint (expected, >, shown_count (&f, f.price));

  activate (&f, "codebook.merge", g_variant_new_int64 (f.speed));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  choose (dialog, "Price");
  /* The dialog names how many responses move, and where. */
  uses = g_strdup_printf ("%'" G_GINT64_FORMAT, store_count (&f, f.speed));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), uses));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Price”"));
  respond (dialog, "apply");

  g_assert_null (find_row (&f, f.speed));
  g_assert_cmpuint (n_rows (&f), ==, 3);
  g_assert_cmpuint (shown_count (&f, f.price), ==, expected);
  g_assert_cmpint (store_count (&f, f.price), ==, (gint64) expected);
  g_assert_cmpint (store_count (&f, f.speed), ==, 0);
  gone = likert_codebook_get_tag (f.store, f.speed, &error);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (likert_frame_find_tag (f.frame, f.speed), ==, -1);
  g_assert_cmpuint (frame_count (&f, f.price, NULL), ==, expected);
  g_assert_cmpuint (f.n_changed, ==, 1);

  /* Billing (with its subtag Fees) into Price: Fees moves under Price. */
  activate (&f, "codebook.merge", g_variant_new_int64 (f.billing));
  dialog = find_dialog ();
  choose (dialog, "Price");
  respond (dialog, "apply");
  g_assert_cmpint (likert_codebook_find (f.store, f.price, "Fees"), ==, f.fees);
  g_assert_nonnull (find_row (&f, f.fees));
  g_assert_cmpuint (shown_count (&f, f.fees), ==, (guint64) store_count (&f, f.fees));
  g_assert_cmpuint (shown_count (&f, f.price), ==, (guint64) store_count (&f, f.price));
  g_assert_cmpuint (f.n_errors, ==, 0);
  fixture_clear (&f);
}

static void
test_delete (void)
{
  Fixture f;
  g_autofree char *uses = NULL;
  AdwMessageDialog *dialog;
  gint64 n_uses;

  fixture_init (&f);
  n_uses = store_count (&f, f.billing);
  g_assert_cmpint (n_uses, >, 0);
  activate (&f, "codebook.delete", g_variant_new_int64 (f.billing));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  uses = g_strdup_printf ("%'" G_GINT64_FORMAT, n_uses);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), uses));
  /* Cancelled: still there. */
  respond (dialog, "cancel");
  g_assert_nonnull (find_row (&f, f.billing));
  g_assert_cmpint (store_count (&f, f.billing), ==, n_uses);

  activate (&f, "codebook.delete", g_variant_new_int64 (f.billing));
  respond (find_dialog (), "apply");
  g_assert_null (find_row (&f, f.billing));
  g_assert_cmpint (store_count (&f, f.billing), ==, 0);
  g_assert_cmpint (likert_frame_find_tag (f.frame, f.billing), ==, -1);
  /* Fees, its subtag, moved to the top level and kept its uses. */
  g_assert_nonnull (find_row (&f, f.fees));
  g_assert_cmpint (likert_codebook_find (f.store, 0, "Fees"), ==, f.fees);
  g_assert_cmpuint (shown_count (&f, f.fees), ==, (guint64) store_count (&f, f.fees));
  g_assert_cmpuint (f.n_changed, ==, 1);
  fixture_clear (&f);
}

static void
test_edits (void)
{
  Fixture f;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *popover, *button;

  fixture_init (&f);

  /* Key: one taken is refused with its owner's name. */
  activate (&f, "codebook.set-shortcut", g_variant_new_int64 (f.speed));
  dialog = find_dialog ();
  gtk_editable_set_text (dialog_entry (dialog), "b");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_descendant (
                      adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL, "error"))),
                    "Billing"));
  gtk_editable_set_text (dialog_entry (dialog), "s");
  respond (dialog, "apply");
  g_assert_cmpint (likert_codebook_find_shortcut (f.store, "s"), ==, f.speed);
  g_assert_cmpstr (row_label (find_row (&f, f.speed), "tag-shortcut"), ==, "s");

  /* Description. */
  activate (&f, "codebook.describe", g_variant_new_int64 (f.speed));
  dialog = find_dialog ();
  {
    GtkTextView *text = GTK_TEXT_VIEW (find_descendant (adw_message_dialog_get_extra_child (dialog),
                                                        GTK_TYPE_TEXT_VIEW, NULL));
    g_autoptr(LikertTag) tag = NULL;

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (text), "Pages that load slowly\n", -1);
    respond (dialog, "apply");
    tag = likert_codebook_get_tag (f.store, f.speed, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tag->description, ==, "Pages that load slowly");
  }

  /* Move Fees to the top level, then under Price. */
  activate (&f, "codebook.move", g_variant_new_int64 (f.fees));
  dialog = find_dialog ();
  /* Its current parent is chosen: nothing to do yet. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  choose (dialog, "Top Level");
  respond (dialog, "apply");
  g_assert_cmpint (likert_codebook_find (f.store, 0, "Fees"), ==, f.fees);
  activate (&f, "codebook.move", g_variant_new_int64 (f.fees));
  dialog = find_dialog ();
  choose (dialog, "Price");
  respond (dialog, "apply");
  g_assert_cmpint (likert_codebook_find (f.store, f.price, "Fees"), ==, f.fees);
  g_assert_true (find_row (&f, f.fees)
                 == GTK_WIDGET (gtk_list_box_get_row_at_index (get_list (&f), 2)));
  /* A tag cannot move under itself: Price's move offers neither Price nor Fees. */
  activate (&f, "codebook.move", g_variant_new_int64 (f.price));
  dialog = find_dialog ();
  {
    GListModel *items = gtk_drop_down_get_model (GTK_DROP_DOWN (find_descendant (
                          adw_message_dialog_get_extra_child (dialog), GTK_TYPE_DROP_DOWN, NULL)));

    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);  /* Top Level, Billing, Speed */
  }
  respond (dialog, "cancel");

  /* Colour from the palette popover. */
  activate (&f, "codebook.recolour", g_variant_new_int64 (f.speed));
  popover = find_palette (&f);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  button = find_descendant (popover, GTK_TYPE_BUTTON, NULL);
  {
    GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
    g_autofree char *colour = NULL;
    gint64 id = 0;
    g_autoptr(LikertTag) tag = NULL;

    g_variant_get (target, "(xs)", &id, &colour);
    g_assert_cmpint (id, ==, f.speed);
    gtk_widget_activate (button);
    test_settle ();
    tag = likert_codebook_get_tag (f.store, f.speed, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tag->colour, ==, colour);
  }
  g_assert_null (find_palette (&f));
  activate (&f, "codebook.set-colour", g_variant_new ("(xs)", f.speed, ""));
  {
    g_autoptr(LikertTag) tag = likert_codebook_get_tag (f.store, f.speed, &error);

    g_assert_no_error (error);
    g_assert_null (tag->colour);
  }
  g_assert_cmpuint (f.n_changed, ==, 6);
  g_assert_cmpuint (f.n_errors, ==, 0);
  fixture_clear (&f);
}

static void
test_filter_tag (void)
{
  Fixture f;

  fixture_init (&f);
  g_assert_true (gtk_widget_activate (find_row (&f, f.price)));
  drain ();
  g_assert_cmpint (f.filtered, ==, f.price);
  activate (&f, "codebook.filter", g_variant_new_int64 (f.fees));
  g_assert_cmpint (f.filtered, ==, f.fees);
  g_assert_cmpuint (f.n_changed, ==, 0);
  fixture_clear (&f);
}

/* Presses key on the view as its key bindings see it (through its shortcut controller). */
static gboolean
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              gboolean done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                            GTK_WIDGET (f->view),
                                                            gtk_shortcut_get_arguments (shortcut));

              drain ();
              return done;
            }
        }
    }
  g_error ("no binding for %s", gdk_keyval_name (keyval));
  return FALSE;
}

static void
test_keys (void)
{
  Fixture f;
  AdwMessageDialog *dialog;
  GtkMenuButton *menu_button;

  fixture_init (&f);
  /* Nothing focused in the list: the keys are left to others. */
  gtk_widget_grab_focus (find_descendant (GTK_WIDGET (f.view), GTK_TYPE_ENTRY, NULL));
  g_assert_false (press (&f, GDK_KEY_F2, 0));
  g_assert_null (find_dialog ());

  g_assert_true (gtk_widget_grab_focus (find_row (&f, f.speed)));
  g_assert_true (press (&f, GDK_KEY_F2, 0));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (dialog_entry (dialog)), ==, "Speed");
  respond (dialog, "cancel");

  g_assert_true (gtk_widget_grab_focus (find_row (&f, f.price)));
  g_assert_true (press (&f, GDK_KEY_Delete, 0));
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Price"));
  respond (dialog, "cancel");
  g_assert_nonnull (find_row (&f, f.price));

  /* The dialogs' windows gone (a slow machine may still be closing them) before the menu. */
  test_settle ();
  g_assert_true (gtk_widget_grab_focus (find_row (&f, f.fees)));
  g_assert_true (press (&f, GDK_KEY_F10, GDK_SHIFT_MASK));
  menu_button = GTK_MENU_BUTTON (find_descendant (find_row (&f, f.fees), GTK_TYPE_MENU_BUTTON,
                                                  NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (menu_button))));
  gtk_menu_button_popdown (menu_button);
  test_settle ();
  g_assert_cmpuint (f.n_changed, ==, 0);
  fixture_clear (&f);
}

static void
test_import_export (void)
{
  Fixture f;
  g_autoptr(GError) error = NULL;
  g_autofree char *qdc = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(LikertStore) other = NULL;
  GtkWidget *window, *view, *status;

  fixture_init (&f);
  qdc = test_dir_file (&f.dir, "codebook.qdc");
  csv = test_dir_file (&f.dir, "codebook.csv");
  g_assert_true (likert_codebook_view_export (f.view, qdc, &error));
  g_assert_no_error (error);
  g_assert_true (likert_codebook_view_export (f.view, csv, &error));
  g_assert_no_error (error);

  /* Into an empty project. */
  other_path = test_dir_file (&f.dir, "other.likert");
  other = likert_store_open (other_path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  window = gtk_window_new ();
  view = likert_codebook_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  likert_codebook_view_set_project (LIKERT_CODEBOOK_VIEW (view), other, NULL, NULL);
  g_assert_true (likert_codebook_view_import (LIKERT_CODEBOOK_VIEW (view), qdc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (likert_codebook_find_path (other, "Billing / Fees"), !=, 0);
  status = find_descendant (view, GTK_TYPE_LABEL, "caption");
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "4"));
  /* The CSV: the same tags, now with their keys (a .qdc has none). */
  g_assert_true (likert_codebook_view_import (LIKERT_CODEBOOK_VIEW (view), csv, &error));
  g_assert_no_error (error);
  g_assert_cmpint (likert_codebook_find_shortcut (other, "p"), ==,
                   likert_codebook_find (other, 0, "Price"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "2 updated"));
  {
    g_autoptr(GPtrArray) tags = likert_store_list_tags (other, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (tags->len, ==, 4);
  }
  /* A file that is not a codebook: an error, the codebook as it was. */
  {
    g_autofree char *bad = test_dir_write (&f.dir, "bad.qdc", "<not a codebook", -1);

    g_assert_false (likert_codebook_view_import (LIKERT_CODEBOOK_VIEW (view), bad, &error));
    g_assert_nonnull (error);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&other);
  {
    g_autofree char *wal = g_strconcat (other_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (other_path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  fixture_clear (&f);
}

/* Tag names from files are text, never markup. */
static void
test_markup_escaped (void)
{
  Fixture f;
  GtkEditable *entry;
  gint64 id;
  AdwMessageDialog *dialog;

  fixture_init (&f);
  entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (f.view), GTK_TYPE_ENTRY, NULL));
  gtk_editable_set_text (entry, "<b>Bold</b> & co");
  activate (&f, "codebook.create", NULL);
  id = likert_codebook_find (f.store, 0, "<b>Bold</b> & co");
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpstr (row_label (find_row (&f, id), "tag-name"), ==, "<b>Bold</b> & co");
  activate (&f, "codebook.delete", g_variant_new_int64 (id));
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "<b>Bold</b> & co"));
  g_assert_false (adw_message_dialog_get_heading_use_markup (dialog));
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  respond (dialog, "apply");
  g_assert_null (find_row (&f, id));
  fixture_clear (&f);
}

static void
test_rtl (void)
{
  Fixture f;
  GtkWidget *row;
  graphene_rect_t name, count, billing_name, fees_name;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  fixture_init (&f);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (f.view)), ==, GTK_TEXT_DIR_RTL);
  row = find_row (&f, f.price);
  g_assert_true (gtk_widget_compute_bounds (find_descendant (row, GTK_TYPE_LABEL, "tag-name"),
                                            row, &name));
  g_assert_true (gtk_widget_compute_bounds (find_descendant (row, GTK_TYPE_LABEL, "tag-count"),
                                            row, &count));
  g_assert_cmpfloat (name.size.width, >, 0);
  /* Mirrored: the name on the right, the count on its left; a subtag stands in from the right. */
  g_assert_cmpfloat (count.origin.x + count.size.width, <=, name.origin.x);
  g_assert_true (gtk_widget_compute_bounds (find_descendant (find_row (&f, f.billing),
                                                             GTK_TYPE_LABEL, "tag-name"),
                                            GTK_WIDGET (f.view), &billing_name));
  g_assert_true (gtk_widget_compute_bounds (find_descendant (find_row (&f, f.fees),
                                                             GTK_TYPE_LABEL, "tag-name"),
                                            GTK_WIDGET (f.view), &fees_name));
  g_assert_cmpfloat (fees_name.origin.x + fees_name.size.width, <,
                     billing_name.origin.x + billing_name.size.width);
  fixture_clear (&f);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

static void
render (GtkWidget  *widget,
        const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("%s\n", path);
}

static int
shoot (const char *out)
{
  const char *localedir = g_getenv ("LIKERT_LOCALEDIR");
  g_autofree char *view_png = g_strconcat (out, ".png", NULL);
  g_autofree char *merge_png = g_strconcat (out, "-merge.png", NULL);
  g_autofree char *palette_png = g_strconcat (out, "-palette.png", NULL);
  g_autofree guint64 *filter = NULL;
  GtkWidget *window, *box, *header;
  AdwMessageDialog *dialog;
  gint64 ux, layout, checkout, payment;
  Fixture f;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/app/likert/Likert/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  if (g_getenv ("LIKERT_SHOT_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  fixture_init (&f);
  /* A codebook as an analyst might have it: a few levels, colours, keys, a long name. */
  ux = create_tag (&f, "Usability", 0, "u");
  layout = create_tag (&f, "Layout and navigation menus that are hard to find", ux, NULL);
  checkout = create_tag (&f, "Checkout", 0, "c");
  payment = create_tag (&f, "Payment", checkout, NULL);
  create_tag (&f, "Card declined", payment, NULL);
  likert_codebook_recolour (f.store, f.price, "#d55e00", NULL, NULL);
  likert_codebook_recolour (f.store, f.speed, "#009e73", NULL, NULL);
  likert_codebook_recolour (f.store, checkout, "#e69f00", NULL, NULL);
  likert_codebook_recolour (f.store, f.fees, NULL, NULL, NULL);
  tag_rows (&f, ux, 4, 9);
  tag_rows (&f, layout, 5, 13);
  tag_rows (&f, payment, 6, 17);
  likert_frame_reload_tags (f.frame, f.store, NULL);
  filter = likert_frame_bitmap_new (f.frame, FALSE);
  for (guint row = 0; row < likert_frame_get_n_rows (f.frame); row += 2)
    filter[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);

  /* The view as the window's side pane shows it. */
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 380, 560);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Codebook"),
                                                                                  NULL));
  gtk_box_append (GTK_BOX (box), header);
  g_object_ref (f.view);
  gtk_window_set_child (f.window, NULL);
  gtk_widget_set_vexpand (GTK_WIDGET (f.view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f.view));
  g_object_unref (f.view);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  likert_codebook_view_set_project (f.view, f.store, f.frame, "Tester");
  likert_codebook_view_set_filter (f.view, filter);
  gtk_widget_grab_focus (find_row (&f, payment));
  test_settle ();
  render (window, view_png);

  gtk_widget_activate_action (GTK_WIDGET (f.view), "codebook.recolour", "x", f.price);
  test_settle ();
  render (find_palette (&f), palette_png);
  gtk_popover_popdown (GTK_POPOVER (find_palette (&f)));
  test_settle ();

  gtk_widget_activate_action (GTK_WIDGET (f.view), "codebook.merge", "x", f.speed);
  dialog = find_dialog ();
  choose (dialog, "Price");
  test_settle ();
  render (GTK_WIDGET (dialog), merge_png);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  fixture_clear (&f);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("LIKERT_SHOT") != NULL)
    return shoot (g_getenv ("LIKERT_SHOT"));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/codebook-view/templates/ltr", GINT_TO_POINTER (FALSE), test_templates);
  g_test_add_data_func ("/codebook-view/templates/rtl", GINT_TO_POINTER (TRUE), test_templates);
  g_test_add_func ("/codebook-view/tree-and-counts", test_tree_and_counts);
  g_test_add_func ("/codebook-view/create", test_create_and_subtag);
  g_test_add_func ("/codebook-view/rename", test_rename);
  g_test_add_func ("/codebook-view/merge", test_merge);
  g_test_add_func ("/codebook-view/delete", test_delete);
  g_test_add_func ("/codebook-view/edits", test_edits);
  g_test_add_func ("/codebook-view/filter-tag", test_filter_tag);
  g_test_add_func ("/codebook-view/keys", test_keys);
  g_test_add_func ("/codebook-view/import-export", test_import_export);
  g_test_add_func ("/codebook-view/markup-escaped", test_markup_escaped);
  g_test_add_func ("/codebook-view/rtl", test_rtl);
  return g_test_run ();
}
