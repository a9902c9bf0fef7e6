/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "likert-codebook.h"
#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-history.h"
#include "likert-import.h"
#include "likert-store-private.h"
#include "test-common.h"

typedef struct
{
  TestDir      dir;
  char        *path;
  LikertStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("id,rating,comment\n");
  g_autofree char *csv_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  test_dir_init (&f->dir);
  f->path = test_dir_file (&f->dir, "p.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 10; i++)
    g_string_append_printf (csv, "r%u,%u,comment %u\n", i, 1 + i % 5, i);
  csv_path = test_dir_write (&f->dir, "responses.csv", csv->str, -1);
  report = likert_import_file (f->store, csv_path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (f->store, NULL), ==, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->path);
  test_dir_clear (&f->dir);
}

static gint64
count_sql (LikertStore *store,
           const char  *sql,
           gint64       param)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_likert_store_get_db (store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The notes whose full-text index holds word, as "1,2". */
static char *
search_notes (LikertStore *store,
              const char  *word)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (_likert_store_get_db (store),
                                       "SELECT rowid FROM note_text WHERE note_text MATCH ? "
                                       "ORDER BY rowid", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%lld", out->len ? "," : "",
                            (long long) sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Every annotation as the analyst sees it (a response never annotated reads as a new one with
 * nothing), the codebook and the taggings with their authors and times. */
static char *
dump (LikertStore *store)
{
  sqlite3 *db = _likert_store_get_db (store);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT r.id, ifnull (a.note, ''), ifnull (a.status, 0), "
                                       "ifnull (a.sentiment, 'none') FROM response r "
                                       "LEFT JOIN annotation a ON a.response_id = r.id "
                                       "ORDER BY r.id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "response %lld [%s] %d %s\n",
                            (long long) sqlite3_column_int64 (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, uuid, ifnull (parent_id, 0), name, "
                                       "ifnull (colour, '-'), description, ifnull (shortcut, '-') "
                                       "FROM tag ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "tag %lld %s %lld %s %s [%s] %s\n",
                            (long long) sqlite3_column_int64 (stmt, 0),
                            sqlite3_column_text (stmt, 1),
                            (long long) sqlite3_column_int64 (stmt, 2),
                            sqlite3_column_text (stmt, 3), sqlite3_column_text (stmt, 4),
                            sqlite3_column_text (stmt, 5), sqlite3_column_text (stmt, 6));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT tag_id, response_id, author, created_at "
                                       "FROM response_tag ORDER BY tag_id, response_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "use %lld %lld %s %lld\n",
                            (long long) sqlite3_column_int64 (stmt, 0),
                            (long long) sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_text (stmt, 2),
                            (long long) sqlite3_column_int64 (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
undo (LikertStore *store)
{
  g_autoptr(GError) error = NULL;
  char *description = NULL;

  g_assert_true (likert_store_undo (store, "Undoer", &description, &error));
  g_assert_no_error (error);
  g_assert_nonnull (description);
  return description;
}

static char *
redo (LikertStore *store)
{
  g_autoptr(GError) error = NULL;
  char *description = NULL;

  g_assert_true (likert_store_redo (store, "Redoer", &description, &error));
  g_assert_no_error (error);
  g_assert_nonnull (description);
  return description;
}

static void
assert_note (LikertStore *store,
             gint64       response_id,
             const char  *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertResponse) response = likert_store_get_response (store, response_id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (response->note, ==, note);
}

static void
assert_search (LikertStore *store,
               const char  *word,
               const char  *expected)
{
  g_autofree char *found = search_notes (store, word);

  g_assert_cmpstr (found, ==, expected);
}

/* A note's undo and redo keep the full-text index in step: search finds the old text, not the
 * new. */
static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  g_assert_true (likert_store_set_note (store, 3, "apple pie\nsecond line", "Amal", &error));
  g_assert_true (likert_store_set_note (store, 3, "banana split", "Amal", &error));
  g_assert_true (likert_store_set_note (store, 4, "apple crumble", "Amal", &error));
  g_assert_no_error (error);
  assert_search (store, "banana", "3");
  assert_search (store, "apple", "4");

  description = undo (store);
  g_assert_cmpstr (description, ==, "Add a note");
  g_clear_pointer (&description, g_free);
  assert_note (store, 4, "");
  assert_search (store, "apple", "");

  description = undo (store);
  g_assert_cmpstr (description, ==, "Edit the note");
  g_clear_pointer (&description, g_free);
  assert_note (store, 3, "apple pie\nsecond line");
  assert_search (store, "apple", "3");
  assert_search (store, "banana", "");
  assert_search (store, "second", "3");

  description = redo (store);
  g_assert_cmpstr (description, ==, "Edit the note");
  g_clear_pointer (&description, g_free);
  assert_note (store, 3, "banana split");
  assert_search (store, "banana", "3");
  assert_search (store, "apple", "");
  description = redo (store);
  g_clear_pointer (&description, g_free);
  assert_search (store, "apple", "4");
  g_assert_false (likert_store_can_redo (store, NULL));
  g_assert_false (likert_store_redo (store, "Redoer", &description, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_assert_null (description);
  g_clear_error (&error);

  /* Undo to the start, and the index is empty again. */
  for (guint i = 0; i < 3; i++)
    g_free (undo (f->store));
  g_assert_false (likert_store_can_undo (store, NULL));
  assert_search (store, "apple", "");
  assert_search (store, "banana", "");
  g_assert_false (likert_store_undo (store, "Undoer", NULL, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
}

/* Every kind of change, undone one by one to the start and redone to the end: each step
 * returns the exact state it had. */
static void
test_sequence (Fixture       *f,
               gconstpointer  data)
{
  static const char * const expected[] = {
    NULL,
    "Status: New → Reviewed",
    "Sentiment: None → Negative",
    "Create tag “billing”",
    "Tagged “billing”",
    "Tagged “billing”",
    "Add a note",
    "Sentiment: Negative → None",
    "Untagged “billing”",
    "Mark 10 responses as “Flagged”",
    "Tag 9 responses with “billing”",
    "Rename tag “billing” to “Billing”",
    "Delete tag “Billing”",
    "Set the sentiment of 3 responses",
  };
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LikertResponse) response = NULL;
  gint64 all[10], billing = 0;
  guint n_changed = 0;
  guint64 n_removed = 0;

  for (guint i = 0; i < 10; i++)
    all[i] = i + 1;

  g_ptr_array_add (states, dump (store));
  for (guint step = 1; step < G_N_ELEMENTS (expected); step++)
    {
      gboolean ok = TRUE;

      switch (step)
        {
        case 1: ok = likert_store_set_status (store, 1, LIKERT_STATUS_REVIEWED, "Amal", &error);
          break;
        case 2: ok = likert_store_set_sentiment (store, 1, -1, "Amal", &error); break;
        case 3: billing = likert_store_ensure_tag (store, "billing", &error); break;
        case 4: ok = likert_store_set_tag (store, 1, billing, TRUE, "Amal", &error); break;
        case 5: ok = likert_store_set_tag (store, 2, billing, TRUE, "Badr", &error); break;
        case 6: ok = likert_store_set_note (store, 2, "refund asked", "Badr", &error); break;
        case 7: ok = likert_store_set_sentiment (store, 1, G_MININT, "Amal", &error); break;
        case 8: ok = likert_store_set_tag (store, 1, billing, FALSE, "Amal", &error); break;
        case 9:
          ok = likert_store_bulk_status (store, all, 10, LIKERT_STATUS_FLAGGED, "Chen",
                                         &n_changed, &error);
          g_assert_cmpuint (n_changed, ==, 10);
          break;
        case 10:
          ok = likert_store_bulk_tag (store, all, 10, billing, TRUE, "Chen", &n_changed, &error);
          g_assert_cmpuint (n_changed, ==, 9);  /* 2 had it */
          break;
        case 11: ok = likert_codebook_rename (store, billing, "Billing", "Chen", &error); break;
        case 12:
          ok = likert_codebook_delete (store, billing, "Chen", &n_removed, &error);
          g_assert_cmpuint (n_removed, ==, 10);
          break;
        case 13:
          /* A batch of three rows, as a bulk action writes one. */
          ok = _likert_store_begin (store, &error);
          for (gint64 r = 5; ok && r <= 7; r++)
            ok = _likert_store_write_sentiment (store, r, (int) (r % 3) - 1, "Chen", NULL,
                                                &error) &&
                 _likert_store_record_history (store, r, "Chen", "sentiment", NULL,
                                               r % 3 == 0 ? "-1" : r % 3 == 1 ? "0" : "1",
                                               &error);
          ok = ok && _likert_store_commit (store, &error);
          break;
        default: g_assert_not_reached ();
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      g_ptr_array_add (states, dump (store));
    }

  response = likert_store_get_response (store, 1, &error);
  g_assert_cmpint (response->sentiment, ==, G_MININT);
  g_assert_cmpint (response->status, ==, LIKERT_STATUS_FLAGGED);
  g_clear_pointer (&response, likert_response_free);
  response = likert_store_get_response (store, 6, &error);
  g_assert_cmpint (response->sentiment, ==, -1);
  g_clear_pointer (&response, likert_response_free);

  for (guint step = G_N_ELEMENTS (expected) - 1; step > 0; step--)
    {
      g_autofree char *can = NULL;
      g_autofree char *description = NULL;
      g_autofree char *now = NULL;

      g_assert_true (likert_store_can_undo (store, &can));
      g_assert_cmpstr (can, ==, expected[step]);
      description = undo (store);
      g_assert_cmpstr (description, ==, expected[step]);
      now = dump (store);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, step - 1));
    }
  g_assert_false (likert_store_can_undo (store, NULL));

  for (guint step = 1; step < G_N_ELEMENTS (expected); step++)
    {
      g_autofree char *can = NULL;
      g_autofree char *description = NULL;
      g_autofree char *now = NULL;

      g_assert_true (likert_store_can_redo (store, &can));
      g_assert_cmpstr (can, ==, expected[step]);
      description = redo (store);
      g_assert_cmpstr (description, ==, expected[step]);
      now = dump (store);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, step));
    }
  g_assert_false (likert_store_can_redo (store, NULL));

  /* Undo of a redo, and so on: still exact. */
  g_free (undo (store));
  g_free (undo (store));
  g_free (redo (store));
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, g_ptr_array_index (states, G_N_ELEMENTS (expected) - 2));
  }
}

/* A new action after undos drops them from redo; undo then skips what was undone. */
static void
test_linear (Fixture       *f,
             gconstpointer  data)
{
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertResponse) response = NULL;

  g_assert_true (likert_store_set_status (store, 1, LIKERT_STATUS_REVIEWED, "Amal", &error));
  g_assert_true (likert_store_set_status (store, 2, LIKERT_STATUS_FLAGGED, "Amal", &error));
  g_free (undo (store));
  g_assert_true (likert_store_can_redo (store, NULL));
  g_assert_true (likert_store_set_note (store, 3, "new action", "Amal", &error));
  g_assert_no_error (error);
  g_assert_false (likert_store_can_redo (store, NULL));

  g_free (undo (store));   /* the note */
  assert_note (store, 3, "");
  g_free (undo (store));   /* response 1's status: 2's was undone already */
  response = likert_store_get_response (store, 1, &error);
  g_assert_cmpint (response->status, ==, LIKERT_STATUS_NEW);
  g_clear_pointer (&response, likert_response_free);
  response = likert_store_get_response (store, 2, &error);
  g_assert_cmpint (response->status, ==, LIKERT_STATUS_NEW);
  g_clear_pointer (&response, likert_response_free);
  g_assert_false (likert_store_can_undo (store, NULL));

  /* Redo brings back the two undone since the last action, oldest last. */
  g_free (redo (store));
  response = likert_store_get_response (store, 1, &error);
  g_assert_cmpint (response->status, ==, LIKERT_STATUS_REVIEWED);
  g_clear_pointer (&response, likert_response_free);
  g_free (redo (store));
  assert_note (store, 3, "new action");
  g_assert_false (likert_store_can_redo (store, NULL));
  response = likert_store_get_response (store, 2, &error);
  g_assert_cmpint (response->status, ==, LIKERT_STATUS_NEW);
}

/* A response's history for its pane: newest first, who, when, before, after. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  static const char * const described[] = {
    "Untagged “checkout” (undo)",
    "Tagged “checkout”",
    "Sentiment: None → Positive",
    "Status: New → Excluded",
    "Edit the note",
    "Add a note",
  };
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LikertHistoryEntry *entry;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 checkout;

  g_assert_true (likert_store_set_note (store, 5, "first", "Amal", &error));
  g_assert_true (likert_store_set_note (store, 5, "second", "Amal", &error));
  g_assert_true (likert_store_set_status (store, 5, LIKERT_STATUS_EXCLUDED, "Badr", &error));
  g_assert_true (likert_store_set_sentiment (store, 5, 1, "Badr", &error));
  checkout = likert_store_ensure_tag (store, "checkout", &error);
  g_assert_true (likert_store_set_tag (store, 5, checkout, TRUE, "Chen", &error));
  g_assert_true (likert_store_set_tag (store, 6, checkout, TRUE, "Chen", &error));
  g_assert_true (likert_store_set_sentiment (store, 5, 2, "Badr", &error) == FALSE);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_store_set_sentiment (store, 99, 1, "Badr", &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_free (undo (store));                                    /* response 6's tag */
  g_free (undo (store));                                    /* response 5's tag */

  entries = likert_history_list (store, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (described));
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *text = NULL;

      entry = g_ptr_array_index (entries, i);
      text = likert_history_entry_describe (entry);
      g_assert_cmpstr (text, ==, described[i]);
      g_assert_cmpint (entry->response_id, ==, 5);
      g_assert_cmpint (ABS (entry->at - now), <, 600);
      if (i > 0)
        g_assert_cmpint (entry->id, <, ((LikertHistoryEntry *) entries->pdata[i - 1])->id);
    }
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->author, ==, "Undoer");
  g_assert_cmpint (entry->undoes, ==, ((LikertHistoryEntry *) entries->pdata[1])->batch);
  g_assert_cmpstr (entry->what, ==, "tag-add");
  g_assert_null (entry->after);
  g_assert_nonnull (strstr (entry->before, "\"author\":\"Chen\""));
  entry = g_ptr_array_index (entries, 3);
  g_assert_cmpstr (entry->author, ==, "Badr");
  g_assert_cmpstr (entry->what, ==, "status");
  g_assert_cmpstr (entry->before, ==, "new");
  g_assert_cmpstr (entry->after, ==, "excluded");
  entry = g_ptr_array_index (entries, 4);
  g_assert_cmpstr (entry->before, ==, "first");
  g_assert_cmpstr (entry->after, ==, "second");
  g_assert_cmpint (entry->undoes, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The last batch (an undo), for the views to refresh. */
  entries = likert_history_list_batch (store, likert_store_get_last_batch (store), &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((LikertHistoryEntry *) entries->pdata[0])->response_id, ==, 5);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The existing count still counts a response's rows. */
  g_assert_cmpint (likert_store_count_history (store, 5, NULL), ==, 6);
}

/* Undo reaches this session's changes, not those of an earlier one. */
static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (likert_store_set_note (f->store, 1, "yesterday", "Amal", &error));
  g_assert_true (likert_store_can_undo (f->store, NULL));
  g_clear_object (&f->store);
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (likert_store_can_undo (f->store, NULL));
  g_assert_false (likert_store_can_redo (f->store, NULL));
  g_assert_cmpint (likert_store_count_history (f->store, 1, NULL), ==, 1);
  g_assert_true (likert_store_set_note (f->store, 1, "today", "Amal", &error));
  g_free (undo (f->store));
  assert_note (f->store, 1, "yesterday");
  g_assert_false (likert_store_can_undo (f->store, NULL));
}

/* A bulk action is all or nothing. */
static void
test_bulk_atomic (Fixture       *f,
                  gconstpointer  data)
{
  static const gint64 ids[] = { 1, 2, 999, 3 };
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 tag_id = likert_store_ensure_tag (store, "x", &error);
  gint64 n_history;
  guint n_changed = 7;

  before = dump (store);
  n_history = count_sql (store, "SELECT count (*) FROM history", 0);
  g_assert_false (likert_store_bulk_tag (store, ids, G_N_ELEMENTS (ids), tag_id, TRUE, "Amal",
                                         &n_changed, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_false (likert_store_bulk_status (store, ids, G_N_ELEMENTS (ids),
                                            LIKERT_STATUS_EXCLUDED, "Amal", &n_changed, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (likert_store_bulk_tag (store, ids, 2, 12345, TRUE, "Amal", &n_changed, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history", 0), ==, n_history);

  /* Untagging what has no such tag changes nothing and records nothing. */
  g_assert_true (likert_store_bulk_tag (store, ids, G_N_ELEMENTS (ids), tag_id, FALSE, "Amal",
                                        &n_changed, &error));
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history", 0), ==, n_history);
}

/* 100,000 responses of a filter (of 120,000) tagged in one transaction and one batch, and
 * undone in one step. */
static void
test_bulk_100k (Fixture       *f,
                gconstpointer  data)
{
  const guint n_rows = 120000;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_autoptr(LikertFilter) filter = NULL;
  g_autoptr(GString) csv = g_string_sized_new (n_rows * 40);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree guint64 *selected = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *path = test_dir_file (&f->dir, "big.likert");
  g_autofree char *description = NULL;
  gint64 tag_id, batch;
  guint n_selected = 0, n_changed = 0;

  g_string_append (csv, "id,rating,device,comment\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%u,%u,%s,comment %u\n", i, 1 + i % 5,
                            i % 6 == 5 ? "desktop" : "mobile", i);
  csv_path = test_dir_write (&f->dir, "big.csv", csv->str, (gssize) csv->len);
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_timer_start (timer);
  report = likert_import_file (store, csv_path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("import of %u rows: %.0f ms", n_rows, g_timer_elapsed (timer, NULL) * 1000);

  /* The filtered set: device = mobile. */
  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  filter = likert_filter_new ();
  likert_filter_add_value (filter, "device", "mobile");
  selected = likert_filter_select (filter, frame, NULL, NULL, &n_selected, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_selected, ==, 100000);
  for (guint row = 0; row < likert_frame_get_n_rows (frame); row++)
    if (selected[row / 64] & (G_GUINT64_CONSTANT (1) << (row % 64)))
      {
        gint64 id = likert_frame_get_response_id (frame, row);
        g_array_append_val (ids, id);
      }
  g_assert_cmpuint (ids->len, ==, 100000);

  tag_id = likert_store_ensure_tag (store, "mobile", &error);
  g_assert_no_error (error);
  g_timer_start (timer);
  g_assert_true (likert_store_bulk_tag (store, (const gint64 *) ids->data, ids->len, tag_id, TRUE,
                                        "Amal", &n_changed, &error));
  g_assert_no_error (error);
  g_test_message ("bulk tag of %u responses: %.0f ms", ids->len,
                  g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (n_changed, ==, 100000);
  g_assert_cmpint (likert_codebook_count_uses (store, tag_id, NULL), ==, 100000);
  batch = likert_store_get_last_batch (store);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history WHERE batch = ?", batch),
                   ==, 100000);
  g_assert_cmpint (count_sql (store, "SELECT count (DISTINCT batch) FROM history "
                                     "WHERE what = 'tag-add'", 0), ==, 1);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history WHERE batch = ? AND "
                                     "response_id IN (SELECT r.id FROM response r "
                                     "WHERE json_extract (r.cells, '$[2]') = 'mobile')", batch),
                   ==, 100000);

  /* Again: nothing changes, nothing is recorded. */
  g_assert_true (likert_store_bulk_tag (store, (const gint64 *) ids->data, ids->len, tag_id, TRUE,
                                        "Amal", &n_changed, &error));
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpint (likert_store_get_last_batch (store), ==, batch);

  g_timer_start (timer);
  g_assert_true (likert_store_can_undo (store, &description));
  g_test_message ("can_undo: %.1f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpstr (description, ==, "Tag 100000 responses with “mobile”");
  g_clear_pointer (&description, g_free);
  g_timer_start (timer);
  description = undo (store);
  g_test_message ("undo of the bulk tag: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpstr (description, ==, "Tag 100000 responses with “mobile”");
  g_assert_cmpint (likert_codebook_count_uses (store, tag_id, NULL), ==, 0);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history WHERE undoes = ?", batch),
                   ==, 100000);
  g_assert_cmpint (count_sql (store, "SELECT count (DISTINCT batch) FROM history WHERE undoes = ?",
                              batch), ==, 1);
  g_clear_pointer (&description, g_free);
  g_timer_start (timer);
  g_assert_true (likert_store_can_undo (store, &description));    /* the tag's creation */
  g_assert_true (likert_store_can_redo (store, NULL));
  g_test_message ("can_undo and can_redo after the undo: %.1f ms",
                  g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpstr (description, ==, "Create tag “mobile”");
  g_clear_pointer (&description, g_free);

  g_timer_start (timer);
  g_free (redo (store));
  g_test_message ("redo of the bulk tag: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpint (likert_codebook_count_uses (store, tag_id, NULL), ==, 100000);

  /* The status of the same set, and its undo. */
  g_timer_start (timer);
  g_assert_true (likert_store_bulk_status (store, (const gint64 *) ids->data, ids->len,
                                           LIKERT_STATUS_EXCLUDED, "Amal", &n_changed, &error));
  g_assert_no_error (error);
  g_test_message ("bulk status of %u responses: %.0f ms", ids->len,
                  g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (n_changed, ==, 100000);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM annotation WHERE status = ?",
                              LIKERT_STATUS_EXCLUDED), ==, 100000);
  g_timer_start (timer);
  g_free (undo (store));
  g_test_message ("undo of the bulk status: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM annotation WHERE status = ?",
                              LIKERT_STATUS_EXCLUDED), ==, 0);

  /* Undo of the tagging again, in one step. */
  g_free (undo (store));
  g_assert_cmpint (likert_codebook_count_uses (store, tag_id, NULL), ==, 0);
}

/* A project of schema 1: its history rows become batches of one, out of this session's reach;
 * its tags get an empty description; new edits and their undo work on it. */
/* A frame patched with the changes of each batch equals a frame loaded afresh. */
static void
assert_frames_equal (LikertFrame *patched,
                     LikertFrame *fresh)
{
  guint n = likert_frame_get_n_rows (fresh);

  g_assert_cmpuint (likert_frame_get_n_rows (patched), ==, n);
  for (guint row = 0; row < n; row++)
    {
      g_assert_cmpint (likert_frame_get_status (patched, row), ==,
                       likert_frame_get_status (fresh, row));
      g_assert_cmpint (likert_frame_has_note (patched, row), ==,
                       likert_frame_has_note (fresh, row));
      for (guint t = 0; t < likert_frame_get_n_tags (fresh); t++)
        {
          gint tag = likert_frame_find_tag (patched, likert_frame_get_tag_id (fresh, t));

          /* A tag created after the frame loaded is in it once a response has it. */
          if (tag < 0)
            g_assert_false (likert_frame_has_tag (fresh, row, t));
          else
            g_assert_cmpint (likert_frame_has_tag (patched, row, (guint) tag), ==,
                             likert_frame_has_tag (fresh, row, t));
        }
    }
}

static void
test_batch_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LikertFrame *frame = likert_frame_load (f->store, NULL, &error);
  const gint64 some[] = { 2, 4, 6, 8 };
  gint64 billing, praise;
  guint n_changed;

  g_assert_no_error (error);
  billing = likert_store_ensure_tag (f->store, "billing", &error);
  praise = likert_store_ensure_tag (f->store, "praise", &error);
  g_assert_no_error (error);

  for (guint step = 0; step < 10; step++)
    {
      g_autoptr(GArray) changes = NULL;
      LikertFrame *fresh;
      gboolean codebook = TRUE;
      gboolean ok = TRUE;

      switch (step)
        {
        case 0: ok = likert_store_set_status (f->store, 3, LIKERT_STATUS_FLAGGED, "A", &error); break;
        case 1: ok = likert_store_set_note (f->store, 3, "late delivery", "A", &error); break;
        case 2: ok = likert_store_set_tag (f->store, 3, billing, TRUE, "A", &error); break;
        case 3:
          ok = likert_store_bulk_tag (f->store, some, G_N_ELEMENTS (some), praise, TRUE, "B",
                                      &n_changed, &error);
          break;
        case 4:
          ok = likert_store_bulk_status (f->store, some, G_N_ELEMENTS (some),
                                         LIKERT_STATUS_EXCLUDED, "B", &n_changed, &error);
          break;
        case 5: case 6: case 7:
          ok = likert_store_undo (f->store, "B", NULL, &error);
          break;
        case 8: case 9:
          ok = likert_store_redo (f->store, "B", NULL, &error);
          break;
        default: g_assert_not_reached ();
        }
      g_assert_no_error (error);
      g_assert_true (ok);

      changes = likert_history_batch_changes (f->store, likert_store_get_last_batch (f->store),
                                              &codebook, &error);
      g_assert_no_error (error);
      g_assert_false (codebook);
      g_assert_cmpuint (changes->len, >, 0);
      g_assert_cmpuint (likert_frame_apply_changes (frame, f->store, changes), >, 0);

      fresh = likert_frame_load (f->store, NULL, &error);
      g_assert_no_error (error);
      assert_frames_equal (frame, fresh);
      likert_frame_unref (fresh);
    }

  /* The state reached is not the start: the comparison saw real changes. */
  g_assert_true (likert_frame_has_tag (frame, (guint) likert_frame_find_row (frame, 4),
                                      (guint) likert_frame_find_tag (frame, praise)));
  g_assert_cmpint (likert_frame_get_status (frame, (guint) likert_frame_find_row (frame, 3)), ==,
                   LIKERT_STATUS_FLAGGED);

  /* A codebook change is reported as such. */
  {
    g_autoptr(GArray) changes = NULL;
    gboolean codebook = FALSE;

    g_assert_true (likert_codebook_rename (f->store, billing, "Billing", "A", &error));
    changes = likert_history_batch_changes (f->store, likert_store_get_last_batch (f->store),
                                            &codebook, &error);
    g_assert_no_error (error);
    g_assert_true (codebook);
  }
  likert_frame_unref (frame);
}

static void
test_migrated (void)
{
  TestDir dir;
  g_autofree char *fixture = g_build_filename (g_getenv ("LIKERT_SOURCE_ROOT"), "tests", "data",
                                               "projects", "v1.likert", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(LikertResponse) response = NULL;
  gsize length;
  gint64 n_old;

  test_dir_init (&dir);
  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  path = test_dir_write (&dir, "old.likert", contents, (gssize) length);
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  n_old = count_sql (store, "SELECT count (*) FROM history", 0);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history WHERE batch = id", 0),
                   ==, n_old);
  g_assert_false (likert_store_can_undo (store, NULL));
  tags = likert_store_list_tags (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, >, 0);
  g_assert_cmpstr (((LikertTag *) tags->pdata[0])->description, ==, "");
  response = likert_store_get_response (store, 2, &error);
  g_assert_cmpint (response->sentiment, ==, G_MININT);
  g_clear_pointer (&response, likert_response_free);

  g_assert_true (likert_store_set_sentiment (store, 2, 1, "Amal", &error));
  g_assert_true (likert_codebook_set_shortcut (store, ((LikertTag *) tags->pdata[0])->id, "k",
                                               "Amal", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_sql (store, "SELECT count (DISTINCT batch) FROM history WHERE id > ?",
                              n_old), ==, 2);
  g_free (undo (store));
  g_free (undo (store));
  response = likert_store_get_response (store, 2, &error);
  g_assert_cmpint (response->sentiment, ==, G_MININT);
  g_assert_cmpstr (response->note, ==, "Kept across the migration");
  g_assert_false (likert_store_can_undo (store, NULL));

  g_clear_object (&store);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/history/note", Fixture, NULL, fixture_setup, test_note, fixture_teardown);
  g_test_add ("/history/sequence", Fixture, NULL, fixture_setup, test_sequence, fixture_teardown);
  g_test_add ("/history/linear", Fixture, NULL, fixture_setup, test_linear, fixture_teardown);
  g_test_add ("/history/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/history/session", Fixture, NULL, fixture_setup, test_session, fixture_teardown);
  g_test_add ("/history/bulk-atomic", Fixture, NULL, fixture_setup, test_bulk_atomic,
              fixture_teardown);
  g_test_add_func ("/history/migrated", test_migrated);
  g_test_add ("/history/batch-changes", Fixture, NULL, fixture_setup, test_batch_changes,
              fixture_teardown);
  g_test_add ("/history/bulk-100k", Fixture, NULL, fixture_setup, test_bulk_100k,
              fixture_teardown);
  return g_test_run ();
}
