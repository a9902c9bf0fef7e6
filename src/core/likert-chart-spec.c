/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-spec"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "likert-chart-spec.h"

static const char * const kind_names[LIKERT_CHART_N_KINDS] = {
  "histogram", "diverging", "mean", "csat", "nps", "trend", "tags", "heatmap",
};

static const char * const period_names[LIKERT_PERIOD_N_PERIODS] = { "day", "week", "month" };

G_DEFINE_QUARK (likert-chart-spec-error-quark, likert_chart_spec_error)

/* Helpers */

static void
parse_error (GError     **error,
             const char  *what)
{
  g_set_error (error, LIKERT_CHART_SPEC_ERROR, LIKERT_CHART_SPEC_ERROR_PARSE,
               /* Translators: %s says which part of a saved chart is wrong */
               _("The saved chart is damaged: %s"), what);
}

/* A string member of object, NULL when absent or null; FALSE (error set) when not a string. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             const char **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *what = g_strdup_printf ("“%s” is no string", name);

      parse_error (error, what);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

/* Public API */

LikertChartSpec *
likert_chart_spec_new (void)
{
  LikertChartSpec *self = g_new0 (LikertChartSpec, 1);

  self->kind = LIKERT_CHART_HISTOGRAM;
  self->period = LIKERT_PERIOD_MONTH;
  self->filter = likert_filter_new ();
  return self;
}

LikertChartSpec *
likert_chart_spec_copy (const LikertChartSpec *self)
{
  LikertChartSpec *copy = g_new0 (LikertChartSpec, 1);

  *copy = *self;
  copy->question = g_strdup (self->question);
  copy->segment = g_strdup (self->segment);
  copy->filter = likert_filter_copy (self->filter);
  return copy;
}

void
likert_chart_spec_free (LikertChartSpec *self)
{
  if (self == NULL)
    return;
  g_free (self->question);
  g_free (self->segment);
  g_clear_pointer (&self->filter, likert_filter_free);
  g_free (self);
}

gboolean
likert_chart_spec_equal (const LikertChartSpec *a,
                         const LikertChartSpec *b)
{
  g_autofree char *ja = likert_chart_spec_to_json (a);
  g_autofree char *jb = likert_chart_spec_to_json (b);

  return g_str_equal (ja, jb);
}

const char *
likert_chart_kind_to_string (LikertChartKind kind)
{
  g_return_val_if_fail (kind < LIKERT_CHART_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
likert_chart_kind_from_string (const char      *text,
                               LikertChartKind *kind)
{
  for (guint k = 0; k < LIKERT_CHART_N_KINDS; k++)
    if (g_strcmp0 (text, kind_names[k]) == 0)
      {
        *kind = (LikertChartKind) k;
        return TRUE;
      }
  return FALSE;
}

const char *
likert_period_to_string (LikertPeriod period)
{
  g_return_val_if_fail (period < LIKERT_PERIOD_N_PERIODS, NULL);
  return period_names[period];
}

gboolean
likert_period_from_string (const char   *text,
                           LikertPeriod *period)
{
  for (guint p = 0; p < LIKERT_PERIOD_N_PERIODS; p++)
    if (g_strcmp0 (text, period_names[p]) == 0)
      {
        *period = (LikertPeriod) p;
        return TRUE;
      }
  return FALSE;
}

/* {filter members…, "chart": {"kind": "diverging", "question": "rating", "segment": "country",
 *  "period": "month", "percent": false}} — "question" and "segment" null when unset. */
char *
likert_chart_spec_to_json (const LikertChartSpec *self)
{
  g_autofree char *filter_json = likert_filter_to_json (self->filter);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonObject) chart = json_object_new ();
  JsonObject *root;

  if (!json_parser_load_from_data (parser, filter_json, -1, NULL))
    g_return_val_if_reached (NULL);
  root = json_node_get_object (json_parser_get_root (parser));

  json_object_set_string_member (chart, "kind", kind_names[self->kind]);
  if (self->question != NULL)
    json_object_set_string_member (chart, "question", self->question);
  else
    json_object_set_null_member (chart, "question");
  if (self->segment != NULL)
    json_object_set_string_member (chart, "segment", self->segment);
  else
    json_object_set_null_member (chart, "segment");
  json_object_set_string_member (chart, "period", period_names[self->period]);
  json_object_set_boolean_member (chart, "percent", self->percent);
  json_object_set_object_member (root, "chart", g_steal_pointer (&chart));

  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

LikertChartSpec *
likert_chart_spec_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LikertChartSpec) self = NULL;
  g_autoptr(LikertFilter) filter = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *kind = NULL, *question = NULL, *segment = NULL, *period = NULL;
  JsonObject *chart;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      parse_error (error, local_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      parse_error (error, "object expected");
      return NULL;
    }
  node = json_object_get_member (json_node_get_object (node), "chart");
  if (node == NULL)
    {
      g_set_error_literal (error, LIKERT_CHART_SPEC_ERROR, LIKERT_CHART_SPEC_ERROR_NO_CHART,
                           _("The view defines no chart"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      parse_error (error, "“chart” is no object");
      return NULL;
    }
  chart = json_node_get_object (node);

  /* The filter's members sit beside "chart"; it ignores the member it does not know. */
  if ((filter = likert_filter_from_json (json, error)) == NULL)
    return NULL;

  self = likert_chart_spec_new ();
  g_clear_pointer (&self->filter, likert_filter_free);
  self->filter = g_steal_pointer (&filter);

  if (!read_string (chart, "kind", &kind, error) ||
      !read_string (chart, "question", &question, error) ||
      !read_string (chart, "segment", &segment, error) ||
      !read_string (chart, "period", &period, error))
    return NULL;
  if (kind != NULL && !likert_chart_kind_from_string (kind, &self->kind))
    {
      parse_error (error, "unknown “kind”");
      return NULL;
    }
  if (period != NULL && !likert_period_from_string (period, &self->period))
    {
      parse_error (error, "unknown “period”");
      return NULL;
    }
  self->question = g_strdup (question);
  self->segment = g_strdup (segment);
  if ((node = json_object_get_member (chart, "percent")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          parse_error (error, "“percent” is no boolean");
          return NULL;
        }
      self->percent = json_node_get_boolean (node);
    }
  return g_steal_pointer (&self);
}
