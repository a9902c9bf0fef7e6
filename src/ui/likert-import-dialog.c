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
  LikertImportOptions  options;            /* as chosen in the dialog */
  LikertImportOptions  plan_options;       /* those the plan shown was made with */
  LikertImportOptions  pending_options;    /* those of the plan under way */
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

/* Roles a column may be given whatever the plan found in it (LikertRoleChoice). */
static const LikertRole chosen_roles[] = {
  LIKERT_ROLE_RATING, LIKERT_ROLE_TEXT, LIKERT_ROLE_CATEGORY, LIKERT_ROLE_TIME, LIKERT_ROLE_ID,
  LIKERT_ROLE_OTHER,
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

static char *read_cell (LikertImportDialog *self,
                        guint               column,
                        const char         *text,
                        gboolean           *problem);

/* How the import reads a cell of a rating or a time column, for the preview's second line;
 * NULL for other columns, empty cells and cells read as written ("4" is 4). *problem tells a
 * value the import cannot take. */
static char *
preview_reading (LikertImportDialog *self,
                 guint               column,
                 const char         *text,
                 gboolean           *problem)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *read = read_cell (self, column, text, problem);

  if (read != NULL && !*problem && g_str_equal (read, trimmed))
    g_clear_pointer (&read, g_free);
  return read;
}

static char *
read_cell (LikertImportDialog *self,
           guint               column,
           const char         *text,
           gboolean           *problem)
{
  const LikertImportPlan *plan = self->plan;
  const LikertField *field;

  *problem = FALSE;
  if (plan == NULL || column >= plan->n_columns || text[0] == '\0')
    return NULL;
  field = plan->fields[column];
  if (field->role == LIKERT_ROLE_RATING)
    {
      int value = 0;

      switch (likert_import_plan_read_rating (plan, &self->plan_options, column, text, &value))
        {
        case LIKERT_CELL_MISSING:
          /* Translators: how a rating cell is read: no answer */
          return g_strdup (C_("cell read as", "missing"));
        case LIKERT_CELL_INT:
        case LIKERT_CELL_LABEL:
        case LIKERT_CELL_MIXED:
          if (value >= field->scale_min && value <= field->scale_max)
            return g_strdup_printf ("%d", value);
          *problem = TRUE;
          /* Translators: how a rating cell is read: a value and the scale it falls outside */
          return g_strdup_printf (C_("cell read as", "%d, outside %d–%d"), value,
                                  field->scale_min, field->scale_max);
        case LIKERT_CELL_DECIMAL:
        case LIKERT_CELL_TEXT:
        default:
          *problem = TRUE;
          /* Translators: how a rating cell is read: not at all */
          return g_strdup (C_("cell read as", "not read"));
        }
    }
  if (field->role == LIKERT_ROLE_TIME)
    {
      gint64 when;
      g_autoptr(GDateTime) time = NULL;

      if (likert_scale_parse_time_with_order (text, plan->date_order, &when) &&
          (time = g_date_time_new_from_unix_utc (when)) != NULL)
        /* Year first, whatever the file's order: the reading the analyst checks. */
        return g_date_time_format (time, "%Y-%m-%d %H:%M");
      *problem = TRUE;
      /* Translators: how a time cell is read: not at all */
      return g_strdup (C_("cell read as", "not a date"));
    }
  return NULL;
}

/* A cell reads (and aligns) in the direction of its first letter; one without letters
 * ("2024-03-01 10:00", "3.5") reads left to right, as written, in an RTL table too: a
 * left-to-right mark says so. Line breaks become spaces. */
static char *
preview_line (const char *text)
{
  char *line = g_strconcat (has_strong_direction (text) ? "" : "\u200E", text, NULL);

  g_strdelimit (line, "\r\n", ' ');
  return line;
}

/* The text of a cell of the preview, as read from the file ("" past the row's end). */
static const char *
preview_text (LikertImportDialog *self,
              guint               column,
              guint               row)
{
  if (self->plan != NULL && row < self->plan->preview->len)
    {
      GStrv cells = g_ptr_array_index (self->plan->preview, row);

      if (column < g_strv_length (cells))
        return cells[column];
    }
  return "";
}

/* A cell's whole text on hover, asked for then: setting a tooltip at every bind made GTK 4.8 ask
 * the X server where the pointer is, three round trips per cell (most of the time the preview
 * took to show). */
static gboolean
preview_query_tooltip_cb (GtkWidget          *cell,
                          int                 x,
                          int                 y,
                          gboolean            keyboard,
                          GtkTooltip         *tooltip,
                          LikertImportDialog *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (cell), "likert-list-item");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "column"));
  const char *text = preview_text (self, column, gtk_list_item_get_position (item));

  if (*text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
preview_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LikertImportDialog       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = gtk_inscription_new (NULL);
  GtkWidget *reading = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 14);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (reading), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (reading), 14);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (reading),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (reading, "caption");
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), reading);
  gtk_list_item_set_child (item, box);

  gtk_widget_set_has_tooltip (cell, TRUE);
  g_object_set_data (G_OBJECT (cell), "likert-list-item", item);
  g_object_set_data (G_OBJECT (cell), "column", g_object_get_data (G_OBJECT (factory), "column"));
  g_signal_connect_object (cell, "query-tooltip", G_CALLBACK (preview_query_tooltip_cb), self, 0);
}

static void
preview_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LikertImportDialog       *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *cell = gtk_widget_get_first_child (box);
  GtkWidget *reading = gtk_widget_get_last_child (box);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  const char *text = preview_text (self, column, gtk_list_item_get_position (item));
  g_autofree char *line = NULL;
  g_autofree char *read = NULL;
  g_autofree char *read_line = NULL;
  gboolean problem = FALSE;

  line = preview_line (text);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), line);

  read = preview_reading (self, column, text, &problem);
  read_line = read ? preview_line (read) : NULL;
  gtk_inscription_set_text (GTK_INSCRIPTION (reading), read_line);
  gtk_widget_set_visible (reading, self->plan != NULL && column < self->plan->n_columns &&
                                   (self->plan->fields[column]->role == LIKERT_ROLE_RATING ||
                                    self->plan->fields[column]->role == LIKERT_ROLE_TIME));
  if (problem)
    {
      gtk_widget_remove_css_class (reading, "dim-label");
      gtk_widget_add_css_class (reading, "error");
    }
  else
    {
      gtk_widget_remove_css_class (reading, "error");
      gtk_widget_add_css_class (reading, "dim-label");
    }
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

/* Columns: a row per column with its role and, for a rating, its scale and label map. Every
 * choice goes into the import options and plans again, so that the preview and the problems
 * show what the import would do. */

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

static const LikertRoleChoice *
find_role_choice (LikertImportDialog *self,
                  const char         *column)
{
  for (guint i = 0; self->options.roles != NULL && i < self->options.roles->len; i++)
    {
      const LikertRoleChoice *choice = g_ptr_array_index (self->options.roles, i);

      if (g_strcmp0 (choice->column, column) == 0)
        return choice;
    }
  return NULL;
}

/* Removes the role chosen for column; with column NULL, every choice of role. */
static void
remove_role_choices (LikertImportDialog *self,
                     const char         *column,
                     int                 role)
{
  for (guint i = self->options.roles != NULL ? self->options.roles->len : 0; i-- > 0;)
    {
      LikertRoleChoice *choice = g_ptr_array_index (self->options.roles, i);

      if ((column == NULL || g_strcmp0 (choice->column, column) == 0) &&
          (role < 0 || (int) choice->role == role))
        g_ptr_array_remove_index (self->options.roles, i);
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
  remove_role_choices (self, column, -1);
  choice->column = g_strdup (column);
  choice->scale_min = scale_min;
  choice->scale_max = scale_max;
  if (self->options.ratings == NULL)
    self->options.ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rating_choice_free);
  g_ptr_array_add (self->options.ratings, choice);
}

static gboolean
has_label_choices (LikertImportDialog *self,
                   const char         *column)
{
  for (guint i = 0; self->options.labels != NULL && i < self->options.labels->len; i++)
    if (g_strcmp0 (((LikertLabelChoice *) g_ptr_array_index (self->options.labels, i))->column,
                   column) == 0)
      return TRUE;
  return FALSE;
}

static void
remove_label_choices (LikertImportDialog *self,
                      const char         *column)
{
  for (guint i = self->options.labels != NULL ? self->options.labels->len : 0; i-- > 0;)
    if (g_strcmp0 (((LikertLabelChoice *) g_ptr_array_index (self->options.labels, i))->column,
                   column) == 0)
      g_ptr_array_remove_index (self->options.labels, i);
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

/* The roles a column's drop-down offers: every role the import can give, and Labels for a
 * column the plan found to name the values of another. */
static GArray *
offered_roles (LikertImportDialog *self,
               const LikertField  *field)
{
  GArray *roles = g_array_new (FALSE, FALSE, sizeof (LikertRole));

  g_array_append_vals (roles, chosen_roles, G_N_ELEMENTS (chosen_roles));
  if (field->role == LIKERT_ROLE_LABEL || detected_role (self, field->header) == LIKERT_ROLE_LABEL)
    {
      LikertRole label = LIKERT_ROLE_LABEL;

      g_array_append_val (roles, label);
    }
  return roles;
}

static GtkWidget *
row_widget (GtkWidget  *row,
            const char *name)
{
  return g_object_get_data (G_OBJECT (row), name);
}

/* An accessible name for a control without a visible label of its own. */
static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
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

/* How a word's value reads in its drop-down and in likert_import_dialog_dup_column_labels (). */
static char *
label_value_name (const LikertField *field,
                  int                value)
{
  const char *label;

  if (value == LIKERT_LABEL_UNREAD)
    /* Translators: a word of a rating column that the import cannot read as a value */
    return g_strdup (C_("label value", "Not read"));
  if (value == LIKERT_LABEL_MISSING)
    /* Translators: a word of a rating column read as no answer */
    return g_strdup (C_("label value", "Missing"));
  label = value >= field->scale_min && value <= field->scale_max &&
          value - field->scale_min < LIKERT_MAX_SCALE
          ? field->labels[value - field->scale_min] : NULL;
  if (label != NULL)
    /* Translators: a rating value and the label the column gives it: “3 · Neutral” */
    return g_strdup_printf (C_("label value", "%d · %s"), value, label);
  return g_strdup_printf ("%d", value);
}

static void
role_changed_cb (GtkDropDown        *dropdown,
                 GParamSpec         *pspec,
                 LikertImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  GArray *roles = g_object_get_data (G_OBJECT (dropdown), "roles");
  guint position = gtk_drop_down_get_selected (dropdown);
  const LikertField *field;
  LikertRole role;

  if (self->filling || self->running || self->plan == NULL || column >= self->plan->n_columns ||
      roles == NULL || position >= roles->len)
    return;
  field = self->plan->fields[column];
  role = g_array_index (roles, LikertRole, position);
  if (role == field->role)
    return;

  remove_choice (self, field->header);
  remove_role_choices (self, field->header, -1);
  /* One identifier and one time: a column chosen as one takes the place of another chosen. */
  if (role == LIKERT_ROLE_ID || role == LIKERT_ROLE_TIME)
    remove_role_choices (self, NULL, role);
  /* The role found by itself needs no choice (Labels cannot be chosen otherwise). */
  if (role != detected_role (self, field->header) && role != LIKERT_ROLE_LABEL)
    likert_import_options_set_role (&self->options, field->header, role);
  start_plan (self);
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

  if (self->filling || self->running || self->plan == NULL || column >= self->plan->n_columns ||
      scales == NULL || position >= scales->len / 2)
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

/* The ends of the scale in the label map's spin buttons. */
static void
scale_spin_changed_cb (GtkSpinButton      *spin,
                       LikertImportDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (spin), "row");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  GtkSpinButton *min_spin = GTK_SPIN_BUTTON (row_widget (row, "min-spin"));
  GtkSpinButton *max_spin = GTK_SPIN_BUTTON (row_widget (row, "max-spin"));
  const LikertField *field;
  int scale_min = gtk_spin_button_get_value_as_int (min_spin);
  int scale_max = gtk_spin_button_get_value_as_int (max_spin);

  if (self->filling || self->running || self->plan == NULL || column >= self->plan->n_columns)
    return;
  field = self->plan->fields[column];
  /* The other end moves to keep at least two points. */
  if (scale_min >= scale_max)
    {
      if (spin == min_spin)
        scale_max = MIN (scale_min + 1, LIKERT_MAX_SCALE - 1);
      scale_min = MIN (scale_min, scale_max - 1);
      self->filling = TRUE;
      gtk_spin_button_set_value (min_spin, scale_min);
      gtk_spin_button_set_value (max_spin, scale_max);
      self->filling = FALSE;
    }
  if (field->role == LIKERT_ROLE_RATING && scale_min == field->scale_min &&
      scale_max == field->scale_max)
    return;
  set_choice (self, field->header, scale_min, scale_max);
  start_plan (self);
}

static void
label_value_changed_cb (GtkDropDown        *dropdown,
                        GParamSpec         *pspec,
                        LikertImportDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (dropdown), "row");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  const char *label = g_object_get_data (G_OBJECT (dropdown), "label");
  GArray *values = g_object_get_data (G_OBJECT (dropdown), "values");
  int current = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), "value"));
  guint position = gtk_drop_down_get_selected (dropdown);
  int value;

  if (self->filling || self->running || self->plan == NULL || column >= self->plan->n_columns ||
      values == NULL || position >= values->len)
    return;
  value = g_array_index (values, int, position);
  if (value == current || value == LIKERT_LABEL_UNREAD)
    return;
  likert_import_options_set_label (&self->options, self->plan->fields[column]->header, label,
                                   value);
  g_object_set_data (G_OBJECT (dropdown), "value", GINT_TO_POINTER (value));
  start_plan (self);
}

static void
labels_reset_cb (GtkButton          *button,
                 LikertImportDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));

  if (self->running || self->plan == NULL || column >= self->plan->n_columns)
    return;
  remove_label_choices (self, self->plan->fields[column]->header);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  start_plan (self);
}

/* The value drop-downs show a short button ("3 · Neither agr…") and their whole items in the
 * list. */
static void
value_item_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  short_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (short_item != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
    }
  gtk_list_item_set_child (item, label);
}

static void
value_item_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  short_item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, short_item != NULL ? text : NULL);
}

static GtkListItemFactory *
value_item_factory (gboolean short_item)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (value_item_setup_cb),
                    GINT_TO_POINTER (short_item));
  g_signal_connect (factory, "bind", G_CALLBACK (value_item_bind_cb),
                    GINT_TO_POINTER (short_item));
  return factory;
}

/* The label map's drop-down of a word: its value as read, the scale's points and Missing. */
static void
update_label_dropdown (LikertImportDialog     *self,
                       GtkWidget              *dropdown,
                       const LikertField      *field,
                       const LikertFoundLabel *found)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  int missing = LIKERT_LABEL_MISSING;
  guint position = 0;

  if (found->value == LIKERT_LABEL_UNREAD)
    g_array_append_val (values, found->value);
  for (int v = field->scale_min; v <= field->scale_max; v++)
    {
      if (found->value >= 0 && found->value < v && (values->len == 0 ||
          g_array_index (values, int, values->len - 1) < found->value))
        g_array_append_val (values, found->value);
      g_array_append_val (values, v);
    }
  if (found->value > field->scale_max)
    g_array_append_val (values, found->value);
  g_array_append_val (values, missing);

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *name = label_value_name (field, g_array_index (values, int, i));

      gtk_string_list_append (names, name);
      g_string_append_printf (key, "%s\n", name);
      if (g_array_index (values, int, i) == found->value)
        position = i;
    }

  self->filling = TRUE;
  /* The same items keep the model (and the drop-down's popup, if open). */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (dropdown), "names"), key->str) != 0)
    {
      gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (names));
      g_object_set_data_full (G_OBJECT (dropdown), "names", g_strdup (key->str), g_free);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position);
  self->filling = FALSE;
  g_object_set_data_full (G_OBJECT (dropdown), "values", g_steal_pointer (&values),
                          (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (dropdown), "value", GINT_TO_POINTER (found->value));
  if (found->value == LIKERT_LABEL_UNREAD)
    gtk_widget_add_css_class (dropdown, "error");
  else
    gtk_widget_remove_css_class (dropdown, "error");
}

/* The words of a rating column, each with its drop-down. A replan that finds the same words
 * keeps the widgets (and the keyboard focus among them): only their values change. */
static void
update_label_map (LikertImportDialog *self,
                  GtkWidget          *row,
                  guint               column)
{
  const LikertField *field = self->plan->fields[column];
  GPtrArray *found = self->plan->labels != NULL ? self->plan->labels[column] : NULL;
  GtkGrid *grid = GTK_GRID (row_widget (row, "labels-grid"));
  GHashTable *dropdowns = g_object_get_data (G_OBJECT (row), "label-dropdowns");
  GtkWidget *reset = row_widget (row, "labels-reset");
  GtkWidget *none = row_widget (row, "labels-none");
  GtkWidget *button_icon = row_widget (row, "labels-icon");
  gboolean same = found != NULL && dropdowns != NULL &&
                  g_hash_table_size (dropdowns) == found->len;
  guint n_unread = 0;

  for (guint i = 0; same && i < found->len; i++)
    same = g_hash_table_contains (dropdowns,
                                  ((LikertFoundLabel *) g_ptr_array_index (found, i))->label);
  if (!same)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
        gtk_grid_remove (grid, child);
      dropdowns = g_hash_table_new (g_str_hash, g_str_equal);
      g_object_set_data_full (G_OBJECT (row), "label-dropdowns", dropdowns,
                              (GDestroyNotify) g_hash_table_unref);
      for (guint i = 0; found != NULL && i < found->len; i++)
        {
          const LikertFoundLabel *word = g_ptr_array_index (found, i);
          GtkWidget *name = gtk_label_new (NULL);
          g_autofree char *count_text = format_count (word->count);
          g_autofree char *count_label = NULL;
          GtkWidget *count = NULL;
          GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);
          g_autoptr(GtkListItemFactory) button_factory = value_item_factory (TRUE);
          g_autoptr(GtkListItemFactory) list_factory = value_item_factory (FALSE);
          g_autofree char *accessible = NULL;

          /* Words come from the file: text, never markup. */
          gtk_label_set_text (GTK_LABEL (name), word->label);
          gtk_label_set_xalign (GTK_LABEL (name), 0);
          gtk_label_set_wrap (GTK_LABEL (name), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_width_chars (GTK_LABEL (name), 12);
          gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
          gtk_widget_set_hexpand (name, TRUE);
          gtk_widget_set_tooltip_text (name, word->label);
          /* Translators: how many cells hold a word, as in “× 12” */
          count_label = g_strdup_printf (C_("label count", "× %s"), count_text);
          count = gtk_label_new (count_label);
          gtk_label_set_xalign (GTK_LABEL (count), 1);
          gtk_widget_add_css_class (count, "dim-label");
          gtk_widget_add_css_class (count, "numeric");
          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button_factory);
          gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
          /* Translators: %s is a word found in a rating column */
          accessible = g_strdup_printf (_("Value of “%s”"), word->label);
          set_accessible_label (dropdown, accessible);
          g_object_set_data (G_OBJECT (dropdown), "row", row);
          g_object_set_data_full (G_OBJECT (dropdown), "label", g_strdup (word->label), g_free);
          gtk_grid_attach (grid, name, 0, (int) i, 1, 1);
          gtk_grid_attach (grid, count, 1, (int) i, 1, 1);
          gtk_grid_attach (grid, dropdown, 2, (int) i, 1, 1);
          g_hash_table_insert (dropdowns, g_object_get_data (G_OBJECT (dropdown), "label"),
                               dropdown);
          g_signal_connect (dropdown, "notify::selected", G_CALLBACK (label_value_changed_cb),
                            self);
        }
    }

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      const LikertFoundLabel *word = g_ptr_array_index (found, i);
      GtkWidget *dropdown = g_hash_table_lookup (dropdowns, word->label);

      update_label_dropdown (self, dropdown, field, word);
      n_unread += word->value == LIKERT_LABEL_UNREAD;
    }
  /* Numbers only: nothing to map. */
  gtk_widget_set_visible (GTK_WIDGET (grid), found != NULL && found->len > 0);
  gtk_widget_set_visible (row_widget (row, "labels-scroller"), found != NULL && found->len > 0);
  gtk_widget_set_visible (row_widget (row, "labels-note"), found != NULL && found->len > 0);
  gtk_widget_set_visible (reset, found != NULL && found->len > 0);
  gtk_widget_set_visible (none, found == NULL || found->len == 0);
  gtk_widget_set_sensitive (reset, has_label_choices (self, field->header));
  gtk_widget_set_visible (button_icon, n_unread > 0);

  self->filling = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (row, "min-spin")), field->scale_min);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (row, "max-spin")), field->scale_max);
  self->filling = FALSE;
}

/* Sets a column's row from the plan's field. */
static void
update_column_row (LikertImportDialog *self,
                   guint               column)
{
  const LikertField *field = self->plan->fields[column];
  const LikertShapeColumn *shape_column = &self->plan->shape->columns[column];
  GtkWidget *row = g_ptr_array_index (self->column_rows, column);
  GtkWidget *role_dropdown = row_widget (row, "role-dropdown");
  GtkWidget *scale_dropdown = row_widget (row, "scale-dropdown");
  GtkWidget *labels_button = row_widget (row, "labels-button");
  g_autoptr(GArray) roles = offered_roles (self, field);
  GArray *shown_roles = g_object_get_data (G_OBJECT (role_dropdown), "roles");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint role_position = 0;

  self->filling = TRUE;

  for (guint i = 0; i < roles->len; i++)
    if (g_array_index (roles, LikertRole, i) == field->role)
      role_position = i;
  /* The model stays when the roles offered do (keyboard focus and an open list stay too). */
  if (shown_roles == NULL || shown_roles->len != roles->len ||
      memcmp (shown_roles->data, roles->data, roles->len * sizeof (LikertRole)) != 0)
    {
      g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);

      for (guint i = 0; i < roles->len; i++)
        gtk_string_list_append (role_names, role_name (g_array_index (roles, LikertRole, i)));
      gtk_drop_down_set_model (GTK_DROP_DOWN (role_dropdown), G_LIST_MODEL (role_names));
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role_dropdown), role_position);
  gtk_widget_set_tooltip_text (role_dropdown,
                               find_choice (self, field->header) != NULL ||
                               find_role_choice (self, field->header) != NULL
                               ? _("Chosen by you")
                               : _("Found from the values"));
  g_object_set_data_full (G_OBJECT (role_dropdown), "roles", g_steal_pointer (&roles),
                          (GDestroyNotify) g_array_unref);

  gtk_widget_set_visible (scale_dropdown, field->role == LIKERT_ROLE_RATING);
  gtk_widget_set_visible (labels_button, field->role == LIKERT_ROLE_RATING);
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
  self->filling = FALSE;

  if (field->role == LIKERT_ROLE_RATING)
    update_label_map (self, row, column);
  else
    gtk_menu_button_popdown (GTK_MENU_BUTTON (labels_button));

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
}

/* The button of a rating column's scale and label map, and its popover. */
static GtkWidget *
new_labels_button (LikertImportDialog *self,
                   GtkWidget          *row,
                   const char         *header)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *scale_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scale_label = gtk_label_new_with_mnemonic (_("_Scale from"));
  GtkWidget *to_label = gtk_label_new_with_mnemonic (C_("scale", "_to"));
  GtkWidget *min_spin = gtk_spin_button_new_with_range (0, LIKERT_MAX_SCALE - 2, 1);
  GtkWidget *max_spin = gtk_spin_button_new_with_range (1, LIKERT_MAX_SCALE - 1, 1);
  GtkWidget *words_title = gtk_label_new (_("Words in the column"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *none = gtk_label_new (_("Every value in this column is a number."));
  GtkWidget *note = gtk_label_new (_("Each word is read as the value chosen for it; numbers "
                                     "are read as written."));
  GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Reset the Words"));
  g_autofree char *button_label = NULL;
  g_autofree char *min_label = NULL;
  g_autofree char *max_label = NULL;

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Some words are not read"), -1);
  gtk_box_append (GTK_BOX (button_box), icon);
  /* Translators: a button that opens a rating column's scale and the values of its words */
  gtk_box_append (GTK_BOX (button_box), gtk_label_new (C_("column", "Labels")));
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), button_box);
  gtk_widget_set_tooltip_text (button, _("The scale, and the value of each word"));
  /* Translators: %s is a column's name */
  button_label = g_strdup_printf (_("Scale and labels of “%s”"), header);
  set_accessible_label (button, button_label);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_text (GTK_LABEL (title), header);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  gtk_label_set_mnemonic_widget (GTK_LABEL (scale_label), min_spin);
  gtk_label_set_mnemonic_widget (GTK_LABEL (to_label), max_spin);
  /* Translators: %s is a column's name */
  min_label = g_strdup_printf (_("Lowest value of “%s”"), header);
  max_label = g_strdup_printf (_("Highest value of “%s”"), header);
  set_accessible_label (min_spin, min_label);
  set_accessible_label (max_spin, max_label);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (min_spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (max_spin), TRUE);
  gtk_box_append (GTK_BOX (scale_box), scale_label);
  gtk_box_append (GTK_BOX (scale_box), min_spin);
  gtk_box_append (GTK_BOX (scale_box), to_label);
  gtk_box_append (GTK_BOX (scale_box), max_spin);
  gtk_box_append (GTK_BOX (box), scale_box);

  gtk_label_set_xalign (GTK_LABEL (words_title), 0);
  gtk_widget_add_css_class (words_title, "heading");
  gtk_box_append (GTK_BOX (box), words_title);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_label_set_xalign (GTK_LABEL (none), 0);
  gtk_widget_add_css_class (none, "dim-label");
  gtk_box_append (GTK_BOX (box), none);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 40);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_box_append (GTK_BOX (box), note);
  gtk_widget_set_halign (reset, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (reset, _("Read every word as Likert finds it"));
  gtk_box_append (GTK_BOX (box), reset);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  g_object_set_data (G_OBJECT (row), "labels-button", button);
  g_object_set_data (G_OBJECT (row), "labels-icon", icon);
  g_object_set_data (G_OBJECT (row), "labels-grid", grid);
  g_object_set_data (G_OBJECT (row), "labels-none", none);
  g_object_set_data (G_OBJECT (row), "labels-scroller", scroller);
  g_object_set_data (G_OBJECT (row), "labels-note", note);
  g_object_set_data (G_OBJECT (row), "labels-reset", reset);
  g_object_set_data (G_OBJECT (row), "min-spin", min_spin);
  g_object_set_data (G_OBJECT (row), "max-spin", max_spin);
  g_object_set_data (G_OBJECT (min_spin), "row", row);
  g_object_set_data (G_OBJECT (max_spin), "row", row);
  g_object_set_data (G_OBJECT (reset), "row", row);
  g_signal_connect (min_spin, "value-changed", G_CALLBACK (scale_spin_changed_cb), self);
  g_signal_connect (max_spin, "value-changed", G_CALLBACK (scale_spin_changed_cb), self);
  g_signal_connect (reset, "clicked", G_CALLBACK (labels_reset_cb), self);
  return button;
}

static GtkWidget *
new_column_row (LikertImportDialog *self,
                guint               column,
                const char         *header)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *role = gtk_drop_down_new (NULL, NULL);
  GtkWidget *scale = gtk_drop_down_new (NULL, NULL);
  GtkWidget *labels;
  g_autofree char *role_label = NULL;
  g_autofree char *scale_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));

  gtk_widget_set_valign (scale, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (scale, "flat");
  gtk_widget_add_css_class (role, "flat");
  /* Translators: %s is a column's name */
  scale_label = g_strdup_printf (_("Scale of “%s”"), header);
  /* Translators: %s is a column's name */
  role_label = g_strdup_printf (_("Role of “%s”"), header);
  set_accessible_label (scale, scale_label);
  set_accessible_label (role, role_label);
  g_object_set_data (G_OBJECT (role), "column", GUINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (scale), "column", GUINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (row), "role-dropdown", role);
  g_object_set_data (G_OBJECT (row), "scale-dropdown", scale);
  labels = new_labels_button (self, row, header);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), labels);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);
  g_signal_connect (role, "notify::selected", G_CALLBACK (role_changed_cb), self);
  g_signal_connect (scale, "notify::selected", G_CALLBACK (scale_changed_cb), self);
  return row;
}

static void
fill_columns (LikertImportDialog *self)
{
  const LikertImportPlan *plan = self->plan;
  gboolean same = self->column_rows->len == plan->n_columns;
  GtkWidget *child;

  /* The same columns keep their rows, so that a choice made in a row (or its popover) keeps
   * the keyboard focus there while the file is planned again. */
  for (guint c = 0; same && c < plan->n_columns; c++)
    same = g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (self->column_rows, c)),
                      plan->fields[c]->header) == 0;
  if (!same)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list))) != NULL)
        gtk_list_box_remove (self->columns_list, child);
      g_ptr_array_set_size (self->column_rows, 0);
      for (guint c = 0; c < plan->n_columns; c++)
        {
          GtkWidget *row = new_column_row (self, c, plan->fields[c]->header);

          gtk_list_box_append (self->columns_list, row);
          g_ptr_array_add (self->column_rows, row);
        }
    }
  for (guint c = 0; c < plan->n_columns; c++)
    update_column_row (self, c);
}

/* Plans */

/* Remembers what detection found. */
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
      const LikertField *field = plan->fields[c];

      if (find_choice (self, field->header) == NULL && find_role_choice (self, field->header) == NULL)
        g_hash_table_insert (self->detected_roles, g_strdup (field->header),
                             GINT_TO_POINTER (field->role));
    }
}

static void
set_content_sensitive (LikertImportDialog *self,
                       gboolean            sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_group), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->problems_group), sensitive);
  /* The columns stay usable: a choice made while the file is read again plans once more. */
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
      ((self->options.ratings != NULL && self->options.ratings->len > 0) ||
       (self->options.roles != NULL && self->options.roles->len > 0) ||
       (self->options.labels != NULL && self->options.labels->len > 0)))
    {
      /* Another encoding, delimiter, survey tool or number of header rows can name the columns
       * otherwise, and a choice made for a column the file no longer has fails the plan: plan
       * again without the choices (if the settings themselves do not fit, that plan says so). */
      g_clear_pointer (&self->options.ratings, g_ptr_array_unref);
      g_clear_pointer (&self->options.roles, g_ptr_array_unref);
      g_clear_pointer (&self->options.labels, g_ptr_array_unref);
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
      likert_import_options_clear (&self->plan_options);
      self->plan_options = self->pending_options;
      likert_import_options_init (&self->pending_options);
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

  likert_import_options_clear (&self->pending_options);
  likert_import_options_copy (&self->pending_options, &self->options);
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
  likert_import_options_clear (&self->plan_options);
  likert_import_options_clear (&self->pending_options);
  g_clear_pointer (&self->detected_roles, g_hash_table_unref);
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
  likert_import_options_init (&self->plan_options);
  likert_import_options_init (&self->pending_options);
  self->detected_shape = -1;
  self->detected_header_rows = -1;
  self->detected_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
  dropdown = row_widget (g_ptr_array_index (self->column_rows, column), "role-dropdown");
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
  dropdown = row_widget (row, "scale-dropdown");
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
      /* As the scale drop-down does (another scale: as the label map's spin buttons do). */
      GtkWidget *dropdown = row_widget (g_ptr_array_index (self->column_rows, c),
                                        "scale-dropdown");
      GArray *scales = g_object_get_data (G_OBJECT (dropdown), "scales");

      for (guint i = 0; scales != NULL && i < scales->len / 2; i++)
        if (g_array_index (scales, int, 2 * i) == scale_min &&
            g_array_index (scales, int, 2 * i + 1) == scale_max)
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
            return;
          }
    }
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
  dropdown = row_widget (g_ptr_array_index (self->column_rows, c), "role-dropdown");
  roles = g_object_get_data (G_OBJECT (dropdown), "roles");
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    if (g_array_index (roles, LikertRole, i) == role)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return TRUE;
      }
  return FALSE;
}

char *
likert_import_dialog_dup_column_labels (LikertImportDialog *self,
                                        guint               column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *row;
  GtkWidget *grid;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);

  if (self->column_rows == NULL || column >= self->column_rows->len)
    return NULL;
  row = g_ptr_array_index (self->column_rows, column);
  if (!gtk_widget_get_visible (row_widget (row, "labels-button")))
    return NULL;
  grid = row_widget (row, "labels-grid");
  if (!gtk_widget_get_visible (grid))
    return g_strdup ("");
  /* Row by row, as the grid shows them: the word, its count, its drop-down. */
  for (int r = 0; gtk_grid_get_child_at (GTK_GRID (grid), 0, r) != NULL; r++)
    {
      GtkWidget *name = gtk_grid_get_child_at (GTK_GRID (grid), 0, r);
      GtkWidget *dropdown = gtk_grid_get_child_at (GTK_GRID (grid), 2, r);
      gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

      g_string_append_printf (text, "%s%s = %s", r ? "\n" : "",
                              gtk_label_get_text (GTK_LABEL (name)),
                              item ? gtk_string_object_get_string (item) : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
likert_import_dialog_set_label_value (LikertImportDialog *self,
                                      const char         *column,
                                      const char         *label,
                                      int                 value)
{
  GHashTable *dropdowns;
  GtkWidget *dropdown;
  GArray *values;
  int c;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if ((c = find_column (self, column)) < 0 || self->plan->fields[c]->role != LIKERT_ROLE_RATING)
    return FALSE;
  dropdowns = g_object_get_data (g_ptr_array_index (self->column_rows, c), "label-dropdowns");
  if (dropdowns == NULL || (dropdown = g_hash_table_lookup (dropdowns, label)) == NULL)
    return FALSE;
  values = g_object_get_data (G_OBJECT (dropdown), "values");
  for (guint i = 0; values != NULL && i < values->len; i++)
    if (g_array_index (values, int, i) == value)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return TRUE;
      }
  return FALSE;
}

void
likert_import_dialog_reset_labels (LikertImportDialog *self,
                                   const char         *column)
{
  GtkWidget *reset;
  int c;

  g_return_if_fail (LIKERT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column != NULL);

  if ((c = find_column (self, column)) < 0)
    return;
  reset = row_widget (g_ptr_array_index (self->column_rows, c), "labels-reset");
  if (gtk_widget_get_sensitive (reset))
    g_signal_emit_by_name (reset, "clicked");
}

char *
likert_import_dialog_dup_preview_cell (LikertImportDialog *self,
                                       guint               row,
                                       guint               column)
{
  const char *text;
  g_autofree char *read = NULL;
  GStrv cells;
  gboolean problem;

  g_return_val_if_fail (LIKERT_IS_IMPORT_DIALOG (self), NULL);

  if (self->plan == NULL || row >= self->plan->preview->len || column >= PREVIEW_MAX_COLUMNS)
    return NULL;
  cells = g_ptr_array_index (self->plan->preview, row);
  if (column >= g_strv_length (cells))
    return NULL;
  text = cells[column];
  read = preview_reading (self, column, text, &problem);
  return read ? g_strdup_printf ("%s\n%s%s", text, problem ? "!" : "", read) : g_strdup (text);
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
