/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-import-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "likert-import-dialog.h"

/* Columns shown in the preview: a file may have hundreds. */
#define PREVIEW_MAX_COLUMNS 50

struct _LikertImportDialog
{
  AdwWindow            parent_instance;

  /* template */
  AdwWindowTitle      *window_title;
  GtkWidget           *import_button;
  GtkStack            *stack;
  AdwStatusPage       *planning_page;
  GtkProgressBar      *planning_bar;
  GtkProgressBar      *replan_bar;
  AdwComboRow         *encoding_row;
  AdwComboRow         *delimiter_row;
  AdwComboRow         *shape_row;
  AdwComboRow         *header_rows_row;
  AdwComboRow         *dates_row;
  AdwActionRow        *excluded_row;
  GtkSwitch           *excluded_switch;
  GtkWidget           *error_group;
  AdwActionRow        *error_row;
  AdwPreferencesGroup *preview_group;
  GtkWidget           *preview_scroller;
  GtkColumnView       *preview_view;
  GtkLabel            *preview_more_label;
  AdwPreferencesGroup *problems_group;
  GtkListView         *problems_view;
  GtkLabel            *problems_more_label;
  GtkCheckButton      *skip_check;
  GtkWidget           *columns_group;
  GtkListBox          *columns_list;
  GtkWidget           *notices_group;
  GtkListBox          *notices_list;
  AdwStatusPage       *importing_page;
  GtkProgressBar      *import_bar;
  GtkLabel            *import_label;
  GtkWidget           *import_cancel_button;
  AdwStatusPage       *failed_page;

  GtkWidget           *dates_confirm_button;
  gboolean             preview_at_start;   /* RTL: keep the preview scrolled to its first column */
  gboolean             moving_preview;
  guint                preview_idle;
  GPtrArray           *column_rows;        /* GtkWidget *: the Columns rows, by position */

  char                *path;
  char                *project_path;
  char                *name;               /* the file's name, for titles */
  LikertImportOptions  options;
  LikertImportPlan    *plan;               /* the plan shown; NULL while none (see the header) */
  char                *error;              /* the last failed plan or run */
  GCancellable        *cancellable;        /* the plan or run under way */
  guint                serial;             /* of the operation under way; 0 for none */
  gboolean             running;            /* the run, not a plan */
  guint64              run_size;           /* bytes and records of the file being imported */
  guint64              run_records;

  /* What detection said, for the options left to it (first items of the drop-downs). */
  char                *detected_encoding;
  char                 detected_delimiter;
  int                  detected_shape;     /* -1 while unknown */
  int                  detected_header_rows;
  GHashTable          *detected_roles;     /* column name → LikertRole, as planned without choice */
  GHashTable          *role_overrides;     /* column name → LikertRole chosen among the free roles */
  gboolean             dates_confirmed;
  gboolean             filling;            /* widgets being set from the plan: no re-plan */
  gboolean             finished;
};

G_DEFINE_FINAL_TYPE (LikertImportDialog, likert_import_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORTED, SIGNAL_DONE, N_SIGNALS };

static guint signals[N_SIGNALS];

/* Operations under way, serial → dialog (main thread only). Worker progress and completion
 * reach the dialog through this table, so a dialog closed meanwhile is never touched. */
static GHashTable *live_operations;
static guint last_serial;

static const char * const common_encodings[] = {
  "UTF-8", "UTF-16LE", "UTF-16BE", "WINDOWS-1252", "ISO-8859-1", "ISO-8859-15", "WINDOWS-1256",
  "ISO-8859-6", "WINDOWS-1251", "KOI8-R",
};

static const char delimiters[] = { ',', ';', '\t', '|' };

/* Roles a column may be given whatever the plan found in it (the run checks none of them). */
static const LikertRole free_roles[] = {
  LIKERT_ROLE_RATING, LIKERT_ROLE_TEXT, LIKERT_ROLE_CATEGORY, LIKERT_ROLE_ID, LIKERT_ROLE_OTHER,
};

static const struct { int min, max; } common_scales[] = {
  { 1, 3 }, { 1, 4 }, { 1, 5 }, { 1, 6 }, { 1, 7 }, { 1, 10 }, { 0, 4 }, { 0, 5 }, { 0, 10 },
};

static void start_plan          (LikertImportDialog *self);
static void update_actions      (LikertImportDialog *self);
static void update_column_row   (LikertImportDialog *self,
                                 guint               column);

/* Helpers */

static char *
format_count (guint64 n)
{
  /* %' groups thousands as the locale does. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',': return C_("delimiter", "Comma");
    case ';': return C_("delimiter", "Semicolon");
    case '\t': return C_("delimiter", "Tab");
    case '|': return C_("delimiter", "Vertical bar");
    default: return C_("delimiter", "Other");
    }
}

static const char *
role_name (LikertRole role)
{
  switch (role)
    {
    case LIKERT_ROLE_RATING: return C_("column role", "Rating");
    case LIKERT_ROLE_TEXT: return C_("column role", "Text");
    case LIKERT_ROLE_CATEGORY: return C_("column role", "Category");
    case LIKERT_ROLE_TIME: return C_("column role", "Time");
    case LIKERT_ROLE_ID: return C_("column role", "Identifier");
    /* Translators: the role of a column of words that name the values of a number column */
    case LIKERT_ROLE_LABEL: return C_("column role", "Labels");
    case LIKERT_ROLE_OTHER:
    default: return C_("column role", "Other");
    }
}

static char *
scale_name (int scale_min,
            int scale_max)
{
  /* Translators: a rating scale, from its lowest to its highest value */
  return g_strdup_printf (_("%d–%d"), scale_min, scale_max);
}

static gboolean
is_free_role (LikertRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (free_roles); i++)
    if (free_roles[i] == role)
      return TRUE;
  return FALSE;
}

static void
remove_project_files (const char *project_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (project_path, suffixes[i], NULL);
      g_remove (file);
    }
}

/* Operations */

static void
operation_end (LikertImportDialog *self)
{
  if (self->serial != 0 && live_operations != NULL)
    g_hash_table_remove (live_operations, GUINT_TO_POINTER (self->serial));
  self->serial = 0;
  self->running = FALSE;
}

/* Cancels whatever is under way and starts a new operation; returns its serial. */
static guint
operation_begin (LikertImportDialog *self)
{
  operation_end (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (live_operations == NULL)
    live_operations = g_hash_table_new (NULL, NULL);
  if (++last_serial == 0)
    last_serial = 1;
  self->serial = last_serial;
  g_hash_table_insert (live_operations, GUINT_TO_POINTER (self->serial), self);
  return self->serial;
}

static LikertImportDialog *
operation_lookup (guint serial)
{
  return live_operations ? g_hash_table_lookup (live_operations, GUINT_TO_POINTER (serial)) : NULL;
}

static void
finish (LikertImportDialog *self)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  operation_end (self);
  g_cancellable_cancel (self->cancellable);
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* Drop-downs of the File group: a GtkStringList of labels and, beside it, the values.
 * Their items are drawn here rather than by AdwComboRow's default factory, whose labels stop
 * at 20 characters ("Plain CSV with a header row" would not show whole). */

static void
combo_item_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
combo_item_selected_cb (AdwComboRow *row,
                        GParamSpec  *pspec,
                        GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (row) ==
                                 gtk_list_item_get_item (item) ? 1 : 0);
}

static void
combo_item_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *check = gtk_widget_get_last_child (box);
  gboolean in_popover = gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL;

  gtk_label_set_text (GTK_LABEL (label),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  /* The check mark shows the selected item in the list, not in the row. */
  gtk_widget_set_visible (check, in_popover);
  if (in_popover)
    {
      g_signal_connect (row, "notify::selected-item", G_CALLBACK (combo_item_selected_cb), item);
      combo_item_selected_cb (row, NULL, item);
    }
}

static void
combo_item_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, combo_item_selected_cb, item);
}

static void
combo_set_factory (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (combo_item_setup_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (combo_item_bind_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (combo_item_unbind_cb), row);
  adw_combo_row_set_factory (row, factory);
}

static void
combo_fill (LikertImportDialog *self,
            AdwComboRow        *row,
            GPtrArray          *values,
            GPtrArray          *labels,
            const char         *selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint position = 0;

  g_return_if_fail (values->len == labels->len);

  for (guint i = 0; i < labels->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (labels, i));
      if (g_strcmp0 (g_ptr_array_index (values, i), selected) == 0)
        position = i;
    }
  g_ptr_array_add (values, NULL);
  g_object_set_data_full (G_OBJECT (row), "values",
                          g_strdupv ((GStrv) values->pdata), (GDestroyNotify) g_strfreev);
  g_ptr_array_remove_index (values, values->len - 1);

  self->filling = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, position);
  self->filling = FALSE;
}

static const char *
combo_get_value (AdwComboRow *row)
{
  GStrv values = g_object_get_data (G_OBJECT (row), "values");
  guint position = adw_combo_row_get_selected (row);

  if (values == NULL || position == GTK_INVALID_LIST_POSITION || position >= g_strv_length (values))
    return NULL;
  return values[position];
}

/* Selects the item of value; FALSE when there is none. */
static gboolean
combo_select_value (AdwComboRow *row,
                    const char  *value)
{
  GStrv values = g_object_get_data (G_OBJECT (row), "values");

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

static char *
detected_label (const char *value)
{
  /* Translators: an encoding, a delimiter, a survey tool or a number of rows that Likert found
   * in the file by itself */
  return g_strdup_printf (C_("import setting", "%s (detected)"), value);
}

static void
add_item (GPtrArray  *values,
          GPtrArray  *labels,
          const char *value,
          char       *label)
{
  g_ptr_array_add (values, g_strdup (value));
  g_ptr_array_add (labels, label);
}

/* The first item is "leave it to detection": its value is "". */
static void
add_auto_item (GPtrArray  *values,
               GPtrArray  *labels,
               const char *detected)
{
  add_item (values, labels, "",
            detected ? detected_label (detected)
                     : g_strdup (C_("import setting", "Automatic")));
}

static GPtrArray *
string_array (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
fill_encoding_row (LikertImportDialog *self)
{
  g_autoptr(GPtrArray) values = string_array ();
  g_autoptr(GPtrArray) labels = string_array ();
  const char *chosen = self->options.encoding;
  gboolean have_chosen = FALSE;

  add_auto_item (values, labels, self->detected_encoding);
  for (guint i = 0; i < G_N_ELEMENTS (common_encodings); i++)
    {
      if (g_strcmp0 (common_encodings[i], self->detected_encoding) == 0)
        continue;
      have_chosen |= g_strcmp0 (common_encodings[i], chosen) == 0;
      add_item (values, labels, common_encodings[i], g_strdup (common_encodings[i]));
    }
  if (chosen != NULL && !have_chosen)
    add_item (values, labels, chosen, g_strdup (chosen));
  combo_fill (self, self->encoding_row, values, labels, chosen ? chosen : "");
}

static void
fill_delimiter_row (LikertImportDialog *self)
{
  g_autoptr(GPtrArray) values = string_array ();
  g_autoptr(GPtrArray) labels = string_array ();
  char chosen[2] = { self->options.delimiter, '\0' };

  add_auto_item (values, labels,
                 self->detected_delimiter ? delimiter_name (self->detected_delimiter) : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      char value[2] = { delimiters[i], '\0' };

      if (delimiters[i] == self->detected_delimiter)
        continue;
      add_item (values, labels, value, g_strdup (delimiter_name (delimiters[i])));
    }
  combo_fill (self, self->delimiter_row, values, labels, chosen);
}

static void
fill_shape_row (LikertImportDialog *self)
{
  g_autoptr(GPtrArray) values = string_array ();
  g_autoptr(GPtrArray) labels = string_array ();
  const char *chosen = self->options.shape == LIKERT_SHAPE_AUTO
                       ? "" : likert_shape_kind_to_string (self->options.shape);

  add_auto_item (values, labels,
                 self->detected_shape >= 0
                 ? likert_shape_kind_display_name (self->detected_shape) : NULL);
  for (int kind = 0; kind < LIKERT_SHAPE_N_KINDS; kind++)
    {
      if (kind == self->detected_shape)
        continue;
      add_item (values, labels, likert_shape_kind_to_string (kind),
                g_strdup (likert_shape_kind_display_name (kind)));
    }
  combo_fill (self, self->shape_row, values, labels, chosen);
}

static void
fill_header_rows_row (LikertImportDialog *self)
{
  g_autoptr(GPtrArray) values = string_array ();
  g_autoptr(GPtrArray) labels = string_array ();
  g_autofree char *detected = NULL;
  g_autofree char *chosen = NULL;

  if (self->detected_header_rows >= 0)
    detected = g_strdup_printf ("%d", self->detected_header_rows);
  chosen = self->options.header_rows >= 0 ? g_strdup_printf ("%d", self->options.header_rows)
                                          : g_strdup ("");
  add_auto_item (values, labels, detected);
  for (int rows = 0; rows <= 3; rows++)
    {
      g_autofree char *value = g_strdup_printf ("%d", rows);

      if (rows == self->detected_header_rows)
        continue;
      add_item (values, labels, value, g_strdup (value));
    }
  combo_fill (self, self->header_rows_row, values, labels, chosen);
}

static gboolean
plan_has_time (const LikertImportPlan *plan)
{
  for (guint c = 0; c < plan->n_columns; c++)
    if (plan->fields[c]->role == LIKERT_ROLE_TIME)
      return TRUE;
  return FALSE;
}

static gboolean
dates_need_confirming (LikertImportDialog *self)
{
  return self->plan != NULL && self->plan->date_order_ambiguous && !self->dates_confirmed &&
         self->options.date_order == LIKERT_DATE_ORDER_UNKNOWN;
}

static void
fill_dates_row (LikertImportDialog *self)
{
  g_autoptr(GPtrArray) values = string_array ();
  g_autoptr(GPtrArray) labels = string_array ();
  g_autofree char *selected = NULL;
  const LikertImportPlan *plan = self->plan;
  gboolean shown;

  shown = plan != NULL && plan_has_time (plan) &&
          (plan->date_order == LIKERT_DATE_ORDER_DMY || plan->date_order == LIKERT_DATE_ORDER_MDY);
  gtk_widget_set_visible (GTK_WIDGET (self->dates_row), shown);
  if (!shown)
    return;

  selected = g_strdup_printf ("%d", LIKERT_DATE_ORDER_DMY);
  add_item (values, labels, selected,
            /* Translators: the order of dates such as 31/12/2024 */
            g_strdup (_("Day/month/year")));
  g_free (selected);
  selected = g_strdup_printf ("%d", LIKERT_DATE_ORDER_MDY);
  add_item (values, labels, selected,
            /* Translators: the order of dates such as 12/31/2024 */
            g_strdup (_("Month/day/year")));
  g_free (selected);
  selected = g_strdup_printf ("%d", plan->date_order);
  combo_fill (self, self->dates_row, values, labels, selected);

  if (dates_need_confirming (self))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dates_row),
                                   _("Every date reads both ways: check the preview, then "
                                     "confirm the order"));
      gtk_widget_add_css_class (GTK_WIDGET (self->dates_row), "warning-row");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dates_row), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->dates_row), "warning-row");
    }
  gtk_widget_set_visible (self->dates_confirm_button, dates_need_confirming (self));
}

static void
fill_excluded_row (LikertImportDialog *self)
{
  const LikertImportPlan *plan = self->plan;
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;
  gboolean shown = plan != NULL && (plan->n_excluded > 0 || self->options.keep_excluded);

  gtk_widget_set_visible (GTK_WIDGET (self->excluded_row), shown);
  if (!shown)
    return;
  count = format_count (plan->n_excluded);
  subtitle = g_strdup_printf (ngettext ("%s record is marked by the survey tool as a preview, "
                                        "a test or spam",
                                        "%s records are marked by the survey tool as previews, "
                                        "tests or spam",
                                        (gulong) MIN (plan->n_excluded, G_MAXULONG)),
                              count);
  adw_action_row_set_subtitle (self->excluded_row, subtitle);
  self->filling = TRUE;
  gtk_switch_set_active (self->excluded_switch, self->options.keep_excluded);
  self->filling = FALSE;
}

/* The preview: one row per record, one column per column of the file. The model holds only
 * record numbers; cells read the plan. */

/* Whether text has a letter, which sets the direction it is read in. */
static gboolean
has_strong_direction (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
preview_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LikertImportDialog       *self)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 14);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (item, cell);
}

static void
preview_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LikertImportDialog       *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = gtk_list_item_get_position (item);
  const char *text = "";
  g_autofree char *line = NULL;

  if (self->plan != NULL && row < self->plan->preview->len)
    {
      GStrv cells = g_ptr_array_index (self->plan->preview, row);

      if (column < g_strv_length (cells))
        text = cells[column];
    }
  /* One line per cell: line breaks in a cell become spaces; the tooltip has it all. A cell reads
   * (and aligns) in the direction of its first letter; one without letters ("2024-03-01 10:00",
   * "3.5") reads left to right, as written, in an RTL table too: a left-to-right mark says so. */
  line = g_strconcat (has_strong_direction (text) ? "" : "\u200E", text, NULL);
  g_strdelimit (line, "\r\n", ' ');
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), line);
  gtk_widget_set_tooltip_text (cell, *text ? text : NULL);
}

/* A horizontal adjustment starts at the left, which in an RTL table is its last column: keep
 * the table at its first column (the right) until the analyst scrolls it. The value is set
 * from an idle: set while the table is being allocated, the table would not follow it. */
static gboolean
preview_to_start_cb (gpointer user_data)
{
  LikertImportDialog *self = user_data;
  GtkAdjustment *adjustment =
    gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->preview_scroller));

  self->preview_idle = 0;
  self->moving_preview = TRUE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  self->moving_preview = FALSE;
  return G_SOURCE_REMOVE;
}

static void
preview_hadjustment_changed_cb (GtkAdjustment      *adjustment,
                                LikertImportDialog *self)
{
  if (!self->preview_at_start || self->preview_idle != 0 ||
      gtk_widget_get_direction (GTK_WIDGET (self->preview_view)) != GTK_TEXT_DIR_RTL)
    return;
  self->preview_idle = g_idle_add (preview_to_start_cb, self);
}

static void
preview_hadjustment_value_cb (GtkAdjustment      *adjustment,
                              LikertImportDialog *self)
{
  if (self->moving_preview)
    return;
  self->preview_at_start = gtk_adjustment_get_value (adjustment) >=
                           gtk_adjustment_get_upper (adjustment) -
                           gtk_adjustment_get_page_size (adjustment) - 1;
}

static void
clear_preview (LikertImportDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);

  gtk_column_view_set_model (self->preview_view, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->preview_view, column);
    }
}

static void
fill_preview (LikertImportDialog *self)
{
  const LikertImportPlan *plan = self->plan;
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *description = NULL;
  guint n_columns = MIN (plan->n_columns, PREVIEW_MAX_COLUMNS);

  clear_preview (self);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (preview_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (preview_bind_cb), self);
      column = gtk_column_view_column_new (plan->fields[c]->header, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->preview_view, column);
    }
  for (guint r = 0; r < plan->preview->len; r++)
    gtk_string_list_append (rows, "");
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
  self->preview_at_start = TRUE;

  shown = format_count (plan->preview->len);
  total = format_count (plan->n_records);
  if (plan->n_records > plan->preview->len)
    /* Translators: the first %s is a number of records shown, the second the file's records */
    description = g_strdup_printf (ngettext ("The first %s of %s record, as read",
                                             "The first %s of %s records, as read",
                                             (gulong) MIN (plan->n_records, G_MAXULONG)),
                                   shown, total);
  else
    description = g_strdup_printf (ngettext ("All %s record, as read", "All %s records, as read",
                                             (gulong) MIN (plan->n_records, G_MAXULONG)),
                                   total);
  adw_preferences_group_set_description (self->preview_group, description);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_more_label), plan->n_columns > n_columns);
  if (plan->n_columns > n_columns)
    {
      g_autofree char *first = format_count (n_columns);
      g_autofree char *all = format_count (plan->n_columns);
      g_autofree char *more = NULL;

      /* Translators: the first %s is a number of columns shown, the second all of them */
      more = g_strdup_printf (ngettext ("The preview shows the first %s of %s column.",
                                        "The preview shows the first %s of %s columns.",
                                        plan->n_columns),
                              first, all);
      gtk_label_set_text (self->preview_more_label, more);
    }
}

/* Problems */

static char *
problem_heading (const LikertImportProblem *problem)
{
  if (problem->field != NULL)
    /* Translators: where a problem is in the file, then the column's name */
    return g_strdup_printf (_("Line %u, column %u — %s"), problem->line, problem->column,
                            problem->field);
  /* Translators: where a problem is in the file */
  return g_strdup_printf (_("Line %u, column %u"), problem->line, problem->column);
}

static void
problem_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LikertImportDialog       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
problem_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LikertImportDialog       *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *heading = gtk_widget_get_first_child (box);
  GtkWidget *message = gtk_widget_get_next_sibling (heading);
  guint position = gtk_list_item_get_position (item);
  const LikertImportProblem *problem;
  g_autofree char *text = NULL;

  if (self->plan == NULL || position >= self->plan->problems->len)
    return;
  problem = g_ptr_array_index (self->plan->problems, position);
  text = problem_heading (problem);
  gtk_label_set_text (GTK_LABEL (heading), text);
  gtk_widget_set_tooltip_text (heading, text);
  gtk_label_set_text (GTK_LABEL (message), problem->message);
}

static void
fill_problems (LikertImportDialog *self)
{
  const LikertImportPlan *plan = self->plan;
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *records = NULL;
  g_autofree char *in_rows = NULL;
  g_autofree char *description = NULL;

  gtk_list_view_set_model (self->problems_view, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), plan->n_problems > 0);
  if (plan->n_problems == 0)
    return;

  problems = format_count (plan->n_problems);
  records = format_count (plan->n_bad_records);
  /* Translators: a number of rows, as in “3 problems in 2 rows” */
  in_rows = g_strdup_printf (ngettext ("%s row", "%s rows",
                                       (gulong) MIN (plan->n_bad_records, G_MAXULONG)),
                             records);
  /* Translators: the first %s is a number of problems, the second a number of rows such as
   * “2 rows” */
  description = g_strdup_printf (ngettext ("%s problem in %s. Cancel and correct the file, or "
                                           "import the other rows.",
                                           "%s problems in %s. Cancel and correct the file, or "
                                           "import the other rows.",
                                           (gulong) MIN (plan->n_problems, G_MAXULONG)),
                                 problems, in_rows);
  adw_preferences_group_set_description (self->problems_group, description);

  for (guint i = 0; i < plan->problems->len; i++)
    gtk_string_list_append (rows, "");
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_list_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));

  gtk_widget_set_visible (GTK_WIDGET (self->problems_more_label),
                          plan->n_problems > plan->problems->len);
  if (plan->n_problems > plan->problems->len)
    {
      g_autofree char *listed = format_count (plan->problems->len);
      g_autofree char *more = NULL;

      more = g_strdup_printf (ngettext ("Only the first %s problem is listed.",
                                        "Only the first %s problems are listed.",
                                        plan->problems->len),
                              listed);
      gtk_label_set_text (self->problems_more_label, more);
    }

  self->filling = TRUE;
  gtk_check_button_set_active (self->skip_check, self->options.skip_bad_rows);
  self->filling = FALSE;
}

/* Notices */

static void
fill_notices (LikertImportDialog *self)
{
  const LikertImportPlan *plan = self->plan;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notices_list))) != NULL)
    gtk_list_box_remove (self->notices_list, child);
  for (guint i = 0; i < plan->notices->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (plan->notices, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Note"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->notices_list, row);
    }
  gtk_widget_set_visible (self->notices_group, plan->notices->len > 0);
}

/* Columns: a row per column with its role and, for a rating, its scale and label map. */

static const LikertRatingChoice *
find_choice (LikertImportDialog *self,
             const char         *column)
{
  for (guint i = 0; self->options.ratings != NULL && i < self->options.ratings->len; i++)
    {
      const LikertRatingChoice *choice = g_ptr_array_index (self->options.ratings, i);

      if (g_strcmp0 (choice->column, column) == 0)
        return choice;
    }
  return NULL;
}

static void
rating_choice_free (LikertRatingChoice *choice)
{
  g_free (choice->column);
  g_free (choice);
}

static void
remove_choice (LikertImportDialog *self,
               const char         *column)
{
  for (guint i = 0; self->options.ratings != NULL && i < self->options.ratings->len; i++)
    {
      LikertRatingChoice *choice = g_ptr_array_index (self->options.ratings, i);

      if (g_strcmp0 (choice->column, column) == 0)
        {
          g_ptr_array_remove_index (self->options.ratings, i);
          return;
        }
    }
}

static void
set_choice (LikertImportDialog *self,
            const char         *column,
            int                 scale_min,
            int                 scale_max)
{
  LikertRatingChoice *choice = g_new0 (LikertRatingChoice, 1);

  remove_choice (self, column);
  choice->column = g_strdup (column);
  choice->scale_min = scale_min;
  choice->scale_max = scale_max;
  if (self->options.ratings == NULL)
    self->options.ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rating_choice_free);
  g_ptr_array_add (self->options.ratings, choice);
}

/* The role the plan found for a column when nothing was chosen for it. */
static LikertRole
detected_role (LikertImportDialog *self,
               const char         *column)
{
  gpointer role;

  if (g_hash_table_lookup_extended (self->detected_roles, column, NULL, &role))
    return GPOINTER_TO_INT (role);
  return LIKERT_ROLE_OTHER;
}

/* The roles a column's drop-down offers. A rating, a time or a label column keeps its role:
 * the import options can make a column a rating, but cannot (yet) make a detected rating or
 * time column anything else. */
static GArray *
offered_roles (LikertImportDialog *self,
               const LikertField  *field)
{
  GArray *roles = g_array_new (FALSE, FALSE, sizeof (LikertRole));
  LikertRole detected = detected_role (self, field->header);

  if (is_free_role (detected) && detected != LIKERT_ROLE_RATING)
    g_array_append_vals (roles, free_roles, G_N_ELEMENTS (free_roles));
  else
    g_array_append_val (roles, field->role);
  return roles;
}

static GtkWidget *
row_role_dropdown (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "role-dropdown");
}

static GtkWidget *
row_scale_dropdown (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "scale-dropdown");
}

static char *
label_map_text (const LikertField *field)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int v = field->scale_min; v <= field->scale_max && v - field->scale_min < LIKERT_MAX_SCALE; v++)
    {
      const char *label = field->labels[v - field->scale_min];

      if (label == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, C_("list separator", ", "));
      /* Translators: a rating value and the label that stands for it: “5 = Very satisfied” */
      g_string_append_printf (text, _("%d = %s"), v, label);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
role_changed_cb (GtkDropDown        *dropdown,
                 GParamSpec         *pspec,
                 LikertImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  GArray *roles = g_object_get_data (G_OBJECT (dropdown), "roles");
  guint position = gtk_drop_down_get_selected (dropdown);
  LikertField *field;
  LikertRole role;

  if (self->filling || self->plan == NULL || column >= self->plan->n_columns || roles == NULL ||
      position >= roles->len)
    return;
  field = self->plan->fields[column];
  role = g_array_index (roles, LikertRole, position);
  if (role == field->role)
    return;

  if (role == LIKERT_ROLE_RATING)
    {
      g_hash_table_remove (self->role_overrides, field->header);
      set_choice (self, field->header, 0, 0);
      start_plan (self);
      return;
    }

  if (role == detected_role (self, field->header))
    g_hash_table_remove (self->role_overrides, field->header);
  else
    g_hash_table_insert (self->role_overrides, g_strdup (field->header), GINT_TO_POINTER (role));

  if (find_choice (self, field->header) != NULL)
    {
      /* A rating only by choice: plan again without it; the role applies to the new plan. */
      remove_choice (self, field->header);
      start_plan (self);
      return;
    }

  /* One identifier: another column that was one becomes Other. */
  if (role == LIKERT_ROLE_ID)
    for (guint c = 0; c < self->plan->n_columns; c++)
      if (c != column && self->plan->fields[c]->role == LIKERT_ROLE_ID)
        {
          self->plan->fields[c]->role = LIKERT_ROLE_OTHER;
          g_hash_table_insert (self->role_overrides, g_strdup (self->plan->fields[c]->header),
                               GINT_TO_POINTER (LIKERT_ROLE_OTHER));
          update_column_row (self, c);
        }
  field->role = role;
  update_column_row (self, column);
  update_actions (self);
}

static void
scale_changed_cb (GtkDropDown        *dropdown,
                  GParamSpec         *pspec,
                  LikertImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  GArray *scales = g_object_get_data (G_OBJECT (dropdown), "scales");
  guint position = gtk_drop_down_get_selected (dropdown);
  const LikertField *field;
  int scale_min, scale_max;

  if (self->filling || self->plan == NULL || column >= self->plan->n_columns || scales == NULL ||
      position >= scales->len / 2)
    return;
  field = self->plan->fields[column];
  scale_min = g_array_index (scales, int, 2 * position);
  scale_max = g_array_index (scales, int, 2 * position + 1);
  if (field->role == LIKERT_ROLE_RATING && scale_min == field->scale_min &&
      scale_max == field->scale_max)
    return;
  set_choice (self, field->header, scale_min, scale_max);
  start_plan (self);
}

/* Sets a column's row from the plan's field. */
static void
update_column_row (LikertImportDialog *self,
                   guint               column)
{
  const LikertField *field = self->plan->fields[column];
  const LikertShapeColumn *shape_column = &self->plan->shape->columns[column];
  GtkWidget *row = g_ptr_array_index (self->column_rows, column);
  GtkWidget *role_dropdown = row_role_dropdown (row);
  GtkWidget *scale_dropdown = row_scale_dropdown (row);
  g_autoptr(GArray) roles = offered_roles (self, field);
  GArray *shown_roles = g_object_get_data (G_OBJECT (role_dropdown), "roles");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint role_position = 0;

  self->filling = TRUE;

  for (guint i = 0; i < roles->len; i++)
    if (g_array_index (roles, LikertRole, i) == field->role)
      role_position = i;
  /* The model stays when the roles offered do (this may run in the drop-down's own handler). */
  if (shown_roles == NULL || shown_roles->len != roles->len ||
      memcmp (shown_roles->data, roles->data, roles->len * sizeof (LikertRole)) != 0)
    {
      g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);

      for (guint i = 0; i < roles->len; i++)
        gtk_string_list_append (role_names, role_name (g_array_index (roles, LikertRole, i)));
      gtk_drop_down_set_model (GTK_DROP_DOWN (role_dropdown), G_LIST_MODEL (role_names));
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role_dropdown), role_position);
  gtk_widget_set_sensitive (role_dropdown, roles->len > 1);
  gtk_widget_set_tooltip_text (role_dropdown,
                               roles->len > 1 ? NULL
                               : field->role == LIKERT_ROLE_RATING
                               ? _("Found from the values: choose its scale")
                               : _("Found from the values"));
  g_object_set_data_full (G_OBJECT (role_dropdown), "roles", g_steal_pointer (&roles),
                          (GDestroyNotify) g_array_unref);

  gtk_widget_set_visible (scale_dropdown, field->role == LIKERT_ROLE_RATING);
  if (field->role == LIKERT_ROLE_RATING)
    {
      g_autoptr(GArray) scales = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr(GtkStringList) scale_names = gtk_string_list_new (NULL);
      guint scale_position = G_MAXUINT;

      for (guint i = 0; i < G_N_ELEMENTS (common_scales); i++)
        {
          g_autofree char *name = scale_name (common_scales[i].min, common_scales[i].max);

          g_array_append_val (scales, common_scales[i].min);
          g_array_append_val (scales, common_scales[i].max);
          gtk_string_list_append (scale_names, name);
          if (common_scales[i].min == field->scale_min && common_scales[i].max == field->scale_max)
            scale_position = i;
        }
      if (scale_position == G_MAXUINT)
        {
          g_autofree char *name = scale_name (field->scale_min, field->scale_max);

          g_array_append_val (scales, field->scale_min);
          g_array_append_val (scales, field->scale_max);
          gtk_string_list_append (scale_names, name);
          scale_position = G_N_ELEMENTS (common_scales);
        }
      gtk_drop_down_set_model (GTK_DROP_DOWN (scale_dropdown), G_LIST_MODEL (scale_names));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (scale_dropdown), scale_position);
      g_object_set_data_full (G_OBJECT (scale_dropdown), "scales", g_steal_pointer (&scales),
                              (GDestroyNotify) g_array_unref);
    }

  if (shape_column->question != NULL && g_strcmp0 (shape_column->question, field->header) != 0)
    g_string_append (subtitle, shape_column->question);
  if (field->role == LIKERT_ROLE_RATING)
    {
      g_autofree char *labels = label_map_text (field);

      if (labels != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "", labels);
    }
  else if (field->role == LIKERT_ROLE_LABEL && field->label_of >= 0 &&
           (guint64) field->label_of < self->plan->n_columns)
    {
      g_string_append_printf (subtitle, "%s", subtitle->len ? "\n" : "");
      /* Translators: %s is the name of a column of numbers that this column's words name */
      g_string_append_printf (subtitle, _("Names the values of “%s”"),
                              self->plan->fields[field->label_of]->header);
    }
  if (shape_column->metadata)
    {
      g_string_append_printf (subtitle, "%s", subtitle->len ? "\n" : "");
      g_string_append (subtitle, _("Kept by the survey tool for its own use"));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  self->filling = FALSE;
}

static void
fill_columns (LikertImportDialog *self)
{
  const LikertImportPlan *plan = self->plan;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list))) != NULL)
    gtk_list_box_remove (self->columns_list, child);
  g_ptr_array_set_size (self->column_rows, 0);

  for (guint c = 0; c < plan->n_columns; c++)
    {
      const LikertField *field = plan->fields[c];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *role = gtk_drop_down_new (NULL, NULL);
      GtkWidget *scale = gtk_drop_down_new (NULL, NULL);
      g_autofree char *role_label = NULL;
      g_autofree char *scale_label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->header);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

      gtk_widget_set_valign (scale, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (scale, "flat");
      gtk_widget_add_css_class (role, "flat");
      /* Translators: %s is a column's name */
      scale_label = g_strdup_printf (_("Scale of “%s”"), field->header);
      role_label = g_strdup_printf (_("Role of “%s”"), field->header);
      gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      scale_label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (role), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      role_label, -1);
      g_object_set_data (G_OBJECT (role), "column", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (scale), "column", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (row), "role-dropdown", role);
      g_object_set_data (G_OBJECT (row), "scale-dropdown", scale);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);
      gtk_list_box_append (self->columns_list, row);
      g_ptr_array_add (self->column_rows, row);

      update_column_row (self, c);
      g_signal_connect (role, "notify::selected", G_CALLBACK (role_changed_cb), self);
      g_signal_connect (scale, "notify::selected", G_CALLBACK (scale_changed_cb), self);
    }
}

/* Plans */

/* Remembers what detection found, and applies the roles chosen among the free ones. */
static void
adopt_plan (LikertImportDialog *self)
{
  LikertImportPlan *plan = self->plan;

  if (self->options.encoding == NULL)
    {
      g_free (self->detected_encoding);
      self->detected_encoding = g_strdup (plan->encoding);
    }
  if (self->options.delimiter == 0)
    self->detected_delimiter = plan->delimiter;
  if (self->options.shape == LIKERT_SHAPE_AUTO)
    self->detected_shape = plan->shape->kind;
  if (self->options.header_rows < 0)
    self->detected_header_rows = (int) plan->shape->header_rows;

  for (guint c = 0; c < plan->n_columns; c++)
    {
      LikertField *field = plan->fields[c];
      gpointer role;

      if (find_choice (self, field->header) == NULL)
        g_hash_table_insert (self->detected_roles, g_strdup (field->header),
                             GINT_TO_POINTER (field->role));
      if (field->role == LIKERT_ROLE_RATING || !is_free_role (field->role) ||
          !g_hash_table_lookup_extended (self->role_overrides, field->header, NULL, &role))
        continue;
      if (GPOINTER_TO_INT (role) == LIKERT_ROLE_ID)
        for (guint k = 0; k < plan->n_columns; k++)
          if (plan->fields[k]->role == LIKERT_ROLE_ID)
            plan->fields[k]->role = LIKERT_ROLE_OTHER;
      field->role = GPOINTER_TO_INT (role);
    }
}

static void
set_content_sensitive (LikertImportDialog *self,
                       gboolean            sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_group), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->problems_group), sensitive);
  gtk_widget_set_sensitive (self->columns_group, sensitive);
}

static void
show_plan (LikertImportDialog *self)
{
  adopt_plan (self);
  fill_encoding_row (self);
  fill_delimiter_row (self);
  fill_shape_row (self);
  fill_header_rows_row (self);
  fill_dates_row (self);
  fill_excluded_row (self);
  fill_preview (self);
  fill_problems (self);
  fill_columns (self);
  fill_notices (self);

  gtk_widget_set_visible (self->error_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  gtk_widget_set_visible (self->columns_group, TRUE);
  set_content_sensitive (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "plan");
}

/* A plan failed: the settings stay, so that another encoding, delimiter or survey tool can be
 * tried; the rest is hidden. */
static void
show_plan_error (LikertImportDialog *self,
                 const GError       *error)
{
  g_free (self->error);
  self->error = g_strdup (error->message);

  clear_preview (self);
  gtk_list_view_set_model (self->problems_view, NULL);
  g_clear_pointer (&self->plan, likert_import_plan_free);
  fill_encoding_row (self);
  fill_delimiter_row (self);
  fill_shape_row (self);
  fill_header_rows_row (self);
  fill_dates_row (self);
  fill_excluded_row (self);

  adw_action_row_set_subtitle (self->error_row, error->message);
  gtk_widget_set_visible (self->error_group, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  gtk_widget_set_visible (self->columns_group, FALSE);
  gtk_widget_set_visible (self->notices_group, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "plan");
}

static void
plan_progress_cb (double   fraction,
                  gpointer user_data)
{
  LikertImportDialog *self = operation_lookup (GPOINTER_TO_UINT (user_data));

  if (self == NULL)
    return;
  gtk_progress_bar_set_fraction (self->planning_bar, fraction);
  gtk_progress_bar_set_fraction (self->replan_bar, fraction);
}

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportPlan) plan = likert_import_plan_finish (result, &error);
  LikertImportDialog *self = operation_lookup (GPOINTER_TO_UINT (user_data));

  /* Superseded by another plan, or the dialog closed. */
  if (self == NULL)
    return;
  operation_end (self);
  gtk_widget_set_visible (GTK_WIDGET (self->replan_bar), FALSE);

  if (plan == NULL && g_error_matches (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION) &&
      self->options.ratings != NULL && self->options.ratings->len > 0)
    {
      /* Another encoding, delimiter, survey tool or number of header rows can name the columns
       * otherwise, and a rating chosen for a column the file no longer has fails the plan: plan
       * again without the choices (if the settings themselves do not fit, that plan says so). */
      g_ptr_array_set_size (self->options.ratings, 0);
      start_plan (self);
      return;
    }
  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_plan_error (self, error);
    }
  else
    {
      g_clear_pointer (&self->error, g_free);
      g_clear_pointer (&self->plan, likert_import_plan_free);
      self->plan = g_steal_pointer (&plan);
      show_plan (self);
    }
  update_actions (self);
}

static void
start_plan (LikertImportDialog *self)
{
  guint serial = operation_begin (self);

  gtk_progress_bar_set_fraction (self->planning_bar, 0);
  gtk_progress_bar_set_fraction (self->replan_bar, 0);
  if (self->plan == NULL && self->error == NULL)
    gtk_stack_set_visible_child_name (self->stack, "planning");
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "plan");
      gtk_widget_set_visible (GTK_WIDGET (self->replan_bar), TRUE);
      set_content_sensitive (self, FALSE);
    }
  update_actions (self);

  likert_import_plan_async (self->path, &self->options, plan_progress_cb, GUINT_TO_POINTER (serial),
                            self->cancellable, plan_done_cb, GUINT_TO_POINTER (serial));
}

/* The run */

typedef struct
{
  guint     serial;
  char     *project_path;
  gboolean  project_existed;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->project_path);
  g_free (data);
}

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  LikertImportDialog *self = operation_lookup (GPOINTER_TO_UINT (user_data));
  g_autofree char *percent = NULL;
  g_autofree char *done = NULL;
  g_autofree char *size = NULL;
  g_autofree char *records = NULL;
  g_autofree char *all_records = NULL;
  g_autofree char *text = NULL;
  guint64 n;

  if (self == NULL)
    return;
  gtk_progress_bar_set_fraction (self->import_bar, fraction);
  /* Translators: a percentage */
  percent = g_strdup_printf (_("%.0f %%"), 100 * fraction);
  gtk_progress_bar_set_text (self->import_bar, percent);

  done = g_format_size ((guint64) (fraction * (double) self->run_size));
  size = g_format_size (self->run_size);
  n = (guint64) (fraction * (double) self->run_records);
  records = format_count (n);
  all_records = format_count (self->run_records);
  /* Translators: bytes read of the file's size, then records read (estimated) of all */
  text = g_strdup_printf (ngettext ("%s of %s · about %s of %s record",
                                    "%s of %s · about %s of %s records",
                                    (gulong) MIN (self->run_records, G_MAXULONG)),
                          done, size, records, all_records);
  gtk_label_set_text (self->import_label, text);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = likert_import_run_finish (result, &error);
  LikertImportDialog *self = operation_lookup (data->serial);

  /* Nothing was imported: a project file made for this import goes too. */
  if (report == NULL && !data->project_existed)
    remove_project_files (data->project_path);
  run_data_free (data);
  if (self == NULL)
    return;
  operation_end (self);

  if (report != NULL)
    {
      g_object_ref (self);
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, report);
      finish (self);
      g_object_unref (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish (self);
      return;
    }

  g_free (self->error);
  self->error = g_strdup (error->message);
  {
    g_autofree char *escaped = g_markup_escape_text (error->message, -1);
    adw_status_page_set_description (self->failed_page, escaped);
  }
  gtk_stack_set_visible_child_name (self->stack, "failed");
  update_actions (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LikertImportDialog *self = LIKERT_IMPORT_DIALOG (widget);
  RunData *data;
  LikertImportPlan *plan;
  g_autofree char *title = NULL;

  if (!likert_import_dialog_can_import (self))
    return;

  /* The run takes the plan: nothing may read it from here. */
  clear_preview (self);
  gtk_list_view_set_model (self->problems_view, NULL);
  plan = g_steal_pointer (&self->plan);
  self->run_size = plan->size;
  self->run_records = plan->n_records;

  data = g_new0 (RunData, 1);
  data->serial = operation_begin (self);
  data->project_path = g_strdup (self->project_path);
  data->project_existed = g_file_test (self->project_path, G_FILE_TEST_EXISTS);
  self->running = TRUE;

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Importing “%s”…"), self->name);
  adw_status_page_set_title (self->importing_page, title);
  import_progress_cb (0, GUINT_TO_POINTER (data->serial));
  gtk_widget_set_sensitive (self->import_cancel_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "importing");
  update_actions (self);

  likert_import_run_async (self->project_path, plan, &self->options, import_progress_cb,
                           GUINT_TO_POINTER (data->serial), self->cancellable, run_done_cb, data);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LikertImportDialog *self = LIKERT_IMPORT_DIALOG (widget);

  if (self->running)
    {
      /* The run rolls back; the dialog closes when it has. */
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->import_label, _("Cancelling…"));
      gtk_widget_set_sensitive (self->import_cancel_button, FALSE);
      return;
    }
  finish (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikertImportDialog *self = LIKERT_IMPORT_DIALOG (widget);

  g_clear_pointer (&self->error, g_free);
  start_plan (self);
}

static void
update_actions (LikertImportDialog *self)
{
  gboolean can_import = likert_import_dialog_can_import (self);
  const char *why = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back",
                                 !self->running && self->serial == 0);

  if (can_import)
    why = _("Import the file into the project (Ctrl+Enter)");
  else if (self->plan != NULL && self->serial == 0)
    {
      if (self->plan->n_problems > 0 && !self->options.skip_bad_rows)
        why = _("Some rows have problems: skip them, or cancel and correct the file");
      else if (dates_need_confirming (self))
        why = _("Confirm the order of the dates first");
      else
        why = _("There is nothing to import");
    }
  gtk_widget_set_tooltip_text (self->import_button, why);
}

/* Callbacks of the settings */

static void
option_changed_cb (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   LikertImportDialog *self)
{
  const char *value;

  if (self->filling || self->running || (value = combo_get_value (row)) == NULL)
    return;

  if (row == self->encoding_row)
    {
      g_free (self->options.encoding);
      self->options.encoding = *value ? g_strdup (value) : NULL;
    }
  else if (row == self->delimiter_row)
    self->options.delimiter = value[0];
  else if (row == self->shape_row)
    {
      LikertShapeKind kind = LIKERT_SHAPE_AUTO;

      if (*value && !likert_shape_kind_from_string (value, &kind))
        kind = LIKERT_SHAPE_AUTO;
      self->options.shape = kind;
      /* Each survey tool has its own header rows. */
      self->options.header_rows = -1;
    }
  else if (row == self->header_rows_row)
    self->options.header_rows = *value ? (int) g_ascii_strtoll (value, NULL, 10) : -1;
  else if (row == self->dates_row)
    {
      LikertDateOrder order = (LikertDateOrder) g_ascii_strtoll (value, NULL, 10);

      self->options.date_order = order;
      self->dates_confirmed = TRUE;
      if (self->plan != NULL && self->plan->date_order == order)
        {
          fill_dates_row (self);
          update_actions (self);
          return;
        }
    }
  else
    g_return_if_reached ();

  start_plan (self);
}

static void
dates_confirm_cb (GtkButton          *button,
                  LikertImportDialog *self)
{
  if (self->plan == NULL)
    return;
  self->options.date_order = self->plan->date_order;
  self->dates_confirmed = TRUE;
  fill_dates_row (self);
  update_actions (self);
}

static void
excluded_changed_cb (GtkSwitch          *button,
                     GParamSpec         *pspec,
                     LikertImportDialog *self)
{
  if (self->filling || self->running)
    return;
  self->options.keep_excluded = gtk_switch_get_active (button);
  start_plan (self);
}

static void
skip_toggled_cb (GtkCheckButton     *button,
                 LikertImportDialog *self)
{
  if (self->filling)
    return;
  self->options.skip_bad_rows = gtk_check_button_get_active (button);
  update_actions (self);
}

/* GObject */

static gboolean
likert_import_dialog_close_request (GtkWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "import.cancel", NULL);
  return TRUE;
}

static void
likert_import_dialog_dispose (GObject *object)
{
  LikertImportDialog *self = LIKERT_IMPORT_DIALOG (object);

  operation_end (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->preview_idle, g_source_remove);
  if (self->preview_view != NULL)
    clear_preview (self);
  if (self->problems_view != NULL)
    gtk_list_view_set_model (self->problems_view, NULL);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_IMPORT_DIALOG);

  g_clear_pointer (&self->plan, likert_import_plan_free);

  G_OBJECT_CLASS (likert_import_dialog_parent_class)->dispose (object);
}

static void
likert_import_dialog_finalize (GObject *object)
{
  LikertImportDialog *self = LIKERT_IMPORT_DIALOG (object);

  likert_import_options_clear (&self->options);
  g_clear_pointer (&self->detected_roles, g_hash_table_unref);
  g_clear_pointer (&self->role_overrides, g_hash_table_unref);
  g_free (self->detected_encoding);
  g_free (self->error);
  g_free (self->path);
  g_free (self->project_path);
  g_free (self->name);

  G_OBJECT_CLASS (likert_import_dialog_parent_class)->finalize (object);
}

static void
likert_import_dialog_class_init (LikertImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = likert_import_dialog_dispose;
  object_class->finalize = likert_import_dialog_finalize;
  window_class->close_request = likert_import_dialog_close_request;

  /**
   * LikertImportDialog::imported:
   * @report: (type gpointer): the LikertImportReport, owned by the dialog
   *
   * The import landed in the project.
   */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * LikertImportDialog::done:
   *
   * The dialog is finished (imported, cancelled or closed) and destroys itself.
   */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, planning_page);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, planning_bar);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, replan_bar);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, shape_row);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, header_rows_row);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, dates_row);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, excluded_row);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, excluded_switch);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, error_row);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, preview_more_label);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, problems_more_label);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, skip_check);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, columns_list);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, notices_group);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, notices_list);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, importing_page);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, import_bar);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, import_label);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, import_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LikertImportDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, excluded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_toggled_cb);

  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "import.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "import.run", NULL);
}

static void
likert_import_dialog_init (LikertImportDialog *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  likert_import_options_init (&self->options);
  self->detected_shape = -1;
  self->detected_header_rows = -1;
  self->detected_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->role_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->column_rows = g_ptr_array_new ();

  combo_set_factory (self->encoding_row);
  combo_set_factory (self->delimiter_row);
  combo_set_factory (self->shape_row);
  combo_set_factory (self->header_rows_row);
  combo_set_factory (self->dates_row);

  self->dates_confirm_button = gtk_button_new_with_mnemonic (_("C_onfirm"));
  gtk_widget_set_valign (self->dates_confirm_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->dates_confirm_button, FALSE);
  gtk_widget_set_tooltip_text (self->dates_confirm_button,
                               _("The dates are read in the order shown"));
  g_signal_connect (self->dates_confirm_button, "clicked", G_CALLBACK (dates_confirm_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->dates_row), self->dates_confirm_button);

  {
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->preview_scroller));

    g_signal_connect_object (adjustment, "changed",
                             G_CALLBACK (preview_hadjustment_changed_cb), self, 0);
    g_signal_connect_object (adjustment, "value-changed",
                             G_CALLBACK (preview_hadjustment_value_cb), self, 0);
  }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (problem_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (problem_bind_cb), self);
  gtk_list_view_set_factory (self->problems_view, factory);
  g_object_unref (factory);

  fill_encoding_row (self);
  fill_delimiter_row (self);
  fill_shape_row (self);
  fill_header_rows_row (self);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  gtk_widget_set_visible (self->notices_group, FALSE);
  update_actions (self);
}

/* Public API */

LikertImportDialog *
likert_import_dialog_new (GtkWindow  *parent,
                          const char *path,
                          const char *project_path)
{
  LikertImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (project_path != NULL, NULL);

  self = g_object_new (LIKERT_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->path = g_strdup (path);
  self->project_path = g_strdup (project_path);
  self->name = g_path_get_basename (path);

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Import “%s”"), self->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  g_free (title);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Reading “%s”…"), self->name);
  adw_status_page_set_title (self->planning_page, title);

  start_plan (self);
  return self;
}

const char *
likert_import_dialog_get_path (LikertImportDialog *self)
{
  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);
  return self->path;
}

const char *
likert_import_dialog_get_project_path (LikertImportDialog *self)
{
  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);
  return self->project_path;
}

const char *
likert_import_dialog_get_page (LikertImportDialog *self)
{
  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
likert_import_dialog_is_busy (LikertImportDialog *self)
{
  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), FALSE);
  return self->serial != 0;
}

const LikertImportPlan *
likert_import_dialog_get_plan (LikertImportDialog *self)
{
  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);
  return self->plan;
}

const char *
likert_import_dialog_get_error (LikertImportDialog *self)
{
  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

gboolean
likert_import_dialog_can_import (LikertImportDialog *self)
{
  const LikertImportPlan *plan;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), FALSE);

  plan = self->plan;
  if (plan == NULL || self->serial != 0 || self->finished)
    return FALSE;
  if (plan->n_problems > 0 && !self->options.skip_bad_rows)
    return FALSE;
  if (dates_need_confirming (self))
    return FALSE;
  /* Something must be left to import. */
  return plan->n_bad_records < plan->n_records &&
         (self->options.keep_excluded || plan->n_excluded + plan->n_bad_records < plan->n_records);
}

char *
likert_import_dialog_dup_setting (LikertImportDialog *self,
                                  const char         *row)
{
  AdwComboRow *combo = NULL;
  GtkStringObject *item;
  char *text;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (row != NULL, NULL);

  if (g_str_equal (row, "encoding"))
    combo = self->encoding_row;
  else if (g_str_equal (row, "delimiter"))
    combo = self->delimiter_row;
  else if (g_str_equal (row, "shape"))
    combo = self->shape_row;
  else if (g_str_equal (row, "header-rows"))
    combo = self->header_rows_row;
  else if (g_str_equal (row, "dates"))
    combo = self->dates_row;
  g_return_val_if_fail (combo != NULL, NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (combo)) ||
      (item = adw_combo_row_get_selected_item (combo)) == NULL)
    return NULL;
  text = g_strdup (gtk_string_object_get_string (item));
  return text;
}

char *
likert_import_dialog_dup_column_role (LikertImportDialog *self,
                                      guint               column)
{
  GtkWidget *dropdown;
  gpointer item;
  char *text = NULL;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);

  if (self->column_rows == NULL || column >= self->column_rows->len)
    return NULL;
  dropdown = row_role_dropdown (g_ptr_array_index (self->column_rows, column));
  item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));
  if (item != NULL)
    text = g_strdup (gtk_string_object_get_string (item));
  return text;
}

char *
likert_import_dialog_dup_column_scale (LikertImportDialog *self,
                                       guint               column)
{
  GtkWidget *row;
  GtkWidget *dropdown;
  gpointer item;
  const char *subtitle;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);

  if (self->column_rows == NULL || column >= self->column_rows->len)
    return NULL;
  row = g_ptr_array_index (self->column_rows, column);
  dropdown = row_scale_dropdown (row);
  if (!gtk_widget_get_visible (dropdown) ||
      (item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown))) == NULL)
    return NULL;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return g_strdup_printf ("%s%s%s", gtk_string_object_get_string (item),
                          subtitle && *subtitle ? "\n" : "", subtitle ? subtitle : "");
}

char *
likert_import_dialog_dup_problem_text (LikertImportDialog *self,
                                       guint               index)
{
  const LikertImportProblem *problem;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);

  if (self->plan == NULL || index >= likert_import_dialog_get_n_problem_rows (self))
    return NULL;
  problem = g_ptr_array_index (self->plan->problems, index);
  heading = problem_heading (problem);
  return g_strdup_printf ("%s — %s", heading, problem->message);
}

guint
likert_import_dialog_get_n_problem_rows (LikertImportDialog *self)
{
  GtkSelectionModel *model;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), 0);

  model = gtk_list_view_get_model (self->problems_view);
  if (model == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->problems_group)))
    return 0;
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

void
likert_import_dialog_set_encoding (LikertImportDialog *self,
                                   const char         *encoding)
{
  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));

  if (encoding == NULL)
    encoding = "";
  if (!combo_select_value (self->encoding_row, encoding))
    {
      /* An encoding off the list: add it, as the list shows a chosen one. */
      g_free (self->options.encoding);
      self->options.encoding = g_strdup (encoding);
      fill_encoding_row (self);
      start_plan (self);
    }
}

void
likert_import_dialog_set_delimiter (LikertImportDialog *self,
                                    char                delimiter)
{
  char value[2] = { delimiter, '\0' };

  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));

  /* The detected delimiter is the first item. */
  if (!combo_select_value (self->delimiter_row, value) && delimiter == self->detected_delimiter)
    combo_select_value (self->delimiter_row, "");
}

void
likert_import_dialog_set_shape (LikertImportDialog *self,
                                LikertShapeKind     kind)
{
  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));

  if (kind == LIKERT_SHAPE_AUTO || (int) kind == self->detected_shape)
    combo_select_value (self->shape_row, "");
  else
    combo_select_value (self->shape_row, likert_shape_kind_to_string (kind));
}

void
likert_import_dialog_set_header_rows (LikertImportDialog *self,
                                      int                 header_rows)
{
  g_autofree char *value = NULL;

  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));

  value = header_rows >= 0 ? g_strdup_printf ("%d", header_rows) : g_strdup ("");
  if (!combo_select_value (self->header_rows_row, value))
    combo_select_value (self->header_rows_row, "");
}

void
likert_import_dialog_set_date_order (LikertImportDialog *self,
                                     LikertDateOrder     order)
{
  g_autofree char *value = NULL;

  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));

  value = g_strdup_printf ("%d", order);
  if (self->plan != NULL && self->plan->date_order == order)
    dates_confirm_cb (NULL, self);
  else
    combo_select_value (self->dates_row, value);
}

static int
find_column (LikertImportDialog *self,
             const char         *column)
{
  for (guint c = 0; self->plan != NULL && c < self->plan->n_columns; c++)
    if (g_strcmp0 (self->plan->fields[c]->header, column) == 0)
      return (int) c;
  return -1;
}

void
likert_import_dialog_set_rating (LikertImportDialog *self,
                                 const char         *column,
                                 int                 scale_min,
                                 int                 scale_max)
{
  int c;

  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column != NULL);

  c = find_column (self, column);
  if (c >= 0 && self->plan->fields[c]->role == LIKERT_ROLE_RATING && (scale_min || scale_max))
    {
      /* As the scale drop-down does. */
      GtkWidget *dropdown = row_scale_dropdown (g_ptr_array_index (self->column_rows, c));
      GArray *scales = g_object_get_data (G_OBJECT (dropdown), "scales");

      for (guint i = 0; scales != NULL && i < scales->len / 2; i++)
        if (g_array_index (scales, int, 2 * i) == scale_min &&
            g_array_index (scales, int, 2 * i + 1) == scale_max)
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
            return;
          }
    }
  g_hash_table_remove (self->role_overrides, column);
  set_choice (self, column, scale_min, scale_max);
  start_plan (self);
}

gboolean
likert_import_dialog_set_role (LikertImportDialog *self,
                               const char         *column,
                               LikertRole          role)
{
  GtkWidget *dropdown;
  GArray *roles;
  int c;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if ((c = find_column (self, column)) < 0)
    return FALSE;
  dropdown = row_role_dropdown (g_ptr_array_index (self->column_rows, c));
  roles = g_object_get_data (G_OBJECT (dropdown), "roles");
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    if (g_array_index (roles, LikertRole, i) == role)
      {
        if (!gtk_widget_get_sensitive (dropdown) && self->plan->fields[c]->role != role)
          return FALSE;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return TRUE;
      }
  return FALSE;
}

void
likert_import_dialog_set_skip_bad_rows (LikertImportDialog *self,
                                        gboolean            skip)
{
  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));

  self->options.skip_bad_rows = skip;
  self->filling = TRUE;
  gtk_check_button_set_active (self->skip_check, skip);
  self->filling = FALSE;
  update_actions (self);
}
