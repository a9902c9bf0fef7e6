/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "likert-chart-export.h"
#include "likert-chart-style.h"
#include "likert-frame.h"
#include "likert-histogram.h"
#include "likert-import.h"
#include "likert-store-private.h"

/* likert-cli: everything the GUI computes, headless (DESIGN.md, "The CLI's JSON").
 *
 *   likert-cli import FILE.csv -o PROJECT.likert
 *   likert-cli stats PROJECT [--question NAME] [--json]
 *   likert-cli show PROJECT [--json]
 *   likert-cli chart PROJECT -o OUT.png|.svg|.pdf [--question NAME] [--width] [--height] …
 *   likert-cli report [PROJECT_OR_CSV] [-o OUT.png]
 *
 * Exit status: 0 success, 1 failure (the reason on stderr), 2 a command line error. */

#define EXIT_FAILED 1
#define EXIT_USAGE  2

/* How many responses `show` lists without --json. */
#define SHOW_TEXT_ROWS 20

typedef struct _Command Command;

struct _Command
{
  const char *name;
  const char *parameters;   /* after "likert-cli NAME [OPTION…]" */
  const char *summary;      /* N_() */
  int       (*run) (const Command *command, int argc, char **argv);
};

/* An open project and its frame. */
typedef struct
{
  LikertStore *store;
  LikertFrame *frame;
} Project;

/* A minimal streaming JSON writer. Containers opened at a depth up to break_depth put each item
 * on its own line; deeper ones stay on one line. */
#define JSON_MAX_DEPTH 32

typedef struct
{
  FILE     *out;
  guint     depth;
  guint     break_depth;
  gboolean  after_key;
  gboolean  has_items[JSON_MAX_DEPTH + 1];
} JsonWriter;

static int cmd_import (const Command *command, int argc, char **argv);
static int cmd_stats  (const Command *command, int argc, char **argv);
static int cmd_show   (const Command *command, int argc, char **argv);
static int cmd_chart  (const Command *command, int argc, char **argv);
static int cmd_report (const Command *command, int argc, char **argv);

static const Command commands[] = {
  { "import", N_("FILE.csv -o PROJECT.likert"),
    N_("Import a CSV export into a project (created if needed)"), cmd_import },
  { "stats", N_("PROJECT"),
    N_("Print the statistics of the rating questions"), cmd_stats },
  { "show", N_("PROJECT"),
    N_("Print the imported responses (all of them with --json)"), cmd_show },
  { "chart", N_("PROJECT -o OUT.png|OUT.svg|OUT.pdf"),
    N_("Draw the histogram of a rating question into a file"), cmd_chart },
  { "report", N_("[PROJECT_OR_CSV]"),
    N_("Print the statistics and draw the histogram of a project, a CSV or the sample"),
    cmd_report },
};

/* Helpers: messages */

static int
fail (const GError *error)
{
  g_printerr ("likert-cli: %s\n", error->message);
  return EXIT_FAILED;
}

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("likert-cli: %s\n", message);
  if (command != NULL)
    /* Translators: %s is a command name such as “stats” */
    g_printerr (_("Try “likert-cli %s --help”.\n"), command);
  else
    g_printerr (_("Try “likert-cli --help”.\n"));
  return EXIT_USAGE;
}

/* Helpers: the command line */

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “likert-cli COMMAND --help” for the options of a command."));
  return g_string_free (text, FALSE);
}

/* Parses the options of a command (argv[0] is its name). On success argv keeps the name and
 * the positional arguments, between min_args and max_args of them. On a command line error it
 * prints why and returns FALSE: the caller exits with EXIT_USAGE. --help prints and exits. */
static gboolean
parse_command_line (const Command       *command,
                    const GOptionEntry  *entries,
                    int                 *argc,
                    char              ***argv,
                    int                  min_args,
                    int                  max_args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("likert-cli %s", command->name);
  int n_args;

  /* So that --help says “likert-cli stats [OPTION…] PROJECT”. */
  g_set_prgname (prgname);
  context = g_option_context_new (_(command->parameters));
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (command->name, error->message);
      return FALSE;
    }
  g_set_prgname ("likert-cli");

  n_args = *argc - 1;
  if (n_args > 0 && g_strcmp0 ((*argv)[1], "--") == 0)
    {
      memmove (&(*argv)[1], &(*argv)[2], sizeof (char *) * (gsize) (*argc - 2));
      (*argc)--;
      n_args--;
    }
  if (n_args < min_args)
    {
      g_autofree char *message =
        /* Translators: the first %s is a command, the second its arguments */
        g_strdup_printf (_("Missing argument; usage: likert-cli %s [OPTION…] %s"),
                         command->name, _(command->parameters));

      usage_error (command->name, message);
      return FALSE;
    }
  if (n_args > max_args)
    {
      g_autofree char *message =
        /* Translators: %s is a command line argument */
        g_strdup_printf (_("Unexpected argument “%s”"), (*argv)[1 + max_args]);

      usage_error (command->name, message);
      return FALSE;
    }
  return TRUE;
}

/* Helpers: projects and questions */

static void
project_clear (Project *project)
{
  g_clear_pointer (&project->frame, likert_frame_unref);
  g_clear_object (&project->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Project, project_clear)

static gboolean
project_open (Project     *project,
              const char  *path,
              GError     **error)
{
  project->store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, error);
  if (project->store == NULL)
    return FALSE;
  project->frame = likert_frame_load (project->store, NULL, error);
  return project->frame != NULL;
}

/* The rating questions to report on: the one called name, or all of them when name is NULL.
 * Returns an array of question indices (guint); an unknown name is an error that lists the
 * questions there are. */
static GArray *
pick_questions (Project     *project,
                const char  *name,
                GError     **error)
{
  guint n_questions = likert_frame_get_n_questions (project->frame);
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) names = NULL;
  g_autofree char *display_path = NULL;
  gint found;

  if (name == NULL)
    {
      for (guint q = 0; q < n_questions; q++)
        g_array_append_val (picked, q);
      return g_steal_pointer (&picked);
    }

  found = likert_frame_find_question (project->frame, name);
  if (found >= 0)
    {
      guint q = (guint) found;

      g_array_append_val (picked, q);
      return g_steal_pointer (&picked);
    }

  display_path = g_filename_display_name (likert_store_get_path (project->store));
  if (n_questions == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is a project file */
                   _("“%s” has no rating questions"), display_path);
      return NULL;
    }

  names = g_string_new (NULL);
  for (guint q = 0; q < n_questions; q++)
    g_string_append_printf (names, "%s“%s”", q > 0 ? ", " : "",
                            likert_frame_get_question (project->frame, q)->header);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: the first %s is a question name, the second a project file, the
                * third a list of question names */
               _("There is no rating question “%s” in “%s”. The rating questions are: %s"),
               name, display_path, names->str);
  return NULL;
}

/* The question a chart shows: the one called name, else the first. */
static gboolean
pick_one_question (Project     *project,
                   const char  *name,
                   guint       *question,
                   GError     **error)
{
  g_autoptr(GArray) picked = pick_questions (project, name, error);

  if (picked == NULL)
    return FALSE;
  if (picked->len == 0)
    {
      g_autofree char *display_path =
        g_filename_display_name (likert_store_get_path (project->store));

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” has no rating questions"), display_path);
      return FALSE;
    }
  *question = g_array_index (picked, guint, 0);
  return TRUE;
}

/* Helpers: JSON */

static void
json_init (JsonWriter *writer,
           FILE       *out,
           guint       break_depth)
{
  memset (writer, 0, sizeof *writer);
  writer->out = out;
  writer->break_depth = break_depth;
}

static void
json_newline (JsonWriter *writer,
              guint       depth)
{
  fputc ('\n', writer->out);
  for (guint i = 0; i < depth; i++)
    fputs ("  ", writer->out);
}

/* Writes what goes before a value: a comma after a previous item, a line break. */
static void
json_separate (JsonWriter *writer)
{
  if (writer->after_key)
    {
      writer->after_key = FALSE;
      return;
    }
  if (writer->depth == 0)
    return;

  if (writer->has_items[writer->depth])
    fputc (',', writer->out);
  if (writer->depth <= writer->break_depth)
    json_newline (writer, writer->depth);
  else if (writer->has_items[writer->depth])
    fputc (' ', writer->out);
  writer->has_items[writer->depth] = TRUE;
}

static void
json_begin (JsonWriter *writer,
            char        open)
{
  g_return_if_fail (writer->depth < JSON_MAX_DEPTH);

  json_separate (writer);
  fputc (open, writer->out);
  writer->depth++;
  writer->has_items[writer->depth] = FALSE;
}

static void
json_end (JsonWriter *writer,
          char        close)
{
  g_return_if_fail (writer->depth > 0);

  if (writer->has_items[writer->depth] && writer->depth <= writer->break_depth)
    json_newline (writer, writer->depth - 1);
  writer->depth--;
  fputc (close, writer->out);
  if (writer->depth == 0)
    fputc ('\n', writer->out);
}

static void
json_begin_object (JsonWriter *writer)
{
  json_begin (writer, '{');
}

static void
json_end_object (JsonWriter *writer)
{
  json_end (writer, '}');
}

static void
json_begin_array (JsonWriter *writer)
{
  json_begin (writer, '[');
}

static void
json_end_array (JsonWriter *writer)
{
  json_end (writer, ']');
}

/* A string literal: quotes, backslashes and control characters escaped, UTF-8 kept as is. */
static void
json_write_quoted (JsonWriter *writer,
                   const char *text)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  fputc ('"', writer->out);
  for (run = p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      char escape[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      fwrite (run, 1, (gsize) (p - run), writer->out);
      run = p + 1;
      switch (c)
        {
        case '"': fputs ("\\\"", writer->out); break;
        case '\\': fputs ("\\\\", writer->out); break;
        case '\n': fputs ("\\n", writer->out); break;
        case '\r': fputs ("\\r", writer->out); break;
        case '\t': fputs ("\\t", writer->out); break;
        case '\b': fputs ("\\b", writer->out); break;
        case '\f': fputs ("\\f", writer->out); break;
        default:
          g_snprintf (escape, sizeof escape, "\\u%04x", c);
          fputs (escape, writer->out);
        }
    }
  fwrite (run, 1, (gsize) (p - run), writer->out);
  fputc ('"', writer->out);
}

static void
json_key (JsonWriter *writer,
          const char *key)
{
  json_separate (writer);
  json_write_quoted (writer, key);
  fputs (": ", writer->out);
  writer->after_key = TRUE;
}

static void
json_string (JsonWriter *writer,
             const char *value)
{
  json_separate (writer);
  json_write_quoted (writer, value);
}

static void
json_int (JsonWriter *writer,
          gint64      value)
{
  json_separate (writer);
  fprintf (writer->out, "%" G_GINT64_FORMAT, value);
}

static void
json_null (JsonWriter *writer)
{
  json_separate (writer);
  fputs ("null", writer->out);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double, in the C locale;
 * NAN and infinities, which JSON cannot say, as null. */
static void
json_double (JsonWriter *writer,
             double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      json_null (writer);
      return;
    }
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  json_separate (writer);
  fputs (buffer, writer->out);
}

/* Helpers: statistics */

static const char *
role_display_name (LikertRole role)
{
  switch (role)
    {
    case LIKERT_ROLE_ID: return C_("column role", "identifier");
    case LIKERT_ROLE_TIME: return C_("column role", "time");
    case LIKERT_ROLE_RATING: return C_("column role", "rating");
    case LIKERT_ROLE_TEXT: return C_("column role", "text");
    case LIKERT_ROLE_CATEGORY: return C_("column role", "category");
    case LIKERT_ROLE_LABEL: return C_("column role", "rating labels");
    case LIKERT_ROLE_OTHER:
    default:
      return C_("column role", "other");
    }
}

static void
write_question_json (JsonWriter        *writer,
                     const LikertField *field,
                     const LikertStats *stats)
{
  char key[16];

  json_begin_object (writer);

  json_key (writer, "name");
  json_string (writer, field->header);

  json_key (writer, "scale");
  json_begin_array (writer);
  json_int (writer, stats->scale_min);
  json_int (writer, stats->scale_max);
  json_end_array (writer);

  json_key (writer, "labels");
  json_begin_object (writer);
  for (int v = stats->scale_min; v <= stats->scale_max; v++)
    if (field->labels[v - stats->scale_min] != NULL)
      {
        g_snprintf (key, sizeof key, "%d", v);
        json_key (writer, key);
        json_string (writer, field->labels[v - stats->scale_min]);
      }
  json_end_object (writer);

  json_key (writer, "counts");
  json_begin_object (writer);
  for (int v = stats->scale_min; v <= stats->scale_max; v++)
    {
      g_snprintf (key, sizeof key, "%d", v);
      json_key (writer, key);
      json_int (writer, (gint64) stats->counts[v - stats->scale_min]);
    }
  json_end_object (writer);

  json_key (writer, "n");
  json_int (writer, (gint64) stats->n);
  json_key (writer, "missing");
  json_int (writer, (gint64) stats->missing);
  json_key (writer, "mean");
  json_double (writer, stats->mean);
  json_key (writer, "median");
  json_double (writer, stats->median);
  json_key (writer, "sd");
  json_double (writer, stats->sd);
  json_key (writer, "se");
  json_double (writer, stats->se);
  json_key (writer, "ci95");
  if (isfinite (stats->ci95_low) && isfinite (stats->ci95_high))
    {
      json_begin_array (writer);
      json_double (writer, stats->ci95_low);
      json_double (writer, stats->ci95_high);
      json_end_array (writer);
    }
  else
    json_null (writer);
  json_key (writer, "top2box");
  json_double (writer, stats->top2box);
  json_key (writer, "bottom2box");
  json_double (writer, stats->bottom2box);
  json_key (writer, "nps");
  json_double (writer, stats->nps);

  json_end_object (writer);
}

/* Appends text padded with spaces to width characters (not bytes: labels are UTF-8). */
static void
append_padded (GString    *out,
               const char *text,
               guint       width,
               gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);
  guint padding = length < (glong) width ? width - (guint) length : 0;

  if (!right)
    g_string_append (out, text);
  for (guint i = 0; i < padding; i++)
    g_string_append_c (out, ' ');
  if (right)
    g_string_append (out, text);
}

/* A number for people, in the user's locale (JSON output never goes through here). */
static char *
format_number (double value,
               int    decimals)
{
  if (!isfinite (value))
    return g_strdup (C_("no value", "–"));
  return g_strdup_printf ("%.*f", decimals, value);
}

static void
print_question_text (const LikertField *field,
                     const LikertStats *stats)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *mean = format_number (stats->mean, 2);
  g_autofree char *margin = format_number (stats->ci95_high - stats->mean, 2);
  g_autofree char *low = format_number (stats->ci95_low, 2);
  g_autofree char *high = format_number (stats->ci95_high, 2);
  g_autofree char *median = format_number (stats->median, 1);
  g_autofree char *sd = format_number (stats->sd, 2);
  g_autofree char *top = format_number (stats->top2box * 100.0, 1);
  g_autofree char *bottom = format_number (stats->bottom2box * 100.0, 1);
  g_autofree char *answered = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->n);
  g_autofree char *missing = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->missing);
  const char *value_heading = _("Value");
  const char *count_heading = _("Count");
  guint label_width = 0;
  guint value_width = (guint) g_utf8_strlen (value_heading, -1);
  guint count_width = (guint) g_utf8_strlen (count_heading, -1);

  for (int v = stats->scale_min; v <= stats->scale_max; v++)
    {
      const char *label = field->labels[v - stats->scale_min];
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                stats->counts[v - stats->scale_min]);

      if (label != NULL)
        label_width = MAX (label_width, (guint) g_utf8_strlen (label, -1));
      count_width = MAX (count_width, (guint) strlen (count));
    }

  /* Translators: a question, then its scale: “rating (scale 1–5)” */
  g_string_append_printf (out, _("%s (scale %d–%d)"), field->header,
                          stats->scale_min, stats->scale_max);
  g_string_append_c (out, '\n');
  g_string_append (out, "  ");
  g_string_append_printf (out, _("Answered: %s   Missing: %s"), answered, missing);
  if (likert_stats_small_n (stats))
    {
      g_string_append (out, "   ");
      g_string_append (out, _("(small sample: read with care)"));
    }
  g_string_append (out, "\n  ");
  /* Translators: mean ± half the 95 % confidence interval, then the interval */
  g_string_append_printf (out, _("Mean: %s ± %s (95 %% CI %s to %s)"), mean, margin, low, high);
  g_string_append (out, "\n  ");
  g_string_append_printf (out, _("Median: %s   Standard deviation: %s"), median, sd);
  g_string_append (out, "\n  ");
  g_string_append_printf (out, _("Top-2-box: %s %%   Bottom-2-box: %s %%"), top, bottom);
  if (isfinite (stats->nps))
    {
      g_autofree char *nps = format_number (stats->nps, 1);

      g_string_append (out, "\n  ");
      /* Translators: the Net Promoter Score, −100 to 100 */
      g_string_append_printf (out, _("NPS: %s"), nps);
    }
  g_string_append (out, "\n\n  ");

  append_padded (out, value_heading, value_width, TRUE);
  g_string_append (out, "  ");
  append_padded (out, _("Label"), label_width, FALSE);
  g_string_append (out, "  ");
  append_padded (out, count_heading, count_width, TRUE);
  g_string_append (out, "       %\n");

  for (int v = stats->scale_min; v <= stats->scale_max; v++)
    {
      guint64 count = stats->counts[v - stats->scale_min];
      const char *label = field->labels[v - stats->scale_min];
      g_autofree char *value = g_strdup_printf ("%d", v);
      g_autofree char *count_text = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
      g_autofree char *percent = format_number (stats->n > 0 ? 100.0 * count / stats->n : NAN, 1);

      g_string_append (out, "  ");
      append_padded (out, value, value_width, TRUE);
      g_string_append (out, "  ");
      append_padded (out, label ? label : "", label_width, FALSE);
      g_string_append (out, "  ");
      append_padded (out, count_text, count_width, TRUE);
      g_string_append (out, "  ");
      append_padded (out, percent, 6, TRUE);
      g_string_append (out, " %\n");
    }

  fputs (out->str, stdout);
}

/* Prints the statistics of the questions picked from the project, as JSON or as text. */
static void
print_stats (Project  *project,
             GArray   *questions,
             gboolean  as_json)
{
  LikertFrame *frame = project->frame;
  JsonWriter writer;

  json_init (&writer, stdout, 3);
  if (as_json)
    {
      json_begin_object (&writer);
      json_key (&writer, "responses");
      json_int (&writer, likert_frame_get_n_rows (frame));
      json_key (&writer, "questions");
      json_begin_array (&writer);
    }
  else
    {
      g_print (ngettext ("%u response\n", "%u responses\n", likert_frame_get_n_rows (frame)),
               likert_frame_get_n_rows (frame));
      if (questions->len == 0)
        g_print ("%s\n", _("There are no rating questions."));
    }

  for (guint i = 0; i < questions->len; i++)
    {
      guint q = g_array_index (questions, guint, i);
      const LikertField *field = likert_frame_get_question (frame, q);
      LikertStats stats;

      likert_frame_compute_stats (frame, q, NULL, &stats);
      if (as_json)
        write_question_json (&writer, field, &stats);
      else
        {
          g_print ("\n");
          print_question_text (field, &stats);
        }
    }

  if (as_json)
    {
      json_end_array (&writer);
      json_end_object (&writer);
    }
  fflush (stdout);
}

/* Helpers: charts */

static gboolean
write_histogram (Project     *project,
                 guint        question,
                 const char  *path,
                 double       width,
                 double       height,
                 double       scale,
                 gboolean     dark,
                 GError     **error)
{
  const LikertField *field = likert_frame_get_question (project->frame, question);
  LikertChartStyle style;
  LikertHistogramData data;
  LikertStats stats;
  gboolean ok;

  likert_frame_compute_stats (project->frame, question, NULL, &stats);

  data.title = field->header;
  data.scale_min = stats.scale_min;
  data.scale_max = stats.scale_max;
  data.counts = stats.counts;
  data.labels = (const char * const *) field->labels;

  likert_chart_style_init_default (&style, dark);
  ok = likert_chart_export_histogram (path, width, height, scale, &style, &data, error);
  likert_chart_style_clear (&style);
  return ok;
}

/* Helpers: import */

typedef struct
{
  const char *name;
  int         percent;
} ImportProgress;

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  ImportProgress *progress = user_data;
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);

  if (percent == progress->percent)
    return;
  progress->percent = percent;
  g_printerr ("\r");
  /* Translators: a progress line: the file name, then a percentage */
  g_printerr (_("Importing %s… %3d %%"), progress->name, percent);
}

/* Imports csv_path into the project at project_path (created when needed). */
static LikertImportReport *
import_into (const char  *project_path,
             const char  *csv_path,
             GError     **error)
{
  g_autoptr(LikertStore) store = NULL;
  g_autofree char *name = g_filename_display_basename (csv_path);
  ImportProgress progress = { name, -1 };
  gboolean show_progress = isatty (STDERR_FILENO);
  LikertImportReport *report;

  store = likert_store_open (project_path, LIKERT_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return NULL;

  report = likert_import_file (store, csv_path, NULL,
                               show_progress ? import_progress_cb : NULL, &progress,
                               NULL, error);
  if (show_progress && progress.percent >= 0)
    g_printerr ("\r\033[K");
  return report;
}

static void
print_import_report (const LikertImportReport *report,
                     const char               *project_path)
{
  g_autofree char *display_project = g_filename_display_name (project_path);
  g_autoptr(GString) out = g_string_new (NULL);
  char single[2] = { report->delimiter, '\0' };
  const char *delimiter = report->delimiter == '\t' ? C_("delimiter", "tab") : single;
  guint header_width = 0;

  g_string_append_printf (out,
                          ngettext ("Imported %u record of %s into %s (%s, delimiter “%s”)",
                                    "Imported %u records of %s into %s (%s, delimiter “%s”)",
                                    report->n_records),
                          report->n_records, report->source_name, display_project,
                          report->encoding, delimiter);
  g_string_append (out, "\n\n");
  g_string_append_printf (out, ngettext ("%u column:", "%u columns:", report->n_columns),
                          report->n_columns);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < report->fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (report->fields, i);

      header_width = MAX (header_width, (guint) g_utf8_strlen (field->header, -1));
    }

  for (guint i = 0; i < report->fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (report->fields, i);
      g_autofree char *number = g_strdup_printf ("%u", field->position + 1);

      g_string_append (out, "  ");
      append_padded (out, number, 3, TRUE);
      g_string_append (out, "  ");
      append_padded (out, field->header, header_width, FALSE);
      g_string_append (out, "  ");
      g_string_append (out, role_display_name (field->role));

      if (field->role == LIKERT_ROLE_RATING)
        {
          const char *low = field->labels[0];
          const char *high = field->labels[field->scale_max - field->scale_min];

          g_string_append_printf (out, " %d–%d", field->scale_min, field->scale_max);
          if (low != NULL && high != NULL)
            g_string_append_printf (out, " (%d = %s … %d = %s)",
                                    field->scale_min, low, field->scale_max, high);
        }
      else if (field->role == LIKERT_ROLE_LABEL)
        {
          for (guint j = 0; j < report->fields->len; j++)
            {
              const LikertField *named = g_ptr_array_index (report->fields, j);

              if (named->id == field->label_of)
                {
                  g_string_append (out, " ");
                  /* Translators: %s is the rating column a label column names */
                  g_string_append_printf (out, _("(of “%s”)"), named->header);
                }
            }
        }
      g_string_append_c (out, '\n');
    }

  if (report->notices->len > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, _("Notices:"));
      g_string_append_c (out, '\n');
      for (guint i = 0; i < report->notices->len; i++)
        g_string_append_printf (out, "  • %s\n",
                                (const char *) g_ptr_array_index (report->notices, i));
    }

  fputs (out->str, stdout);
}

/* Helpers: show */

/* Called with each response's headers and cells: cells[i], under headers[i], is NULL when the
 * response has no such cell. Returns FALSE to stop. */
typedef gboolean (*RowFunc) (GPtrArray  *headers,
                             GPtrArray  *cells,
                             gpointer    user_data);

/* The headers of each dataset, by dataset id. */
static GHashTable *
headers_by_dataset (LikertStore  *store,
                    GError      **error)
{
  g_autoptr(GPtrArray) fields = likert_store_list_fields (store, error);
  g_autoptr(GHashTable) table = NULL;

  if (fields == NULL)
    return NULL;

  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (fields, i);
      GPtrArray *headers = g_hash_table_lookup (table, &field->dataset_id);

      if (headers == NULL)
        {
          headers = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (table, g_memdup2 (&field->dataset_id, sizeof (gint64)), headers);
        }
      /* Fields come in position order. */
      g_ptr_array_add (headers, g_strdup (field->header));
    }
  return g_steal_pointer (&table);
}

/* Walks the responses in file order (dataset, record), one row in memory at a time. */
static gboolean
foreach_row (LikertStore  *store,
             RowFunc       func,
             gpointer      user_data,
             GError      **error)
{
  g_autoptr(GHashTable) headers = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) no_headers = g_ptr_array_new ();
  GPtrArray *row_headers = NULL;
  sqlite3_stmt *stmt;
  gint64 row_id = 0;
  gboolean more = TRUE;
  int rc = SQLITE_DONE;

  headers = headers_by_dataset (store, error);
  if (headers == NULL)
    return FALSE;

  /* The cells column is a JSON array of strings. Ordering by j.key too would sort every cell
   * of the project in a temporary B-tree; the (dataset_id, record) index streams, and each
   * cell goes to its place by its key whatever order json_each gives them in. */
  stmt = _likert_store_prepare (store,
                                "SELECT r.id, r.dataset_id, j.key, j.value "
                                "FROM response r LEFT JOIN json_each (r.cells) j "
                                "ORDER BY r.dataset_id, r.record",
                                error);
  if (stmt == NULL)
    return FALSE;

  while (more && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 dataset_id = sqlite3_column_int64 (stmt, 1);
      gint64 key = sqlite3_column_int64 (stmt, 2);
      const char *value = (const char *) sqlite3_column_text (stmt, 3);

      if (row_headers == NULL || id != row_id)
        {
          if (row_headers != NULL)
            more = func (row_headers, cells, user_data);
          row_id = id;
          row_headers = g_hash_table_lookup (headers, &dataset_id);
          if (row_headers == NULL)
            row_headers = no_headers;
          /* One slot per column; NULL until a cell fills it. */
          g_ptr_array_set_size (cells, 0);
          g_ptr_array_set_size (cells, (int) row_headers->len);
        }
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL || key < 0 || key >= row_headers->len)
        continue; /* no cells, or more cells than columns */
      g_free (g_ptr_array_index (cells, key));
      g_ptr_array_index (cells, key) = g_strdup (value ? value : "");
    }
  if (more && row_headers != NULL && rc == SQLITE_DONE)
    func (row_headers, cells, user_data);
  sqlite3_reset (stmt);

  if (more && rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not read the project"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
show_json_row_cb (GPtrArray *headers,
                  GPtrArray *cells,
                  gpointer   user_data)
{
  JsonWriter *writer = user_data;

  json_begin_object (writer);
  for (guint i = 0; i < headers->len; i++)
    {
      json_key (writer, g_ptr_array_index (headers, i));
      json_string (writer, g_ptr_array_index (cells, i));
    }
  json_end_object (writer);
  return !ferror (writer->out);
}

typedef struct
{
  guint shown;
  guint limit;
} ShowText;

static gboolean
show_text_row_cb (GPtrArray *headers,
                  GPtrArray *cells,
                  gpointer   user_data)
{
  ShowText *show = user_data;
  g_autoptr(GString) out = NULL;
  guint width = 0;

  if (show->shown == show->limit)
    return FALSE;
  show->shown++;

  for (guint i = 0; i < headers->len; i++)
    width = MAX (width, (guint) g_utf8_strlen (g_ptr_array_index (headers, i), -1));

  out = g_string_new (NULL);
  /* Translators: a heading before the cells of a response */
  g_string_append_printf (out, _("Response %u"), show->shown);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < headers->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i) ? g_ptr_array_index (cells, i) : "";

      g_string_append (out, "  ");
      append_padded (out, g_ptr_array_index (headers, i), width, FALSE);
      g_string_append (out, "  ");
      /* One line per cell: line breaks inside comments become spaces. */
      for (const char *p = cell; *p != '\0'; p++)
        g_string_append_c (out, ((guchar) *p < 0x20) ? ' ' : *p);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
  return TRUE;
}

/* Helpers: report */

static gboolean
is_project_file (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char buffer[16];
  gboolean is_project = FALSE;
  FILE *file = g_fopen (path, "rb");

  if (file == NULL)
    return g_str_has_suffix (path, ".likert");
  if (fread (buffer, 1, sizeof buffer, file) == sizeof buffer)
    is_project = memcmp (buffer, magic, sizeof magic) == 0;
  fclose (file);
  return is_project;
}

/* The bundled sample: $LIKERT_SAMPLE, the source tree's copy, the installed copy. */
static char *
find_sample (GError **error)
{
  static const char * const candidates[] = {
    SOURCE_ROOT "/data/samples/website-feedback.csv",
    SAMPLE_CSV,
  };
  const char *env = g_getenv ("LIKERT_SAMPLE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (candidates[i]);

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
               /* Translators: %s is a file name */
               _("Could not find the sample data (%s); set LIKERT_SAMPLE to a CSV file"),
               SAMPLE_CSV);
  return NULL;
}

static void
remove_project_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Commands */

static int
cmd_import (const Command  *command,
            int             argc,
            char          **argv)
{
  g_autofree char *project_path = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &project_path,
      N_("The project to import into (created when it does not exist)"), N_("PROJECT") },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1))
    return EXIT_USAGE;
  if (project_path == NULL)
    return usage_error (command->name, _("Missing -o PROJECT.likert"));

  report = import_into (project_path, argv[1], &error);
  if (report == NULL)
    return fail (error);

  print_import_report (report, project_path);
  return EXIT_SUCCESS;
}

static int
cmd_stats (const Command  *command,
           int             argc,
           char          **argv)
{
  g_autofree char *question = NULL;
  gboolean as_json = FALSE;
  g_auto(Project) project = { 0 };
  g_autoptr(GArray) questions = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "question", 'q', 0, G_OPTION_ARG_STRING, &question,
      N_("Only this rating question (its column header)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print JSON (the format scripts rely on) instead of a table"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1))
    return EXIT_USAGE;

  if (!project_open (&project, argv[1], &error) ||
      (questions = pick_questions (&project, question, &error)) == NULL)
    return fail (error);

  print_stats (&project, questions, as_json);
  return EXIT_SUCCESS;
}

static int
cmd_show (const Command  *command,
          int             argc,
          char          **argv)
{
  gboolean as_json = FALSE;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print every response as JSON: an array of objects keyed by the column headers, in "
         "file order (without --json, the first 20 responses as text)"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1))
    return EXIT_USAGE;

  store = likert_store_open (argv[1], LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);

  if (as_json)
    {
      JsonWriter writer;

      json_init (&writer, stdout, 1);
      json_begin_array (&writer);
      if (!foreach_row (store, show_json_row_cb, &writer, &error))
        return fail (error);
      json_end_array (&writer);
    }
  else
    {
      ShowText show = { 0, SHOW_TEXT_ROWS };
      gint64 total = likert_store_count_responses (store, &error);

      if (total < 0 || !foreach_row (store, show_text_row_cb, &show, &error))
        return fail (error);
      if (total > show.shown)
        {
          gint64 more = total - show.shown;
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, more);

          /* Translators: %s is a number of responses */
          g_print (ngettext ("… and %s more response; “likert-cli show --json” prints all of "
                             "them.\n",
                             "… and %s more responses; “likert-cli show --json” prints all of "
                             "them.\n",
                             (gulong) more),
                   number);
        }
    }

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr ("likert-cli: %s\n", _("Could not write the output"));
      return EXIT_FAILED;
    }
  return EXIT_SUCCESS;
}

static int
cmd_chart (const Command  *command,
           int             argc,
           char          **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *question_name = NULL;
  int width = 800;
  int height = 450;
  double scale = 1.0;
  gboolean dark = FALSE;
  g_auto(Project) project = { 0 };
  g_autoptr(GError) error = NULL;
  guint question;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: PNG, SVG or PDF after its extension"), N_("FILE") },
    { "question", 'q', 0, G_OPTION_ARG_STRING, &question_name,
      N_("The rating question (its column header; default: the first)"), N_("NAME") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels (PNG) or points (SVG, PDF); default 800"), N_("WIDTH") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (PNG) or points (SVG, PDF); default 450"), N_("HEIGHT") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Multiply the pixels of a PNG (2 for a high-resolution screen); default 1"),
      N_("SCALE") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark style"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1))
    return EXIT_USAGE;
  if (output == NULL)
    return usage_error (command->name, _("Missing -o FILE"));
  if (width < 1 || height < 1 || width > 20000 || height > 20000)
    return usage_error (command->name, _("The width and height must be between 1 and 20000"));
  if (!(scale > 0.0 && scale <= 10.0))
    return usage_error (command->name, _("The scale must be more than 0 and at most 10"));

  if (!project_open (&project, argv[1], &error) ||
      !pick_one_question (&project, question_name, &question, &error) ||
      !write_histogram (&project, question, output, width, height, scale, dark, &error))
    return fail (error);

  g_print ("%s\n", output);
  return EXIT_SUCCESS;
}

static int
cmd_report (const Command  *command,
            int             argc,
            char          **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *input = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *temporary = NULL;
  g_auto(Project) project = { 0 };
  g_autoptr(GArray) questions = NULL;
  g_autoptr(GError) error = NULL;
  guint question = 0;
  int status = EXIT_FAILED;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the histogram PNG (default: report-histogram.png in the cache "
         "folder)"), N_("FILE") },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 0, 1))
    return EXIT_USAGE;

  cache_dir = g_build_filename (g_get_user_cache_dir (), "likert", NULL);
  if (g_mkdir_with_parents (cache_dir, 0700) != 0)
    {
      g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %s is a folder */
                   _("Could not create the folder “%s”"), cache_dir);
      return fail (error);
    }
  if (output == NULL)
    output = g_build_filename (cache_dir, "report-histogram.png", NULL);

  input = argc > 1 ? g_strdup (argv[1]) : find_sample (&error);
  if (input == NULL)
    return fail (error);

  if (!is_project_file (input))
    {
      g_autoptr(LikertImportReport) report = NULL;

      /* A CSV lands in a fresh temporary project, removed at the end. */
      temporary = g_build_filename (cache_dir, "report.likert", NULL);
      remove_project_files (temporary);
      report = import_into (temporary, input, &error);
      if (report == NULL)
        goto out;
    }

  if (!project_open (&project, temporary ? temporary : input, &error) ||
      (questions = pick_questions (&project, NULL, &error)) == NULL)
    goto out;

  print_stats (&project, questions, FALSE);
  if (questions->len > 0 &&
      !write_histogram (&project, question, output, 800, 450, 1.0, FALSE, &error))
    goto out;

  g_print ("\n");
  if (questions->len > 0)
    /* Translators: %s is a file name */
    g_print (_("Histogram written to %s\n"), output);
  else
    g_print ("%s\n", _("No histogram: the data has no rating question."));
  status = EXIT_SUCCESS;

out:
  project_clear (&project);
  if (temporary != NULL)
    remove_project_files (temporary);
  if (error != NULL)
    return fail (error);
  return status;
}

/* main */

static int
run_command (int    argc,
             char **argv)
{
  const Command *command = find_command (argv[0]);

  if (command == NULL)
    {
      g_autofree char *message =
        /* Translators: %s is what the user typed as a command */
        g_strdup_printf (_("Unknown command “%s”"), argv[0]);

      return usage_error (NULL, message);
    }
  return command->run (command, argc, argv);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *localedir = g_getenv ("LIKERT_LOCALEDIR");
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  /* LIKERT_LOCALEDIR lets an uninstalled build use the catalogues in build/po. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("likert-cli");

  /* The global options stop at the command: what follows is the command's. */
  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Analyse Likert-scale survey data without a display."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (NULL, error->message);

  if (version)
    {
      g_print ("likert-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  return run_command (argc - 1, argv + 1);
}
