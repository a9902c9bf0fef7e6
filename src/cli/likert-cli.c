/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#if LIKERT_CLI_FULL
#include "likert-chart-data.h"
#include "likert-chart-export.h"
#include "likert-chart-spec.h"
#include "likert-chart-style.h"
#include "likert-export.h"
#include "likert-histogram.h"
#endif
#include "likert-codebook.h"
#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-stats-csv.h"
#include "likert-store-private.h"

/* likert-cli: everything the GUI computes, headless (DESIGN.md, "The CLI's JSON").
 *
 *   likert-cli import FILE.csv -o PROJECT.likert [--encoding] [--delimiter] [--shape] …
 *   likert-cli import FILE.csv --dry-run [--json]
 *   likert-cli stats PROJECT [--question NAME] [FILTER…] [--segment FIELD] [--save-view NAME]
 *                            [--json | --csv]
 *   likert-cli show PROJECT [FILTER…] [--json]
 *   likert-cli chart PROJECT -o OUT.png|.svg|.pdf [--kind KIND] [--question NAME]
 *                            [--segment FIELD] [--period day|week|month] [--percent] [FILTER…]
 *                            [--save-chart NAME] [--describe] [--width] …
 *   likert-cli report [PROJECT_OR_CSV] [-o OUT.png]
 *   likert-cli export PROJECT -o OUT.csv|OUT.xlsx [--format csv|xlsx] [--bom] [FILTER…]
 *   likert-cli tag PROJECT --add NAME | --remove NAME | --set-status STATUS [FILTER…]
 *                          [--author NAME]
 *
 * FILTER: --where FIELD=VALUE, --from DATE, --to DATE, --search WORDS, --tag NAME,
 * --tags-match any|all|none, --status STATUS, --rating-value QUESTION=VALUE, --view NAME
 * (FilterArgs; one LikertFilter built from them for every command).
 *
 * Exit status: 0 success, 1 failure (the reason on stderr), 2 a command line error. */

#define EXIT_FAILED 1
#define EXIT_USAGE  2

/* How many responses `show` lists without --json. */
#define SHOW_TEXT_ROWS 20

/* The widest column name in the text listing of an import's columns (JSON has them whole). */
#define COLUMN_NAME_WIDTH 48

typedef struct _Command Command;

struct _Command
{
  const char *name;
  const char *parameters;   /* after "likert-cli NAME [OPTION…]" */
  const char *summary;      /* N_() */
  int       (*run) (const Command *command, int argc, char **argv);
};

/* An open project, its frame and the rows the filter options select (selected NULL: every
 * row, as `show` without filter options lists them). */
typedef struct
{
  LikertStore  *store;
  LikertFrame  *frame;
  LikertFilter *filter;
  guint64      *selected;
  guint         n_selected;
} Project;

/* The filter options as typed; stats, chart and show share them. */
typedef struct
{
  char  **where;          /* FIELD=VALUE */
  char   *from;
  char   *to;
  char   *search;
  char  **tags;
  char   *tags_match;     /* NULL: the view's, else any */
  char  **statuses;
  char  **ratings;        /* QUESTION=VALUE */
  char   *view;
} FilterArgs;

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
static int cmd_tag    (const Command *command, int argc, char **argv);

/* The commands that draw or write other formats (chart, report, export) are likert-cli-full's,
 * which links the drawing stack (cairo, Pango and what they load) and libxlsxwriter:
 * likert-cli runs it for them (cmd_in_full), and the other commands start without loading any
 * of that (half of likert-cli's start, ~11 ms). Both are built from this file. */
#if LIKERT_CLI_FULL
static int cmd_chart  (const Command *command, int argc, char **argv);
static int cmd_report (const Command *command, int argc, char **argv);
static int cmd_export (const Command *command, int argc, char **argv);
#define RUN_BY_FULL(function) function
#else
static int cmd_in_full (const Command *command, int argc, char **argv);
#define RUN_BY_FULL(function) cmd_in_full
#endif

static const Command commands[] = {
  { "import", N_("FILE.csv -o PROJECT.likert"),
    N_("Import a CSV export into a project (created if needed)"), cmd_import },
  { "stats", N_("PROJECT"),
    N_("Print the statistics of the rating questions"), cmd_stats },
  { "show", N_("PROJECT"),
    N_("Print the imported responses (all of them with --json)"), cmd_show },
  { "chart", N_("PROJECT -o OUT.png|OUT.svg|OUT.pdf"),
    N_("Draw a chart of a rating question (or of the tags) into a file"),
    RUN_BY_FULL (cmd_chart) },
  { "report", N_("[PROJECT_OR_CSV]"),
    N_("Print the statistics and draw the histogram of a project, a CSV or the sample"),
    RUN_BY_FULL (cmd_report) },
  { "export", N_("PROJECT -o OUT.csv|OUT.xlsx"),
    N_("Write the responses with their tags, notes and review status to a CSV or XLSX file"),
    RUN_BY_FULL (cmd_export) },
  { "tag", N_("PROJECT --add NAME | --remove NAME | --set-status STATUS"),
    N_("Tag, untag or set the review status of the selected responses at once"),
    cmd_tag },
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

/* Flushes stdout; a write error (a full disk, a closed pipe) is a failure. */
static int
flush_stdout (void)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr ("likert-cli: %s\n", _("Could not write the output"));
      return EXIT_FAILED;
    }
  return EXIT_SUCCESS;
}

/* Helpers: filter options */

/* In LikertTagMatch order. */
static const char * const tag_match_names[] = { "any", "all", "none" };

static void
filter_args_clear (FilterArgs *args)
{
  g_clear_pointer (&args->where, g_strfreev);
  g_clear_pointer (&args->from, g_free);
  g_clear_pointer (&args->to, g_free);
  g_clear_pointer (&args->search, g_free);
  g_clear_pointer (&args->tags, g_strfreev);
  g_clear_pointer (&args->tags_match, g_free);
  g_clear_pointer (&args->statuses, g_strfreev);
  g_clear_pointer (&args->ratings, g_strfreev);
  g_clear_pointer (&args->view, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FilterArgs, filter_args_clear)

/* Whether no filter option was given. */
static gboolean
filter_args_is_empty (const FilterArgs *args)
{
  return args->where == NULL && args->from == NULL && args->to == NULL &&
         args->search == NULL && args->tags == NULL && args->tags_match == NULL &&
         args->statuses == NULL && args->ratings == NULL && args->view == NULL;
}

/* The entries of the filter options, which write into args; free the array with g_free. */
static GOptionEntry *
filter_option_entries (FilterArgs *args)
{
  const GOptionEntry entries[] = {
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->where,
      N_("Only the responses whose FIELD is VALUE; repeatable: the values of one field are "
         "alternatives, different fields must all match"), N_("FIELD=VALUE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args->from,
      N_("Only the responses submitted at or after DATE: YYYY-MM-DD or an ISO 8601 date and "
         "time (UTC unless it gives an offset)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &args->to,
      N_("Only the responses submitted up to DATE, inclusive: a date includes its whole day, "
         "a time its whole second"), N_("DATE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &args->search,
      N_("Only the responses whose text or note has each of WORDS (or a longer word it begins)"),
      N_("WORDS") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->tags,
      N_("Only the responses with this tag; repeatable (see --tags-match)"), N_("NAME") },
    { "tags-match", 0, 0, G_OPTION_ARG_STRING, &args->tags_match,
      N_("How the --tag tags combine: any (the default), all, or none (the responses with none "
         "of them)"),
      /* Translators: the values of --tags-match, not to be translated */
      N_("any|all|none") },
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->statuses,
      N_("Only the responses with this review status: new, reviewed, flagged or excluded; "
         "repeatable (default: every status but excluded)"), N_("STATUS") },
    { "rating-value", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->ratings,
      N_("Only the responses that gave QUESTION the rating VALUE; repeatable: the values of "
         "one question are alternatives"), N_("QUESTION=VALUE") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &args->view,
      N_("Start from this saved view; the other filter options add to it"), N_("NAME") },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

/* Whether text is digits where pattern has '9' and the same characters elsewhere. */
static gboolean
matches_pattern (const char *text,
                 const char *pattern)
{
  for (; *pattern != '\0'; text++, pattern++)
    if (*pattern == '9' ? !g_ascii_isdigit (*text) : *text != *pattern)
      return FALSE;
  return *text == '\0';
}

/* Reads the date of --from (is_end FALSE) or --to (is_end TRUE) as UTC seconds: YYYY-MM-DD, or
 * an ISO 8601 date and time, UTC unless it gives an offset. The end of a range is exclusive:
 * --to is inclusive of its whole day, or of its whole second. */
static gboolean
parse_date (const char  *option,
            const char  *text,
            gboolean     is_end,
            gint64      *seconds,
            GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (matches_pattern (text, "9999-99-99"))
    {
      int year = atoi (text);
      int month = atoi (text + 5);
      int day = atoi (text + 8);

      if (year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        {
          g_autoptr(GDateTime) midnight = g_date_time_new_utc (year, month, day, 0, 0, 0);

          time = is_end ? g_date_time_add_days (midnight, 1) : g_date_time_ref (midnight);
        }
    }
  else
    {
      g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (text, utc);

      if (instant != NULL)
        time = is_end ? g_date_time_add_seconds (instant, 1.0) : g_date_time_ref (instant);
    }

  if (time == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the first %s is an option (--from, --to), the second what
                    * the user typed; keep YYYY-MM-DD */
                   _("%s: “%s” is not a date; use YYYY-MM-DD or an ISO 8601 date and time "
                     "such as 2025-06-30T14:00:00"), option, text);
      return FALSE;
    }
  *seconds = g_date_time_to_unix (time);
  return TRUE;
}

/* Splits "NAME=VALUE" of option at its first '=' (at its last when at_last: the value is a
 * number, the name a question's header, which may hold one). */
static gboolean
split_assignment (const char  *option,
                  const char  *form,
                  const char  *text,
                  gboolean     at_last,
                  char       **name,
                  char       **value,
                  GError     **error)
{
  const char *equals = at_last ? strrchr (text, '=') : strchr (text, '=');

  if (equals == NULL || equals == text)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option, the form of its value (FIELD=VALUE), then what
                    * the user typed */
                   _("%s takes %s, not “%s”"), option, form, text);
      return FALSE;
    }
  *name = g_strndup (text, (gsize) (equals - text));
  *value = g_strdup (equals + 1);
  return TRUE;
}

static gboolean
parse_status (const char    *text,
              LikertStatus  *status,
              GError       **error)
{
  for (int s = LIKERT_STATUS_NEW; s <= LIKERT_STATUS_EXCLUDED; s++)
    if (g_ascii_strcasecmp (text, likert_status_to_string ((LikertStatus) s)) == 0)
      {
        *status = (LikertStatus) s;
        return TRUE;
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is what the user typed; keep new, reviewed, flagged and
                * excluded in English: they are what the option accepts */
               _("--status takes new, reviewed, flagged or excluded, not “%s”"), text);
  return FALSE;
}

static gboolean
parse_tag_match (const char      *text,
                 LikertTagMatch  *match,
                 GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_match_names); i++)
    if (g_ascii_strcasecmp (text, tag_match_names[i]) == 0)
      {
        *match = (LikertTagMatch) i;
        return TRUE;
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is what the user typed; keep any, all and none in English */
               _("--tags-match takes any, all or none, not “%s”"), text);
  return FALSE;
}

static gboolean
apply_where (const FilterArgs  *args,
             LikertFilter      *filter,
             GError           **error)
{
  for (guint i = 0; args->where != NULL && args->where[i] != NULL; i++)
    {
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;

      if (!split_assignment ("--where", "FIELD=VALUE", args->where[i], FALSE, &field, &value,
                             error))
        return FALSE;
      likert_filter_add_value (filter, field, value);
    }
  return TRUE;
}

/* --from and --to replace the ends of the range they give. */
static gboolean
apply_range (const FilterArgs  *args,
             LikertFilter      *filter,
             GError           **error)
{
  gint64 from, to;

  likert_filter_get_range (filter, &from, &to);
  if ((args->from != NULL && !parse_date ("--from", args->from, FALSE, &from, error)) ||
      (args->to != NULL && !parse_date ("--to", args->to, TRUE, &to, error)))
    return FALSE;
  if (args->from != NULL && args->to != NULL && from >= to)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the dates the user typed */
                   _("--from %s is after --to %s"), args->from, args->to);
      return FALSE;
    }
  likert_filter_set_range (filter, from, to);
  return TRUE;
}

static gboolean
apply_ratings (const FilterArgs  *args,
               LikertFilter      *filter,
               GError           **error)
{
  for (guint i = 0; args->ratings != NULL && args->ratings[i] != NULL; i++)
    {
      g_autofree char *question = NULL;
      g_autofree char *text = NULL;
      gint64 value;

      if (!split_assignment ("--rating-value", "QUESTION=VALUE", args->ratings[i], TRUE,
                             &question, &text, error))
        return FALSE;
      if (!g_ascii_string_to_signed (text, 10, 0, LIKERT_MAX_SCALE - 1, &value, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %d is the highest rating, %s what the user typed */
                       _("--rating-value takes QUESTION=VALUE with a VALUE from 0 to %d, not "
                         "“%s”"), LIKERT_MAX_SCALE - 1, args->ratings[i]);
          return FALSE;
        }
      likert_filter_add_rating (filter, question, (int) value);
    }
  return TRUE;
}

/* Adds what the filter options say to filter (a new one, or a saved view's): values, tags,
 * statuses and ratings join the filter's, --search adds its words, --from, --to and
 * --tags-match replace what they give. A value that cannot be read is a command line error. */
static gboolean
filter_args_apply (const FilterArgs  *args,
                   LikertFilter      *filter,
                   GError           **error)
{
  if (!apply_where (args, filter, error) ||
      !apply_range (args, filter, error) ||
      !apply_ratings (args, filter, error))
    return FALSE;

  if (args->search != NULL)
    {
      const char *before = likert_filter_get_search (filter);
      g_autofree char *search = before != NULL ? g_strjoin (" ", before, args->search, NULL)
                                               : g_strdup (args->search);

      likert_filter_set_search (filter, search);
    }

  for (guint i = 0; args->tags != NULL && args->tags[i] != NULL; i++)
    likert_filter_add_tag (filter, args->tags[i]);
  if (args->tags_match != NULL)
    {
      LikertTagMatch match;

      if (!parse_tag_match (args->tags_match, &match, error))
        return FALSE;
      likert_filter_set_tag_match (filter, match);
    }

  for (guint i = 0; args->statuses != NULL && args->statuses[i] != NULL; i++)
    {
      LikertStatus status;

      if (!parse_status (args->statuses[i], &status, error))
        return FALSE;
      likert_filter_add_status (filter, status);
    }
  return TRUE;
}

/* Reads the filter options without a project, so that a mistyped value is a command line error
 * before anything is opened. */
static gboolean
filter_args_check (const FilterArgs  *args,
                   GError           **error)
{
  g_autoptr(LikertFilter) scratch = likert_filter_new ();

  return filter_args_apply (args, scratch, error);
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

/* Parses the options of a command (argv[0] is its name): its entries, and the filter options
 * into filter_args when not NULL (then checked: a value that cannot be read is a command line
 * error). On success argv keeps the name and the positional arguments, between min_args and
 * max_args of them. On a command line error it prints why and returns FALSE: the caller exits
 * with EXIT_USAGE. --help prints and exits. */
static gboolean
parse_command_line (const Command       *command,
                    const GOptionEntry  *entries,
                    FilterArgs          *filter_args,
                    int                 *argc,
                    char              ***argv,
                    int                  min_args,
                    int                  max_args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("likert-cli %s", command->name);
  g_autofree GOptionEntry *filter_entries = NULL;
  int n_args;

  /* So that --help says “likert-cli stats [OPTION…] PROJECT”. */
  g_set_prgname (prgname);
  context = g_option_context_new (_(command->parameters));
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (filter_args != NULL)
    {
      filter_entries = filter_option_entries (filter_args);
      g_option_context_add_main_entries (context, filter_entries, GETTEXT_PACKAGE);
    }

  if (!g_option_context_parse (context, argc, argv, &error) ||
      (filter_args != NULL && !filter_args_check (filter_args, &error)))
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
  g_clear_pointer (&project->selected, g_free);
  g_clear_pointer (&project->filter, likert_filter_free);
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

/* Builds the filter of the options (on their saved view, if any) and selects its rows. A name
 * the project does not have (a view, a field, a tag, a question) is an error. */
static gboolean
project_select (Project           *project,
                const FilterArgs  *args,
                GError           **error)
{
  g_autoptr(LikertFilter) filter = NULL;
  g_autofree guint64 *matches = NULL;
  g_autofree guint64 *selected = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *search;
  guint n_selected = 0;

  if (args->view != NULL)
    {
      g_autofree char *definition = likert_store_get_view (project->store, args->view, error);

      if (definition == NULL ||
          (filter = likert_filter_from_json (definition, error)) == NULL)
        return FALSE;
    }
  else
    filter = likert_filter_new ();
  if (!filter_args_apply (args, filter, error))
    return FALSE;

  search = likert_filter_get_search (filter);
  if (search != NULL &&
      (matches = likert_frame_search (project->frame, project->store, search, NULL,
                                      error)) == NULL)
    return FALSE;

  selected = likert_filter_select (filter, project->frame, matches, NULL, &n_selected,
                                   &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&project->selected, g_free);
  g_clear_pointer (&project->filter, likert_filter_free);
  project->selected = g_steal_pointer (&selected);
  project->n_selected = n_selected;
  project->filter = g_steal_pointer (&filter);
  return TRUE;
}

/* Opens the project at path and selects the rows of the filter options. */
static gboolean
project_open_selected (Project           *project,
                       const char        *path,
                       const FilterArgs  *args,
                       GError           **error)
{
  return project_open (project, path, error) && project_select (project, args, error);
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

#if LIKERT_CLI_FULL
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
#endif

/* The categorical field to segment by (-1 when name is NULL); an unknown name is an error that
 * lists the fields there are. */
static gboolean
pick_segment_field (Project     *project,
                    const char  *name,
                    gint        *category,
                    GError     **error)
{
  guint n_categories = likert_frame_get_n_categories (project->frame);
  g_autoptr(GString) names = NULL;
  g_autofree char *display_path = NULL;

  *category = name != NULL ? likert_frame_find_category (project->frame, name) : -1;
  if (name == NULL || *category >= 0)
    return TRUE;

  display_path = g_filename_display_name (likert_store_get_path (project->store));
  if (n_categories == 0)
    {
      g_set_error (error, LIKERT_FILTER_ERROR, LIKERT_FILTER_ERROR_UNKNOWN,
                   /* Translators: %s is a project file */
                   _("“%s” has no categorical fields to segment by"), display_path);
      return FALSE;
    }

  names = g_string_new (NULL);
  for (guint c = 0; c < n_categories; c++)
    g_string_append_printf (names, "%s“%s”", c > 0 ? ", " : "",
                            likert_frame_get_category (project->frame, c)->header);
  g_set_error (error, LIKERT_FILTER_ERROR, LIKERT_FILTER_ERROR_UNKNOWN,
               /* Translators: the first %s is a field name, the second a project file, the
                * third a list of field names */
               _("There is no categorical field “%s” in “%s”. The categorical fields are: %s"),
               name, display_path, names->str);
  return FALSE;
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

static void
json_bool (JsonWriter *writer,
           gboolean    value)
{
  json_separate (writer);
  fputs (value ? "true" : "false", writer->out);
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

/* A value of the segment field and the statistics of the selected rows that have it. */
typedef struct
{
  const char  *value;
  LikertStats  stats;
} Segment;

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const Segment *sa = a;
  const Segment *sb = b;

  if (sa->stats.n != sb->stats.n)
    return sa->stats.n < sb->stats.n ? 1 : -1;
  return strcmp (sa->value, sb->value);
}

/* The segments of question by category over the selected rows: one per value that has rows
 * there, by n (answers) descending, then value. */
static GArray *
compute_segments (Project *project,
                  guint    question,
                  guint    category)
{
  guint n_values = likert_frame_get_n_category_values (project->frame, category);
  g_autofree LikertStats *stats = g_new0 (LikertStats, MAX (n_values, 1));
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (Segment));

  likert_frame_compute_segment_stats (project->frame, question, category, project->selected,
                                      stats);
  for (guint code = 0; code < n_values; code++)
    if (stats[code].n + stats[code].missing > 0)
      {
        Segment segment;

        segment.value = likert_frame_get_category_value (project->frame, category, code);
        segment.stats = stats[code];
        g_array_append_val (segments, segment);
      }
  g_array_sort (segments, compare_segments);
  return segments;
}

/* {"1": 400, …}: every value of the scale, zeros included. */
static void
write_counts_json (JsonWriter        *writer,
                   const LikertStats *stats)
{
  char key[16];

  json_begin_object (writer);
  for (int v = stats->scale_min; v <= stats->scale_max; v++)
    {
      g_snprintf (key, sizeof key, "%d", v);
      json_key (writer, key);
      json_int (writer, (gint64) stats->counts[v - stats->scale_min]);
    }
  json_end_object (writer);
}

/* One segment a line. */
static void
write_segments_json (JsonWriter *writer,
                     GArray     *segments)
{
  writer->break_depth++;
  json_begin_array (writer);
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);

      json_begin_object (writer);
      json_key (writer, "value");
      json_string (writer, segment->value);
      json_key (writer, "n");
      json_int (writer, (gint64) segment->stats.n);
      json_key (writer, "missing");
      json_int (writer, (gint64) segment->stats.missing);
      json_key (writer, "counts");
      write_counts_json (writer, &segment->stats);
      json_key (writer, "mean");
      json_double (writer, segment->stats.mean);
      json_key (writer, "top2box");
      json_double (writer, segment->stats.top2box);
      json_end_object (writer);
    }
  json_end_array (writer);
  writer->break_depth--;
}

static void
write_interval_json (JsonWriter *writer,
                     double      low,
                     double      high)
{
  if (isnan (low) || isnan (high))
    {
      json_null (writer);
      return;
    }
  json_begin_array (writer);
  json_double (writer, low);
  json_double (writer, high);
  json_end_array (writer);
}

/* The rating × segment table, by segment then scale point. */
static guint64 *
segment_table (const LikertStats *stats,
               GArray            *segments,
               guint             *n_points)
{
  guint64 *table;

  *n_points = (guint) (stats->scale_max - stats->scale_min + 1);
  table = g_new0 (guint64, MAX (segments->len, 1) * *n_points);
  for (guint i = 0; i < segments->len; i++)
    memcpy (table + i * *n_points, g_array_index (segments, Segment, i).stats.counts,
            *n_points * sizeof (guint64));
  return table;
}

/* "chi2" (the contract's test of independence of rating × segment) and "kruskal_wallis". */
static void
write_tests_json (JsonWriter        *writer,
                  const LikertStats *stats,
                  GArray            *segments)
{
  guint n_points;
  g_autofree guint64 *table = segment_table (stats, segments, &n_points);
  LikertChi2 chi2;
  LikertKruskal kruskal;

  json_key (writer, "chi2");
  if (likert_chi2 (table, segments->len, n_points, &chi2))
    {
      json_begin_object (writer);
      json_key (writer, "statistic");
      json_double (writer, chi2.statistic);
      json_key (writer, "df");
      json_int (writer, chi2.df);
      json_key (writer, "p");
      json_double (writer, chi2.p);
      json_key (writer, "cramers_v");
      json_double (writer, chi2.cramers_v);
      json_key (writer, "low_expected");
      json_bool (writer, chi2.low_expected);
      json_end_object (writer);
    }
  else
    json_null (writer);

  json_key (writer, "kruskal_wallis");
  if (likert_kruskal_wallis (table, segments->len, n_points, &kruskal))
    {
      json_begin_object (writer);
      json_key (writer, "h");
      json_double (writer, kruskal.h);
      json_key (writer, "df");
      json_int (writer, kruskal.df);
      json_key (writer, "p");
      json_double (writer, kruskal.p);
      json_end_object (writer);
    }
  else
    json_null (writer);
}

/* segments, when not NULL, go in as "segments". */
static void
write_question_json (JsonWriter        *writer,
                     const LikertField *field,
                     const LikertStats *stats,
                     GArray            *segments)
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
  write_counts_json (writer, stats);

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

  json_key (writer, "top2box_ci95");
  write_interval_json (writer, stats->top2box_low, stats->top2box_high);
  if (!isnan (stats->nps))
    {
      json_key (writer, "nps_ci95");
      write_interval_json (writer, stats->nps_low, stats->nps_high);
      json_key (writer, "promoters");
      json_int (writer, (gint64) stats->promoters);
      json_key (writer, "passives");
      json_int (writer, (gint64) stats->passives);
      json_key (writer, "detractors");
      json_int (writer, (gint64) stats->detractors);
    }

  if (segments != NULL)
    {
      json_key (writer, "segments");
      write_segments_json (writer, segments);
      write_tests_json (writer, stats, segments);
    }

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

/* The segments of a question as a table: value, answers, mean, top-2-box. */
static void
print_segments_text (const char *field_name,
                     GArray     *segments)
{
  enum { VALUE, N, MEAN, TOP2BOX, N_COLUMNS };
  const char *headings[N_COLUMNS] = {
    _("Value"),
    /* Translators: the heading of a column of numbers of answers */
    C_("sample size", "n"),
    _("Mean"),
    _("Top-2-box"),
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint widths[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = (guint) g_utf8_strlen (headings[c], -1);
  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);
      g_autofree char *top = format_number (segment->stats.top2box * 100.0, 1);

      g_ptr_array_add (cells, g_strdup (*segment->value != '\0'
                                        ? segment->value
                                        /* Translators: a segment of responses whose cell of
                                         * the field is empty */
                                        : C_("category value", "(empty)")));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, segment->stats.n));
      g_ptr_array_add (cells, format_number (segment->stats.mean, 2));
      g_ptr_array_add (cells, isfinite (segment->stats.top2box) ? g_strdup_printf ("%s %%", top)
                                                                 : g_steal_pointer (&top));
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          const char *cell = g_ptr_array_index (cells, i * N_COLUMNS + c);

          widths[c] = MAX (widths[c], (guint) g_utf8_strlen (cell, -1));
        }
    }

  g_string_append (out, "\n  ");
  /* Translators: the heading of a table of segments; %s is a field such as “country” */
  g_string_append_printf (out, _("By %s:"), field_name);
  g_string_append (out, "\n  ");
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_string_append (out, "  ");
      append_padded (out, headings[c], widths[c], c != VALUE);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < segments->len; i++)
    {
      g_string_append (out, "  ");
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_string_append (out, "  ");
          append_padded (out, g_ptr_array_index (cells, i * N_COLUMNS + c), widths[c],
                         c != VALUE);
        }
      if (likert_stats_small_n (&g_array_index (segments, Segment, i).stats))
        {
          g_string_append (out, "  ");
          /* Translators: beside a segment with fewer than 30 answers */
          g_string_append (out, _("small n"));
        }
      g_string_append_c (out, '\n');
    }

  fputs (out->str, stdout);
}

/* "5000 responses", or "812 of 5000 responses" when the filter leaves some out. */
static void
print_responses_text (Project *project)
{
  guint total = likert_frame_get_n_rows (project->frame);

  if (project->n_selected == total)
    g_print (ngettext ("%u response\n", "%u responses\n", total), total);
  else
    /* Translators: the responses that pass the filters, then all of them */
    g_print (ngettext ("%u of %u response\n", "%u of %u responses\n", total),
             project->n_selected, total);
}

/* Prints the statistics of the questions picked from the project over its selected rows, as
 * JSON or as text; with their segments by the categorical field segment_by unless it is -1. */
static void
print_stats (Project  *project,
             GArray   *questions,
             gint      segment_by,
             gboolean  as_json)
{
  LikertFrame *frame = project->frame;
  JsonWriter writer;

  json_init (&writer, stdout, 3);
  if (as_json)
    {
      json_begin_object (&writer);
      json_key (&writer, "responses");
      json_int (&writer, project->n_selected);
      json_key (&writer, "questions");
      json_begin_array (&writer);
    }
  else
    {
      print_responses_text (project);
      if (questions->len == 0)
        g_print ("%s\n", _("There are no rating questions."));
    }

  for (guint i = 0; i < questions->len; i++)
    {
      guint q = g_array_index (questions, guint, i);
      const LikertField *field = likert_frame_get_question (frame, q);
      g_autoptr(GArray) segments = NULL;
      LikertStats stats;

      likert_frame_compute_stats (frame, q, project->selected, &stats);
      if (segment_by >= 0)
        segments = compute_segments (project, q, (guint) segment_by);
      if (as_json)
        write_question_json (&writer, field, &stats, segments);
      else
        {
          g_print ("\n");
          print_question_text (field, &stats);
          if (segments != NULL)
            print_segments_text (likert_frame_get_category (frame, (guint) segment_by)->header,
                                 segments);
        }
    }

  if (as_json)
    {
      json_end_array (&writer);
      json_end_object (&writer);
    }
  fflush (stdout);
}

/* Helpers: CSV */

/* The statistics table as CSV (likert_stats_csv, which the window's "Copy Statistics" shares). */
static void
print_stats_csv (Project *project,
                 GArray  *questions,
                 gint     segment_by)
{
  g_autofree char *csv = likert_stats_csv (project->frame, project->selected,
                                           (const guint *) (gpointer) questions->data,
                                           questions->len, segment_by);

  g_print ("%s", csv);
}

#if LIKERT_CLI_FULL
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
  LikertHistogramData data = { 0 };
  LikertStats stats;
  gboolean ok;

  likert_frame_compute_stats (project->frame, question, project->selected, &stats);

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
#endif

/* Helpers: import */

/* The import options as typed, before they are checked. */
typedef struct
{
  char      *project_path;
  char      *encoding;
  char      *delimiter;
  char      *shape;
  int        header_rows;
  char     **ratings;
  char     **roles;          /* COLUMN=ROLE */
  char      *date_order;
  gboolean   skip_bad_rows;
  gboolean   keep_excluded;
  gboolean   dry_run;
  gboolean   as_json;
} ImportArgs;

static void
import_args_clear (ImportArgs *args)
{
  g_clear_pointer (&args->project_path, g_free);
  g_clear_pointer (&args->encoding, g_free);
  g_clear_pointer (&args->delimiter, g_free);
  g_clear_pointer (&args->shape, g_free);
  g_clear_pointer (&args->ratings, g_strfreev);
  g_clear_pointer (&args->roles, g_strfreev);
  g_clear_pointer (&args->date_order, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportArgs, import_args_clear)

static const struct
{
  const char *name;
  char        delimiter;
} delimiter_names[] = {
  { ",", ',' }, { "comma", ',' },
  { ";", ';' }, { "semicolon", ';' },
  { "tab", '\t' }, { "\t", '\t' }, { "\\t", '\t' },
  { "|", '|' }, { "pipe", '|' },
};

static const struct
{
  const char      *name;
  LikertDateOrder  order;
} date_order_names[] = {
  { "dmy", LIKERT_DATE_ORDER_DMY },
  { "mdy", LIKERT_DATE_ORDER_MDY },
  { "ymd", LIKERT_DATE_ORDER_YMD },
};

static gboolean
parse_delimiter (const char  *text,
                 char        *delimiter,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiter_names); i++)
    if (g_ascii_strcasecmp (text, delimiter_names[i].name) == 0)
      {
        *delimiter = delimiter_names[i].delimiter;
        return TRUE;
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is what the user typed; keep the words comma, semicolon, tab
                * and pipe in English: they are what the option accepts */
               _("Unknown delimiter “%s”: use , ; tab | (or comma, semicolon, pipe)"), text);
  return FALSE;
}

static gboolean
parse_date_order (const char       *text,
                  LikertDateOrder  *order,
                  GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_order_names); i++)
    if (g_ascii_strcasecmp (text, date_order_names[i].name) == 0)
      {
        *order = date_order_names[i].order;
        return TRUE;
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is what the user typed; dmy, mdy and ymd are option values */
               _("Unknown date order “%s”: use dmy (day/month/year), mdy (month/day/year) or "
                 "ymd"), text);
  return FALSE;
}

static gboolean
parse_shape (const char       *text,
             LikertShapeKind  *kind,
             GError          **error)
{
  g_autoptr(GString) kinds = NULL;

  if (likert_shape_kind_from_string (text, kind))
    return TRUE;

  kinds = g_string_new (NULL);
  for (int k = 0; k < LIKERT_SHAPE_N_KINDS; k++)
    g_string_append_printf (kinds, "%s%s", k > 0 ? ", " : "",
                            likert_shape_kind_to_string ((LikertShapeKind) k));
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: the first %s is what the user typed, the second a list of
                * layouts (not to be translated) */
               _("Unknown layout “%s”; the layouts are: %s"), text, kinds->str);
  return FALSE;
}

/* Turns the typed options into importer options; a bad value is a command line error. */
static gboolean
import_options_from_args (const ImportArgs     *args,
                          LikertImportOptions  *options,
                          GError              **error)
{
  likert_import_options_init (options);

  if (args->encoding != NULL)
    options->encoding = g_strdup (args->encoding);
  if (args->delimiter != NULL && !parse_delimiter (args->delimiter, &options->delimiter, error))
    return FALSE;
  if (args->shape != NULL && !parse_shape (args->shape, &options->shape, error))
    return FALSE;
  if (args->header_rows != -1 && (args->header_rows < 0 || args->header_rows > 3))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %d is what the user typed */
                   _("--header-rows takes 0, 1, 2 or 3, not %d"), args->header_rows);
      return FALSE;
    }
  options->header_rows = args->header_rows;
  for (guint i = 0; args->ratings != NULL && args->ratings[i] != NULL; i++)
    if (!likert_import_options_add_rating (options, args->ratings[i], error))
      return FALSE;
  for (guint i = 0; args->roles != NULL && args->roles[i] != NULL; i++)
    if (!likert_import_options_add_role (options, args->roles[i], error))
      return FALSE;
  if (args->date_order != NULL && !parse_date_order (args->date_order, &options->date_order,
                                                     error))
    return FALSE;
  options->skip_bad_rows = args->skip_bad_rows;
  options->keep_excluded = args->keep_excluded;
  return TRUE;
}

/* Progress on the terminal, when stderr is one. */
typedef struct
{
  gboolean    writing;  /* FALSE while planning, TRUE while importing */
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
  if (progress->writing)
    /* Translators: a progress line: the file name, then a percentage */
    g_printerr (_("Importing %s… %3d %%"), progress->name, percent);
  else
    /* Translators: a progress line: the file name, then a percentage */
    g_printerr (_("Reading %s… %3d %%"), progress->name, percent);
}

static void
import_progress_end (ImportProgress *progress)
{
  if (progress->percent >= 0)
    g_printerr ("\r\033[K");
  progress->percent = -1;
}

/* Reads csv_path once and works out how it would import; writes nothing. */
static LikertImportPlan *
plan_import (const char                 *csv_path,
             const LikertImportOptions  *options,
             GError                    **error)
{
  g_autofree char *name = g_filename_display_basename (csv_path);
  ImportProgress progress = { FALSE, name, -1 };
  gboolean show_progress = isatty (STDERR_FILENO);
  LikertImportPlan *plan;

  plan = likert_import_plan_file (csv_path, options,
                                  show_progress ? import_progress_cb : NULL, &progress,
                                  NULL, error);
  import_progress_end (&progress);
  return plan;
}

/* "FILE:LINE:COL: message" for each listed problem, then how many more there are. */
static void
print_problems (FILE                   *out,
                const char             *csv_path,
                const LikertImportPlan *plan)
{
  g_autofree char *display_path = g_filename_display_name (csv_path);
  guint64 unlisted = plan->n_problems - plan->problems->len;

  for (guint i = 0; i < plan->problems->len; i++)
    {
      const LikertImportProblem *problem = g_ptr_array_index (plan->problems, i);

      if (problem->field != NULL)
        /* Translators: file:line:column: then a column name and what is wrong there */
        fprintf (out, _("%s:%u:%u: column “%s”: %s\n"), display_path, problem->line,
                 problem->column, problem->field, problem->message);
      else
        fprintf (out, "%s:%u:%u: %s\n", display_path, problem->line, problem->column,
                 problem->message);
    }
  if (unlisted > 0)
    fprintf (out, ngettext ("… and %lu more problem\n", "… and %lu more problems\n",
                            (gulong) unlisted),
             (gulong) unlisted);
}

/* "," ";" "|" as they are, a tab as a word. */
static const char *
delimiter_display_name (char        delimiter,
                        char        buffer[2])
{
  if (delimiter == '\t')
    return C_("delimiter", "tab");
  buffer[0] = delimiter;
  buffer[1] = '\0';
  return buffer;
}

static const char *
date_order_to_string (LikertDateOrder order)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_order_names); i++)
    if (date_order_names[i].order == order)
      return date_order_names[i].name;
  return NULL;
}

static const char *
date_order_display_name (LikertDateOrder order)
{
  switch (order)
    {
    case LIKERT_DATE_ORDER_DMY: return _("day/month/year");
    case LIKERT_DATE_ORDER_MDY: return _("month/day/year");
    case LIKERT_DATE_ORDER_YMD: return _("year/month/day");
    case LIKERT_DATE_ORDER_UNKNOWN:
    default:
      return C_("date order", "unknown");
    }
}

/* The rating column a label column names: in a plan label_of is a column index, in a report
 * (fields from the project) a field id. */
static const LikertField *
label_target (LikertField * const *fields,
              guint                n_fields,
              const LikertField   *field)
{
  for (guint j = 0; j < n_fields; j++)
    if (fields[j]->id != 0 ? fields[j]->id == field->label_of : (gint64) j == field->label_of)
      return fields[j];
  return NULL;
}

/* Appends "label  value" lines, the labels padded to the widest. */
static void
append_facts (GString            *out,
              const char * const *facts,
              guint               n_facts)
{
  guint width = 0;

  for (guint i = 0; i < n_facts; i += 2)
    width = MAX (width, (guint) g_utf8_strlen (facts[i], -1));
  for (guint i = 0; i < n_facts; i += 2)
    {
      g_string_append (out, "  ");
      append_padded (out, facts[i], width, FALSE);
      g_string_append (out, "  ");
      g_string_append (out, facts[i + 1]);
      g_string_append_c (out, '\n');
    }
}

/* text cut to at most width characters, the last of them “…” (vendors' column names are often
 * whole questions). */
static char *
ellipsize (const char *text,
           guint       width)
{
  GString *cut;

  if ((guint) g_utf8_strlen (text, -1) <= width)
    return g_strdup (text);
  cut = g_string_new_len (text, g_utf8_offset_to_pointer (text, width - 1) - text);
  g_string_append (cut, "…");
  return g_string_free (cut, FALSE);
}

/* The numbered list of columns with their roles, scales and labels. */
static void
append_columns (GString            *out,
                LikertField * const *fields,
                guint               n_fields)
{
  guint header_width = 0;

  g_string_append_printf (out, ngettext ("%u column:", "%u columns:", n_fields), n_fields);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < n_fields; i++)
    header_width = MAX (header_width, (guint) g_utf8_strlen (fields[i]->header, -1));
  header_width = MIN (header_width, COLUMN_NAME_WIDTH);

  for (guint i = 0; i < n_fields; i++)
    {
      const LikertField *field = fields[i];
      g_autofree char *number = g_strdup_printf ("%u", field->position + 1);
      g_autofree char *header = ellipsize (field->header, COLUMN_NAME_WIDTH);

      g_string_append (out, "  ");
      append_padded (out, number, 3, TRUE);
      g_string_append (out, "  ");
      append_padded (out, header, header_width, FALSE);
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
          const LikertField *named = label_target (fields, n_fields, field);

          if (named != NULL)
            {
              g_string_append (out, " ");
              /* Translators: %s is the rating column a label column names */
              g_string_append_printf (out, _("(of “%s”)"), named->header);
            }
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_notices (GString   *out,
                GPtrArray *notices)
{
  if (notices->len == 0)
    return;
  g_string_append_c (out, '\n');
  g_string_append (out, _("Notices:"));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < notices->len; i++)
    g_string_append_printf (out, "  • %s\n", (const char *) g_ptr_array_index (notices, i));
}

/* --dry-run: what the file holds and how it would import, for people. */
static void
print_plan_text (const char             *csv_path,
                 const LikertImportPlan *plan)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *display_path = g_filename_display_name (csv_path);
  g_autofree char *size = g_format_size (plan->size);
  g_autofree char *shape = NULL;
  g_autofree char *records = g_strdup_printf ("%lu", (gulong) plan->n_records);
  g_autofree char *excluded = g_strdup_printf ("%lu", (gulong) plan->n_excluded);
  g_autofree char *bad = g_strdup_printf ("%lu", (gulong) plan->n_bad_records);
  g_autofree char *dates = NULL;
  char single[2];
  const char *facts[16];
  guint n = 0;

  /* Translators: a layout, then its number of header rows */
  shape = g_strdup_printf (ngettext ("%s, %u header row", "%s, %u header rows",
                                     plan->shape->header_rows),
                           likert_shape_kind_display_name (plan->shape->kind),
                           plan->shape->header_rows);
  dates = plan->date_order_ambiguous
          /* Translators: a date order, then a warning */
          ? g_strdup_printf (_("%s (a guess: every date reads both ways)"),
                             date_order_display_name (plan->date_order))
          : g_strdup (date_order_display_name (plan->date_order));

  /* Translators: a file, then its size */
  g_string_append_printf (out, _("%s (%s)"), display_path, size);
  g_string_append_c (out, '\n');
  facts[n++] = _("SHA-256:");
  facts[n++] = plan->sha256;
  facts[n++] = _("Layout:");
  facts[n++] = shape;
  facts[n++] = _("Encoding:");
  facts[n++] = plan->encoding;
  facts[n++] = _("Delimiter:");
  facts[n++] = delimiter_display_name (plan->delimiter, single);
  facts[n++] = _("Date order:");
  facts[n++] = dates;
  facts[n++] = _("Records:");
  facts[n++] = records;
  /* Translators: records the survey tool marks as tests, previews or spam */
  facts[n++] = _("Excluded:");
  facts[n++] = excluded;
  facts[n++] = _("With problems:");
  facts[n++] = bad;
  append_facts (out, facts, n);
  g_string_append_c (out, '\n');

  append_columns (out, plan->fields, plan->n_columns);
  append_notices (out, plan->notices);

  g_string_append_c (out, '\n');
  if (plan->n_problems == 0)
    g_string_append (out, _("No problems."));
  else
    g_string_append_printf (out, ngettext ("%lu problem:", "%lu problems:",
                                           (gulong) plan->n_problems),
                            (gulong) plan->n_problems);
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
  print_problems (stdout, csv_path, plan);

  g_print ("\n%s\n", _("Nothing was written (--dry-run)."));
}

static void
write_field_json (JsonWriter        *writer,
                  const LikertImportPlan *plan,
                  const LikertField *field)
{
  char key[16];

  json_begin_object (writer);
  json_key (writer, "name");
  json_string (writer, field->header);
  json_key (writer, "role");
  json_string (writer, likert_role_to_string (field->role));

  if (field->role == LIKERT_ROLE_RATING)
    {
      json_key (writer, "scale");
      json_begin_array (writer);
      json_int (writer, field->scale_min);
      json_int (writer, field->scale_max);
      json_end_array (writer);

      json_key (writer, "labels");
      json_begin_object (writer);
      for (int v = field->scale_min;
           v <= field->scale_max && v - field->scale_min < LIKERT_MAX_SCALE; v++)
        if (field->labels[v - field->scale_min] != NULL)
          {
            g_snprintf (key, sizeof key, "%d", v);
            json_key (writer, key);
            json_string (writer, field->labels[v - field->scale_min]);
          }
      json_end_object (writer);
    }
  else if (field->role == LIKERT_ROLE_LABEL)
    {
      const LikertField *named = label_target (plan->fields, plan->n_columns, field);

      if (named != NULL)
        {
          json_key (writer, "label_of");
          json_string (writer, named->header);
        }
    }
  json_end_object (writer);
}

static void
json_nullable_string (JsonWriter *writer,
                      const char *value)
{
  if (value != NULL)
    json_string (writer, value);
  else
    json_null (writer);
}

/* --dry-run --json: the plan for scripts. */
static void
write_plan_json (const char             *csv_path,
                 const LikertImportPlan *plan)
{
  g_autofree char *display_path = g_filename_display_name (csv_path);
  const char *date_order = date_order_to_string (plan->date_order);
  char delimiter[2] = { plan->delimiter, '\0' };
  JsonWriter writer;

  json_init (&writer, stdout, 2);
  json_begin_object (&writer);
  json_key (&writer, "file");
  json_string (&writer, display_path);
  json_key (&writer, "size");
  json_int (&writer, (gint64) plan->size);
  json_key (&writer, "sha256");
  json_string (&writer, plan->sha256);
  json_key (&writer, "encoding");
  json_string (&writer, plan->encoding);
  json_key (&writer, "delimiter");
  json_string (&writer, delimiter);
  json_key (&writer, "shape");
  json_string (&writer, likert_shape_kind_to_string (plan->shape->kind));
  json_key (&writer, "header_rows");
  json_int (&writer, plan->shape->header_rows);
  json_key (&writer, "date_order");
  json_nullable_string (&writer, date_order);
  json_key (&writer, "date_order_ambiguous");
  json_bool (&writer, plan->date_order_ambiguous);
  json_key (&writer, "records");
  json_int (&writer, (gint64) plan->n_records);
  json_key (&writer, "excluded");
  json_int (&writer, (gint64) plan->n_excluded);
  json_key (&writer, "bad_records");
  json_int (&writer, (gint64) plan->n_bad_records);
  json_key (&writer, "problems_total");
  json_int (&writer, (gint64) plan->n_problems);

  json_key (&writer, "columns");
  json_begin_array (&writer);
  for (guint c = 0; c < plan->n_columns; c++)
    write_field_json (&writer, plan, plan->fields[c]);
  json_end_array (&writer);

  json_key (&writer, "problems");
  json_begin_array (&writer);
  for (guint i = 0; i < plan->problems->len; i++)
    {
      const LikertImportProblem *problem = g_ptr_array_index (plan->problems, i);

      json_begin_object (&writer);
      json_key (&writer, "line");
      json_int (&writer, problem->line);
      json_key (&writer, "column");
      json_int (&writer, problem->column);
      json_key (&writer, "field");
      json_nullable_string (&writer, problem->field);
      json_key (&writer, "value");
      json_nullable_string (&writer, problem->value);
      json_key (&writer, "message");
      json_string (&writer, problem->message);
      json_end_object (&writer);
    }
  json_end_array (&writer);

  json_key (&writer, "notices");
  json_begin_array (&writer);
  for (guint i = 0; i < plan->notices->len; i++)
    json_string (&writer, g_ptr_array_index (plan->notices, i));
  json_end_array (&writer);

  json_end_object (&writer);
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

/* Imports csv_path into project_path (created when needed; removed again when this import
 * fails, so that a failed import leaves no new file behind), reading the file once where the
 * core can. When the file has problems that options do not let it skip, they are listed on
 * stderr and nothing is written. */
static LikertImportReport *
import_into (const char                 *project_path,
             const char                 *csv_path,
             const LikertImportOptions  *options,
             GError                    **error)
{
  g_autoptr(LikertImportPlan) problems = NULL;
  g_autofree char *name = g_filename_display_basename (csv_path);
  ImportProgress progress = { TRUE, name, -1 };
  gboolean show_progress = isatty (STDERR_FILENO);
  gboolean existed = g_file_test (project_path, G_FILE_TEST_EXISTS);
  LikertImportReport *report;

  report = likert_import_file_into (project_path, LIKERT_STORE_OPEN_CREATE, csv_path, options,
                                    show_progress ? import_progress_cb : NULL, &progress, NULL,
                                    &problems, error);
  import_progress_end (&progress);
  if (report == NULL && !existed)
    remove_project_files (project_path);

  if (problems != NULL)
    {
      g_autofree char *display_path = g_filename_display_name (csv_path);
      g_autofree char *count =
        g_strdup_printf (ngettext ("%lu problem", "%lu problems", (gulong) problems->n_problems),
                         (gulong) problems->n_problems);
      g_autofree char *records =
        g_strdup_printf (ngettext ("%lu record", "%lu records",
                                   (gulong) problems->n_bad_records),
                         (gulong) problems->n_bad_records);

      print_problems (stderr, csv_path, problems);
      g_clear_error (error);
      g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS,
                   /* Translators: a file, then “3 problems”, then “2 records” */
                   _("%s: nothing was imported: %s in %s. Correct the file, or import the other "
                     "records with --skip-bad-rows."),
                   display_path, count, records);
    }
  return report;
}

/* What an import did, for people. */
static void
print_import_report (const LikertImportReport *report,
                     const char               *project_path)
{
  g_autofree char *display_project = g_filename_display_name (project_path);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *records = g_strdup_printf ("%u", report->n_records);
  g_autofree char *added = g_strdup_printf ("%u", report->n_new);
  g_autofree char *duplicates = g_strdup_printf ("%u", report->n_duplicates);
  g_autofree char *skipped = g_strdup_printf ("%u", report->n_skipped);
  g_autofree char *excluded = g_strdup_printf ("%u", report->n_excluded);
  LikertShapeKind kind = LIKERT_SHAPE_PLAIN;
  char single[2];
  const char *facts[16];
  guint n = 0;

  likert_shape_kind_from_string (report->shape, &kind);

  /* Translators: a file, then a project */
  g_string_append_printf (out, _("Imported %s into %s"), report->source_name, display_project);
  g_string_append_c (out, '\n');
  facts[n++] = _("Records:");
  facts[n++] = records;
  /* Translators: responses added to the project */
  facts[n++] = C_("responses", "New:");
  facts[n++] = added;
  /* Translators: responses in the project from an earlier import of the same survey */
  facts[n++] = _("Already present:");
  facts[n++] = duplicates;
  /* Translators: records with problems left out with --skip-bad-rows */
  facts[n++] = _("Skipped:");
  facts[n++] = skipped;
  facts[n++] = _("Excluded:");
  facts[n++] = excluded;
  facts[n++] = _("Layout:");
  facts[n++] = likert_shape_kind_display_name (kind);
  facts[n++] = _("Encoding:");
  facts[n++] = report->encoding;
  facts[n++] = _("Delimiter:");
  facts[n++] = delimiter_display_name (report->delimiter, single);
  append_facts (out, facts, n);
  g_string_append_c (out, '\n');

  append_columns (out, (LikertField * const *) report->fields->pdata, report->fields->len);
  append_notices (out, report->notices);

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

/* Whether the response is among the project's selected rows (every response when no rows
 * were selected). */
static gboolean
is_selected (Project *project,
             gint64   response_id)
{
  gint row;

  if (project->selected == NULL)
    return TRUE;
  row = likert_frame_find_row (project->frame, response_id);
  return row >= 0 && (project->selected[row / 64] >> (row % 64)) & 1;
}

/* Walks the project's selected responses in file order (dataset, record), one row in memory at
 * a time. */
static gboolean
foreach_row (Project      *project,
             RowFunc       func,
             gpointer      user_data,
             GError      **error)
{
  LikertStore *store = project->store;
  g_autoptr(GHashTable) headers = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) no_headers = g_ptr_array_new ();
  GPtrArray *row_headers = NULL;
  sqlite3_stmt *stmt;
  gint64 row_id = 0;
  gboolean selected = FALSE;
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
          if (row_headers != NULL && selected)
            more = func (row_headers, cells, user_data);
          row_id = id;
          selected = is_selected (project, id);
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
  if (more && row_headers != NULL && selected && rc == SQLITE_DONE)
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

#if LIKERT_CLI_FULL
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
#endif

/* Commands */

static int
cmd_import (const Command  *command,
            int             argc,
            char          **argv)
{
  g_auto(ImportArgs) args = { .header_rows = -1 };
  g_auto(LikertImportOptions) options = { 0 };
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.project_path,
      N_("The project to import into (created when it does not exist)"), N_("PROJECT") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &args.encoding,
      N_("The file’s character encoding, such as UTF-8, UTF-16LE, windows-1252 (default: "
         "detected)"), N_("NAME") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &args.delimiter,
      N_("The field delimiter: , ; tab | (or comma, semicolon, pipe; default: detected)"),
      N_("CHAR") },
    { "shape", 0, 0, G_OPTION_ARG_STRING, &args.shape,
      N_("The layout: plain, headerless, google-forms, surveymonkey, qualtrics, limesurvey, "
         "hotjar, typeform (default: detected)"), N_("LAYOUT") },
    { "header-rows", 0, 0, G_OPTION_ARG_INT, &args.header_rows,
      N_("How many header rows the file has, 0 to 3 (default: the layout’s)"), N_("N") },
    { "rating", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.ratings,
      N_("Import this column as a rating, on the scale MIN-MAX when given (as in "
         "satisfaction:1-5); repeatable"), N_("COLUMN[:MIN-MAX]") },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.roles,
      N_("Import this column in this role: rating, text, category, time, id or other "
         "(other: not imported as data); repeatable"), N_("COLUMN=ROLE") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &args.date_order,
      N_("How to read dates such as 05/03/2024: dmy, mdy or ymd (default: detected)"),
      N_("ORDER") },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &args.skip_bad_rows,
      N_("Import the records without problems and skip the others (default: import nothing "
         "when a record has a problem)"), NULL },
    { "keep-excluded", 0, 0, G_OPTION_ARG_NONE, &args.keep_excluded,
      N_("Also import the records the survey tool marks as previews, tests or spam"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &args.dry_run,
      N_("Only print how the file would import and its problems; write nothing (-o is not "
         "needed)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args.as_json,
      N_("With --dry-run: print JSON instead of text"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, NULL, &argc, &argv, 1, 1))
    return EXIT_USAGE;
  if (!import_options_from_args (&args, &options, &error))
    return usage_error (command->name, error->message);
  if (args.as_json && !args.dry_run)
    return usage_error (command->name, _("--json goes with --dry-run"));

  if (args.dry_run)
    {
      plan = plan_import (argv[1], &options, &error);
      if (plan == NULL)
        return fail (error);
      if (args.as_json)
        write_plan_json (argv[1], plan);
      else
        print_plan_text (argv[1], plan);
      return flush_stdout ();
    }

  if (args.project_path == NULL)
    return usage_error (command->name, _("Missing -o PROJECT.likert"));
  report = import_into (args.project_path, argv[1], &options, &error);
  if (report == NULL)
    return fail (error);

  print_import_report (report, args.project_path);
  return flush_stdout ();
}

static int
cmd_stats (const Command  *command,
           int             argc,
           char          **argv)
{
  g_autofree char *question = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *save_view = NULL;
  gboolean as_json = FALSE;
  gboolean as_csv = FALSE;
  g_auto(FilterArgs) filter_args = { 0 };
  g_auto(Project) project = { 0 };
  g_autoptr(GArray) questions = NULL;
  g_autoptr(GError) error = NULL;
  gint segment_by = -1;
  const GOptionEntry entries[] = {
    { "question", 'q', 0, G_OPTION_ARG_STRING, &question,
      N_("Only this rating question (its column header)"), N_("NAME") },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment,
      N_("Also give the statistics of each value of this categorical field"), N_("FIELD") },
    { "save-view", 0, 0, G_OPTION_ARG_STRING, &save_view,
      N_("Save the filter options as the view NAME (replacing one of that name)"),
      N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print JSON (the format scripts rely on) instead of a table"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv,
      N_("Print the statistics table as CSV: a line per question (per question and segment "
         "with --segment)"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &filter_args, &argc, &argv, 1, 1))
    return EXIT_USAGE;
  if (as_json && as_csv)
    return usage_error (command->name, _("--json and --csv cannot be used together"));

  if (!project_open_selected (&project, argv[1], &filter_args, &error) ||
      (questions = pick_questions (&project, question, &error)) == NULL ||
      !pick_segment_field (&project, segment, &segment_by, &error))
    return fail (error);

  if (save_view != NULL)
    {
      g_autofree char *definition = likert_filter_to_json (project.filter);

      if (!likert_store_save_view (project.store, save_view, definition, &error))
        return fail (error);
    }

  if (as_csv)
    {
      print_stats_csv (&project, questions, segment_by);
      return flush_stdout ();
    }
  print_stats (&project, questions, segment_by, as_json);
  if (save_view != NULL && !as_json)
    {
      g_print ("\n");
      /* Translators: %s is the name of a saved view */
      g_print (_("Saved the filter as the view “%s”.\n"), save_view);
    }
  return flush_stdout ();
}

/* Prints the selected responses: all as JSON, or the first SHOW_TEXT_ROWS as text. */
static gboolean
print_rows (Project   *project,
            gboolean   as_json,
            GError   **error)
{
  ShowText show = { 0, SHOW_TEXT_ROWS };
  gint64 total;

  if (as_json)
    {
      JsonWriter writer;

      json_init (&writer, stdout, 1);
      json_begin_array (&writer);
      if (!foreach_row (project, show_json_row_cb, &writer, error))
        return FALSE;
      json_end_array (&writer);
      return TRUE;
    }

  total = project->selected != NULL ? project->n_selected
                                    : likert_store_count_responses (project->store, error);
  if (total < 0 || !foreach_row (project, show_text_row_cb, &show, error))
    return FALSE;
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
  return TRUE;
}

static int
cmd_show (const Command  *command,
          int             argc,
          char          **argv)
{
  gboolean as_json = FALSE;
  gboolean opened;
  g_auto(FilterArgs) filter_args = { 0 };
  g_auto(Project) project = { 0 };
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print every response as JSON: an array of objects keyed by the column headers, in "
         "file order (without --json, the first 20 responses as text). With filter options, "
         "only the responses that pass them; without, all that were imported"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &filter_args, &argc, &argv, 1, 1))
    return EXIT_USAGE;

  /* Without filter options every row comes straight from the store, the frame unneeded. */
  if (filter_args_is_empty (&filter_args))
    opened = (project.store = likert_store_open (argv[1], LIKERT_STORE_OPEN_DEFAULT,
                                                 &error)) != NULL;
  else
    opened = project_open_selected (&project, argv[1], &filter_args, &error);
  if (!opened || !print_rows (&project, as_json, &error))
    return fail (error);

  return flush_stdout ();
}

#if LIKERT_CLI_FULL
/* Replaces *place with a copy of value (which may point into *place). */
static void
set_string (char       **place,
            const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*place);
  *place = copy;
}

/* Whether a chart of kind has a row per value of a segment field. */
static gboolean
kind_takes_segment (LikertChartKind kind)
{
  return kind == LIKERT_CHART_DIVERGING || kind == LIKERT_CHART_MEAN ||
         kind == LIKERT_CHART_CSAT || kind == LIKERT_CHART_NPS;
}

/* The chart part of a saved view, or NULL (and no error) when the view is only a filter. */
static gboolean
load_view_chart (Project          *project,
                 const char       *view,
                 LikertChartSpec **spec,
                 GError          **error)
{
  g_autofree char *definition = likert_store_get_view (project->store, view, error);
  g_autoptr(GError) local_error = NULL;

  *spec = NULL;
  if (definition == NULL)
    return FALSE;
  *spec = likert_chart_spec_from_json (definition, &local_error);
  if (*spec == NULL &&
      !g_error_matches (local_error, LIKERT_CHART_SPEC_ERROR, LIKERT_CHART_SPEC_ERROR_NO_CHART))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static int
cmd_chart (const Command  *command,
           int             argc,
           char          **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *question_name = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *period_name = NULL;
  g_autofree char *save_chart = NULL;
  g_autofree char *description = NULL;
  g_autoptr(LikertChartData) data = NULL;
  int width = 800;
  int height = 450;
  double scale = 1.0;
  gboolean dark = FALSE;
  gboolean percent = FALSE;
  gboolean describe = FALSE;
  g_auto(FilterArgs) filter_args = { 0 };
  g_auto(Project) project = { 0 };
  g_autoptr(LikertChartSpec) view_spec = NULL;
  g_autoptr(LikertChartSpec) spec = likert_chart_spec_new ();
  g_autoptr(GError) error = NULL;
  LikertChartKind kind = LIKERT_CHART_HISTOGRAM;
  LikertPeriod period = LIKERT_PERIOD_MONTH;
  guint question;
  gint segment_by;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: PNG, SVG or PDF after its extension"), N_("FILE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name,
      N_("The chart: histogram (default), diverging, mean, csat, nps, trend, tags or heatmap"),
      N_("KIND") },
    { "question", 'q', 0, G_OPTION_ARG_STRING, &question_name,
      N_("The rating question (its column header; default: the first)"), N_("NAME") },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment,
      N_("A row per value of this categorical field (diverging, mean, csat and nps charts)"),
      N_("FIELD") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_name,
      N_("The periods of a trend chart: day, week or month (default)"), N_("PERIOD") },
    { "percent", 0, 0, G_OPTION_ARG_NONE, &percent,
      N_("Histogram: show the shares of the answers instead of counts"), NULL },
    { "save-chart", 0, 0, G_OPTION_ARG_STRING, &save_chart,
      N_("Save the chart (kind, question, segment, period and filter) as the view NAME, to "
         "draw it again with --view NAME"), N_("NAME") },
    { "describe", 0, 0, G_OPTION_ARG_NONE, &describe,
      N_("Print the chart's text description instead of the file name (-o is then "
         "optional)"), NULL },
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

  if (!parse_command_line (command, entries, &filter_args, &argc, &argv, 1, 1))
    return EXIT_USAGE;
  if (output == NULL && !describe)
    return usage_error (command->name, _("Missing -o FILE"));
  if (width < 1 || height < 1 || width > 20000 || height > 20000)
    return usage_error (command->name, _("The width and height must be between 1 and 20000"));
  if (!(scale > 0.0 && scale <= 10.0))
    return usage_error (command->name, _("The scale must be more than 0 and at most 10"));
  if (kind_name != NULL && !likert_chart_kind_from_string (kind_name, &kind))
    {
      g_autofree char *message =
        /* Translators: %s is what was typed after --kind */
        g_strdup_printf (_("Unknown chart kind “%s” for --kind; the kinds are histogram, "
                           "diverging, mean, csat, nps, trend, tags and heatmap"), kind_name);

      return usage_error (command->name, message);
    }
  if (period_name != NULL && !likert_period_from_string (period_name, &period))
    {
      g_autofree char *message =
        /* Translators: %s is what was typed after --period */
        g_strdup_printf (_("Unknown period “%s” for --period; the periods are day, week and "
                           "month"), period_name);

      return usage_error (command->name, message);
    }

  if (!project_open (&project, argv[1], &error) ||
      (filter_args.view != NULL &&
       !load_view_chart (&project, filter_args.view, &view_spec, &error)) ||
      !project_select (&project, &filter_args, &error))
    return fail (error);

  /* The view's chart, then what the options say. */
  if (view_spec != NULL)
    {
      spec->kind = view_spec->kind;
      spec->question = g_strdup (view_spec->question);
      spec->segment = g_strdup (view_spec->segment);
      spec->period = view_spec->period;
      spec->percent = view_spec->percent;
    }
  if (kind_name != NULL)
    spec->kind = kind;
  if (question_name != NULL)
    set_string (&spec->question, question_name);
  if (segment != NULL)
    set_string (&spec->segment, segment);
  if (period_name != NULL)
    spec->period = period;
  if (percent)
    spec->percent = TRUE;
  likert_filter_free (spec->filter);
  spec->filter = likert_filter_copy (project.filter);

  if (spec->segment != NULL && !kind_takes_segment (spec->kind))
    {
      g_autofree char *message =
        /* Translators: %s is a chart kind such as “trend” */
        g_strdup_printf (_("--segment applies to diverging, mean, csat and nps charts, not to "
                           "%s charts"), likert_chart_kind_to_string (spec->kind));

      return usage_error (command->name, message);
    }
  if (!pick_segment_field (&project, spec->segment, &segment_by, &error))
    return fail (error);
  /* The question by name, so that a saved chart keeps showing it. */
  if (spec->kind != LIKERT_CHART_TAGS)
    {
      if (!pick_one_question (&project, spec->question, &question, &error))
        return fail (error);
      set_string (&spec->question,
                        likert_frame_get_question (project.frame, question)->header);
    }

  /* spec->filter is the project's filter: build once on the rows already selected. */
  data = likert_chart_data_build (project.frame, project.selected, spec, &error);
  if (data == NULL)
    return fail (error);
  if (describe)
    description = likert_chart_data_describe (data);
  if (output != NULL &&
      !likert_chart_data_export (data, output, width, height, scale, dark, &error))
    return fail (error);
  if (save_chart != NULL)
    {
      g_autofree char *definition = likert_chart_spec_to_json (spec);

      if (!likert_store_save_view (project.store, save_chart, definition, &error))
        return fail (error);
    }

  if (describe)
    g_print ("%s\n", description);
  else
    g_print ("%s\n", output);
  return flush_stdout ();
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
  const FilterArgs no_filter = { 0 };
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

  if (!parse_command_line (command, entries, NULL, &argc, &argv, 0, 1))
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
      g_auto(LikertImportOptions) options = { 0 };

      /* A CSV lands in a fresh temporary project, removed at the end. */
      likert_import_options_init (&options);
      temporary = g_build_filename (cache_dir, "report.likert", NULL);
      remove_project_files (temporary);
      report = import_into (temporary, input, &options, &error);
      if (report == NULL)
        goto out;
    }

  if (!project_open_selected (&project, temporary ? temporary : input, &no_filter, &error) ||
      (questions = pick_questions (&project, NULL, &error)) == NULL)
    goto out;

  print_stats (&project, questions, -1, FALSE);
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

#endif

/* Helpers: export and tag */

/* The ids of the project's selected responses, ascending. */
static gint64 *
selected_ids (Project *project,
              gsize   *n_ids)
{
  return likert_frame_get_response_ids (project->frame, project->selected, n_ids);
}

/* The tag at path ("Product / Checkout"); when create, made with its missing parents (each
 * creation a change of the codebook by author), and *created set. */
static gint64
find_tag_path (LikertStore  *store,
               const char   *path,
               gboolean      create,
               const char   *author,
               gboolean     *created,
               GError      **error)
{
  g_auto(GStrv) names = g_strsplit (path, LIKERT_CODEBOOK_PATH_SEPARATOR, -1);
  gint64 parent = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      gint64 id = likert_codebook_find (store, parent, name);

      if (id == 0 && !create)
        {
          g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                       /* Translators: the first %s is a tag, the second a project file */
                       _("There is no tag “%s” in “%s”"), path, likert_store_get_path (store));
          return 0;
        }
      if (id == 0)
        {
          id = likert_codebook_create (store, name, parent, NULL, NULL, NULL, author, error);
          if (id == 0)
            return 0;
          *created = TRUE;
        }
      parent = id;
    }
  return parent;
}

#if LIKERT_CLI_FULL
static int
cmd_export (const Command  *command,
            int             argc,
            char          **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_name = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree char *number = NULL;
  gboolean bom = FALSE;
  g_auto(FilterArgs) filter_args = { 0 };
  g_auto(Project) project = { 0 };
  g_autoptr(GError) error = NULL;
  LikertExportOptions options = { 0 };
  guint64 n_exported = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (replaced only once it is complete): .csv or .xlsx. Without "
         "filter options every response is written, excluded ones too; with, those that pass"),
      N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("csv or xlsx, whatever the file name ends with"),
      /* Translators: the values of --format, not to be translated */
      N_("csv|xlsx") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Begin a CSV file with a byte order mark, so that Excel reads it as UTF-8"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &filter_args, &argc, &argv, 1, 1))
    return EXIT_USAGE;
  if (output == NULL)
    return usage_error (command->name, _("Missing -o OUT.csv or -o OUT.xlsx"));
  if (format_name != NULL)
    {
      if (!likert_export_format_from_string (format_name, &options.format, &error))
        return usage_error (command->name, error->message);
    }
  else if (!likert_export_format_for_path (output, &options.format))
    {
      g_autofree char *display = g_filename_display_name (output);
      g_autofree char *message =
        /* Translators: %s is a file name; keep .csv, .xlsx and --format */
        g_strdup_printf (_("“%s” does not end with .csv or .xlsx: say which with --format"),
                         display);

      return usage_error (command->name, message);
    }
  options.bom = bom;

  /* Without filter options, every response straight from the store, as show lists them (the
   * frame unneeded); with, those that pass. */
  if (filter_args_is_empty (&filter_args))
    {
      project.store = likert_store_open (argv[1], LIKERT_STORE_OPEN_DEFAULT, &error);
      if (project.store == NULL)
        return fail (error);
    }
  else
    {
      gsize n_ids;

      if (!project_open_selected (&project, argv[1], &filter_args, &error))
        return fail (error);
      ids = selected_ids (&project, &n_ids);
      options.response_ids = ids;
      options.n_response_ids = n_ids;
    }

  if (!likert_export_responses (project.store, output, &options, NULL, NULL, NULL, &n_exported,
                                &error))
    return fail (error);

  number = g_strdup_printf ("%" G_GUINT64_FORMAT, n_exported);
  /* Translators: the first %s is a number of responses, the second a file name */
  g_print (ngettext ("Exported %s response to %s\n", "Exported %s responses to %s\n",
                     (gulong) n_exported),
           number, output);
  return flush_stdout ();
}
#endif

static int
cmd_tag (const Command  *command,
         int             argc,
         char          **argv)
{
  g_autofree char *add = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *set_status = NULL;
  g_autofree char *author = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree char *changed_text = NULL;
  g_autofree char *selected_text = NULL;
  g_auto(FilterArgs) filter_args = { 0 };
  g_auto(Project) project = { 0 };
  g_autoptr(GError) error = NULL;
  LikertStatus status = LIKERT_STATUS_NEW;
  gboolean created = FALSE;
  gint64 tag_id = 0;
  guint n_changed = 0;
  gsize n_ids = 0;
  const GOptionEntry entries[] = {
    { "add", 0, 0, G_OPTION_ARG_STRING, &add,
      N_("Give the selected responses this tag (a name, or a path such as “Product / "
         "Checkout”), created if the codebook does not have it"), N_("NAME") },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove,
      N_("Take this tag off the selected responses"), N_("NAME") },
    { "set-status", 0, 0, G_OPTION_ARG_STRING, &set_status,
      N_("Give the selected responses this review status: new, reviewed, flagged or "
         "excluded"), N_("STATUS") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author,
      N_("The analyst to record in the history (default: your name)"), N_("NAME") },
    { NULL }
  };

  if (!parse_command_line (command, entries, &filter_args, &argc, &argv, 1, 1))
    return EXIT_USAGE;
  if ((add != NULL) + (remove != NULL) + (set_status != NULL) != 1)
    return usage_error (command->name,
                        _("Give one of --add NAME, --remove NAME or --set-status STATUS"));
  if (set_status != NULL)
    {
      gboolean known = FALSE;

      for (int s = LIKERT_STATUS_NEW; s <= LIKERT_STATUS_EXCLUDED && !known; s++)
        if (g_ascii_strcasecmp (set_status, likert_status_to_string ((LikertStatus) s)) == 0)
          {
            status = (LikertStatus) s;
            known = TRUE;
          }
      if (!known)
        {
          g_autofree char *message =
            /* Translators: %s is what the user typed; keep new, reviewed, flagged and
             * excluded in English: they are what the option accepts */
            g_strdup_printf (_("--set-status takes new, reviewed, flagged or excluded, not "
                               "“%s”"), set_status);

          return usage_error (command->name, message);
        }
    }
  if (author != NULL && *g_strstrip (author) == '\0')
    return usage_error (command->name, _("--author needs a name"));
  if (author == NULL)
    author = g_strdup (likert_default_author ());

  if (!project_open_selected (&project, argv[1], &filter_args, &error))
    return fail (error);
  ids = selected_ids (&project, &n_ids);

  if (set_status != NULL)
    {
      if (!likert_store_bulk_status (project.store, ids, (guint) n_ids, status, author,
                                     &n_changed, &error))
        return fail (error);
    }
  else
    {
      tag_id = find_tag_path (project.store, add != NULL ? add : remove, add != NULL, author,
                              &created, &error);
      if (tag_id == 0 ||
          !likert_store_bulk_tag (project.store, ids, (guint) n_ids, tag_id, add != NULL,
                                  author, &n_changed, &error))
        return fail (error);
    }

  if (created)
    /* Translators: %s is a tag */
    g_print (_("Created the tag “%s”.\n"), add);
  changed_text = g_strdup_printf ("%u", n_changed);
  selected_text = g_strdup_printf ("%" G_GSIZE_FORMAT, n_ids);
  if (add != NULL)
    /* Translators: the first %s is a number of responses, the second a tag, the third the
     * number of responses the filter selected */
    g_print (ngettext ("Tagged %s response with “%s” (of %s selected).\n",
                       "Tagged %s responses with “%s” (of %s selected).\n", n_changed),
             changed_text, add, selected_text);
  else if (remove != NULL)
    /* Translators: the first %s is a tag, the second a number of responses, the third the
     * number of responses the filter selected */
    g_print (ngettext ("Removed “%s” from %s response (of %s selected).\n",
                       "Removed “%s” from %s responses (of %s selected).\n", n_changed),
             remove, changed_text, selected_text);
  else
    /* Translators: the first %s is a number of responses, the second a review status (new,
     * reviewed, flagged, excluded), the third the number of responses the filter selected */
    g_print (ngettext ("Set the status of %s response to %s (of %s selected).\n",
                       "Set the status of %s responses to %s (of %s selected).\n", n_changed),
             changed_text, likert_status_to_string (status), selected_text);
  return flush_stdout ();
}

/* main */

#if !LIKERT_CLI_FULL
static char **command_line;   /* main ()'s argv, as it was given */

/* Runs likert-cli-full on the same command line, in this process (it does not come back):
 * beside this program in a build tree, else where it is installed (from the program's own
 * folder first, so that a tree installed elsewhere, under DESTDIR say, finds its own). */
static int
cmd_in_full (const Command  *command,
             int             argc G_GNUC_UNUSED,
             char          **argv G_GNUC_UNUSED)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, "likert-cli-full", NULL) : NULL;
  g_autofree char *relative = dir != NULL ? g_build_filename (dir, LIBEXECDIR_FROM_BINDIR,
                                                               "likert-cli-full", NULL) : NULL;
  g_autofree char *installed = g_build_filename (LIKERT_LIBEXECDIR, "likert-cli-full", NULL);
  const char *candidates[] = { beside, relative, installed };
  const char *tried = installed;
  int saved = ENOENT;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      {
        execv (candidates[i], command_line);
        saved = errno;
        tried = candidates[i];
      }
  {
    g_autofree char *display = g_filename_display_name (tried);
    g_autoptr(GError) error = NULL;

    g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved),
                 /* Translators: the first %s is a command, the second a program's file name,
                  * the third why it could not be run */
                 _("%s: could not run %s: %s"), command->name, display, g_strerror (saved));
    return fail (error);
  }
}
#endif

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

#if !LIKERT_CLI_FULL
  command_line = g_strdupv (argv);   /* before the options are parsed out of argv */
#endif
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
