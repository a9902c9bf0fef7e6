/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-chart-picker.h"

struct _LikertChartPicker
{
  GtkWidget          parent_instance;

  /* template */
  GtkDropDown       *kind_dropdown;
  GtkDropDown       *question_dropdown;
  GtkDropDown       *segment_dropdown;
  GtkDropDown       *period_dropdown;
  GtkWidget         *percent_box;
  GtkToggleButton   *counts_button;
  GtkToggleButton   *percent_button;
  GtkWidget         *no_saved_label;
  GtkWidget         *saved_scrolled;
  GtkBox            *saved_box;

  LikertChartView   *view;
  LikertFrame       *frame;
  LikertStore       *store;
  GSettings         *settings;
  GPtrArray         *questions;     /* names, in the dropdown's order */
  GPtrArray         *segments;      /* field names; the dropdown has "None" first */
  guint              syncing;
};

G_DEFINE_FINAL_TYPE (LikertChartPicker, likert_chart_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

enum {
  LOAD_CHART,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static guint
find_name (GPtrArray  *names,
           const char *name)
{
  guint index;

  if (name != NULL && g_ptr_array_find_with_equal_func (names, name, g_str_equal, &index))
    return index;
  return G_MAXUINT;
}

static void
sync_widgets (LikertChartPicker *self)
{
  LikertChartKind kind;
  guint question, segment;

  if (self->view == NULL)
    return;
  kind = likert_chart_view_get_kind (self->view);
  question = find_name (self->questions, likert_chart_view_get_question (self->view));
  segment = find_name (self->segments, likert_chart_view_get_segment (self->view));

  self->syncing++;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  gtk_drop_down_set_selected (self->question_dropdown, question != G_MAXUINT ? question : 0);
  gtk_drop_down_set_selected (self->segment_dropdown, segment != G_MAXUINT ? segment + 1 : 0);
  gtk_drop_down_set_selected (self->period_dropdown, likert_chart_view_get_period (self->view));
  gtk_toggle_button_set_active (likert_chart_view_get_percent (self->view) ? self->percent_button
                                                                           : self->counts_button,
                                TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->question_dropdown),
                          self->questions->len > 1 && kind != LIKERT_CHART_TAGS);
  gtk_widget_set_visible (GTK_WIDGET (self->segment_dropdown),
                          self->segments->len > 0 && likert_chart_kind_takes_segment (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), kind == LIKERT_CHART_TREND);
  gtk_widget_set_visible (self->percent_box, kind == LIKERT_CHART_HISTOGRAM);
  self->syncing--;
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* GSettings holds the kind and the period by name. */
static gboolean
kind_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  LikertChartKind kind;

  if (!likert_chart_kind_from_string (g_variant_get_string (variant, NULL), &kind))
    return FALSE;
  g_value_set_uint (value, kind);
  return TRUE;
}

static GVariant *
kind_to_setting (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_string (likert_chart_kind_to_string (g_value_get_uint (value)));
}

static gboolean
period_from_setting (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  LikertPeriod period;

  if (!likert_period_from_string (g_variant_get_string (variant, NULL), &period))
    return FALSE;
  g_value_set_uint (value, period);
  return TRUE;
}

static GVariant *
period_to_setting (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  return g_variant_new_string (likert_period_to_string (g_value_get_uint (value)));
}

/* Callbacks */

static void
kind_selected_cb (LikertChartPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->syncing > 0 || self->view == NULL || selected >= LIKERT_CHART_N_KINDS)
    return;
  likert_chart_view_set_kind (self->view, (LikertChartKind) selected);
}

static void
question_selected_cb (LikertChartPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->question_dropdown);

  if (self->syncing > 0 || self->view == NULL || selected >= self->questions->len)
    return;
  likert_chart_view_set_question (self->view, g_ptr_array_index (self->questions, selected));
}

static void
segment_selected_cb (LikertChartPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->segment_dropdown);

  if (self->syncing > 0 || self->view == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  likert_chart_view_set_segment (self->view,
                                 selected > 0 && selected <= self->segments->len
                                 ? g_ptr_array_index (self->segments, selected - 1) : NULL);
}

static void
period_selected_cb (LikertChartPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->syncing > 0 || self->view == NULL || selected >= LIKERT_PERIOD_N_PERIODS)
    return;
  likert_chart_view_set_period (self->view, (LikertPeriod) selected);
}

static void
percent_toggled_cb (LikertChartPicker *self)
{
  if (self->syncing > 0 || self->view == NULL)
    return;
  likert_chart_view_set_percent (self->view, gtk_toggle_button_get_active (self->percent_button));
}

static void
view_notify_cb (LikertChartPicker *self)
{
  sync_widgets (self);
}

static void
saved_popover_show_cb (LikertChartPicker *self)
{
  likert_chart_picker_refresh (self);
}

static void
saved_clicked_cb (GtkButton         *button,
                  LikertChartPicker *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  /* The window loads it (likert_chart_picker_load_saved) and reports what goes wrong. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.load-chart", "s", name);
}

/* GObject */

static void
likert_chart_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LikertChartPicker *self = LIKERT_CHART_PICKER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_chart_picker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LikertChartPicker *self = LIKERT_CHART_PICKER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      likert_chart_picker_set_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_chart_picker_dispose (GObject *object)
{
  LikertChartPicker *self = LIKERT_CHART_PICKER (object);
  GtkWidget *child;

  likert_chart_picker_set_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_CHART_PICKER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (likert_chart_picker_parent_class)->dispose (object);
}

static void
likert_chart_picker_finalize (GObject *object)
{
  LikertChartPicker *self = LIKERT_CHART_PICKER (object);

  g_ptr_array_unref (self->questions);
  g_ptr_array_unref (self->segments);

  G_OBJECT_CLASS (likert_chart_picker_parent_class)->finalize (object);
}

static void
likert_chart_picker_class_init (LikertChartPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = likert_chart_picker_get_property;
  object_class->set_property = likert_chart_picker_set_property;
  object_class->dispose = likert_chart_picker_dispose;
  object_class->finalize = likert_chart_picker_finalize;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, LIKERT_TYPE_CHART_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LikertChartPicker::load-chart:
   * @spec: (type gpointer): the LikertChartSpec of the saved chart chosen
   */
  signals[LOAD_CHART] =
    g_signal_new ("load-chart", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-chart-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, question_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, percent_box);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, counts_button);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, percent_button);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, no_saved_label);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, saved_scrolled);
  gtk_widget_class_bind_template_child (widget_class, LikertChartPicker, saved_box);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, question_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, segment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, percent_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_popover_show_cb);
  gtk_widget_class_set_css_name (widget_class, "chartpicker");
}

static void
likert_chart_picker_init (LikertChartPicker *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->questions = g_ptr_array_new_with_free_func (g_free);
  self->segments = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint k = 0; k < LIKERT_CHART_N_KINDS; k++)
    gtk_string_list_append (kinds, likert_chart_kind_get_title ((LikertChartKind) k));
  self->syncing++;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  self->syncing--;
  self->settings = g_settings_new (APP_ID);
  likert_chart_picker_set_project (self, NULL, NULL);
}

/* Public API */

GtkWidget *
likert_chart_picker_new (void)
{
  return g_object_new (LIKERT_TYPE_CHART_PICKER, NULL);
}

LikertChartView *
likert_chart_picker_get_view (LikertChartPicker *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_PICKER (self), NULL);
  return self->view;
}

void
likert_chart_picker_set_view (LikertChartPicker *self,
                              LikertChartView   *view)
{
  g_return_if_fail (LIKERT_IS_CHART_PICKER (self));
  g_return_if_fail (view == NULL || LIKERT_IS_CHART_VIEW (view));

  if (self->view == view)
    return;
  if (self->view != NULL)
    {
      g_settings_unbind (self->view, "kind");
      g_settings_unbind (self->view, "period");
      g_settings_unbind (self->view, "percent");
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_clear_object (&self->view);
    }
  if (view != NULL)
    {
      self->view = g_object_ref (view);
      g_settings_bind_with_mapping (self->settings, "chart-kind", view, "kind",
                                    G_SETTINGS_BIND_DEFAULT, kind_from_setting, kind_to_setting,
                                    NULL, NULL);
      g_settings_bind_with_mapping (self->settings, "chart-period", view, "period",
                                    G_SETTINGS_BIND_DEFAULT, period_from_setting,
                                    period_to_setting, NULL, NULL);
      g_settings_bind (self->settings, "chart-percent", view, "percent", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_swapped (view, "notify::kind", G_CALLBACK (view_notify_cb), self);
      g_signal_connect_swapped (view, "notify::question", G_CALLBACK (view_notify_cb), self);
      g_signal_connect_swapped (view, "notify::segment", G_CALLBACK (view_notify_cb), self);
      g_signal_connect_swapped (view, "notify::period", G_CALLBACK (view_notify_cb), self);
      g_signal_connect_swapped (view, "notify::percent", G_CALLBACK (view_notify_cb), self);
      sync_widgets (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

void
likert_chart_picker_set_project (LikertChartPicker *self,
                                 LikertFrame       *frame,
                                 LikertStore       *store)
{
  g_autoptr(GtkStringList) questions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) segments = gtk_string_list_new (NULL);

  g_return_if_fail (LIKERT_IS_CHART_PICKER (self));

  if (frame != NULL)
    likert_frame_ref (frame);
  g_clear_pointer (&self->frame, likert_frame_unref);
  self->frame = frame;
  g_set_object (&self->store, store);

  g_ptr_array_set_size (self->questions, 0);
  g_ptr_array_set_size (self->segments, 0);
  /* Translators: no segment: one bar or row for all the responses */
  gtk_string_list_append (segments, C_("segment", "All Responses"));
  for (guint q = 0; frame != NULL && q < likert_frame_get_n_questions (frame); q++)
    {
      const char *name = likert_frame_get_question (frame, q)->header;

      g_ptr_array_add (self->questions, g_strdup (name));
      gtk_string_list_append (questions, name);
    }
  for (guint c = 0; frame != NULL && c < likert_frame_get_n_categories (frame); c++)
    {
      /* Translators: the segment dropdown: split by this field, e.g. “By country” */
      g_autofree char *title = g_strdup_printf (_("By %s"),
                                                likert_frame_get_category_title (frame, c));

      g_ptr_array_add (self->segments, g_strdup (likert_frame_get_category (frame, c)->header));
      gtk_string_list_append (segments, title);
    }
  self->syncing++;
  gtk_drop_down_set_model (self->question_dropdown, G_LIST_MODEL (questions));
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (segments));
  self->syncing--;
  sync_widgets (self);
  likert_chart_picker_refresh (self);
}

GStrv
likert_chart_picker_dup_saved (LikertChartPicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (LIKERT_IS_CHART_PICKER (self), NULL);

  if (self->store != NULL)
    names = likert_store_list_views (self->store, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *definition = likert_store_get_view (self->store, names[i], NULL);
      g_autoptr(LikertChartSpec) spec = NULL;

      if (definition != NULL &&
          (spec = likert_chart_spec_from_json (definition, NULL)) != NULL)
        g_strv_builder_add (builder, names[i]);
    }
  return g_strv_builder_end (builder);
}

gboolean
likert_chart_picker_load_saved (LikertChartPicker  *self,
                                const char         *name,
                                GError            **error)
{
  g_autofree char *definition = NULL;
  g_autoptr(LikertChartSpec) spec = NULL;

  g_return_val_if_fail (LIKERT_IS_CHART_PICKER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->store == NULL)
    return TRUE;
  definition = likert_store_get_view (self->store, name, error);
  if (definition == NULL)
    return FALSE;
  spec = likert_chart_spec_from_json (definition, error);
  if (spec == NULL)
    return FALSE;
  g_signal_emit (self, signals[LOAD_CHART], 0, spec);
  return TRUE;
}

void
likert_chart_picker_refresh (LikertChartPicker *self)
{
  g_auto(GStrv) names = NULL;

  g_return_if_fail (LIKERT_IS_CHART_PICKER (self));

  names = likert_chart_picker_dup_saved (self);
  remove_children (self->saved_box);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (names[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_set_tooltip_text (button, names[i]);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (names[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (saved_clicked_cb), self);
      gtk_box_append (self->saved_box, button);
    }
  gtk_widget_set_visible (self->no_saved_label, names[0] == NULL);
  gtk_widget_set_visible (self->saved_scrolled, names[0] != NULL);
}
