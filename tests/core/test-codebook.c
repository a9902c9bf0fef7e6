/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "likert-codebook.h"
#include "likert-history.h"
#include "likert-import.h"
#include "likert-store-private.h"
#include "test-common.h"

typedef struct
{
  TestDir      dir;
  LikertStore *store;
} Fixture;

static LikertStore *
open_store (TestDir    *dir,
            const char *name)
{
  g_autofree char *path = test_dir_file (dir, name);
  g_autoptr(GError) error = NULL;
  LikertStore *store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("id,rating,comment\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  test_dir_init (&f->dir);
  f->store = open_store (&f->dir, "p.likert");
  for (guint i = 1; i <= 10; i++)
    g_string_append_printf (csv, "r%u,%u,comment %u\n", i, 1 + i % 5, i);
  path = test_dir_write (&f->dir, "responses.csv", csv->str, -1);
  report = likert_import_file (f->store, path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (likert_store_count_responses (f->store, NULL), ==, 10);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  test_dir_clear (&f->dir);
}

/* Everything of the codebook and its uses, exactly: ids, uuids, authors and times included. */
static char *
dump (LikertStore *store)
{
  sqlite3 *db = _likert_store_get_db (store);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

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

/* "1,2,3": the responses that have the tag. */
static char *
uses (LikertStore *store,
      gint64       tag_id)
{
  sqlite3 *db = _likert_store_get_db (store);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT response_id FROM response_tag "
                                           "WHERE tag_id = ? ORDER BY response_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, tag_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%lld", out->len ? "," : "",
                            (long long) sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
tagging_author (LikertStore *store,
                gint64       response_id,
                gint64       tag_id)
{
  sqlite3 *db = _likert_store_get_db (store);
  sqlite3_stmt *stmt;
  char *author = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT author FROM response_tag "
                                           "WHERE response_id = ? AND tag_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, response_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    author = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return author;
}

static gint64
count_sql (LikertStore *store,
           const char  *sql)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_likert_store_get_db (store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
tag (LikertStore *store,
     gint64       response_id,
     gint64       tag_id,
     const char  *author)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (likert_store_set_tag (store, response_id, tag_id, TRUE, author, &error));
  g_assert_no_error (error);
}

static void
undo (LikertStore *store,
      const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  g_assert_true (likert_store_undo (store, "Undoer", &description, &error));
  g_assert_no_error (error);
  if (expected != NULL)
    g_assert_cmpstr (description, ==, expected);
}

static void
redo (LikertStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (likert_store_redo (store, "Undoer", NULL, &error));
  g_assert_no_error (error);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertTag) got = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *empty = dump (store);
  g_autofree char *final = NULL;
  g_autofree char *path = NULL;
  gint64 product, checkout, payment, delivery;
  guint n_undone = 0;

  product = likert_codebook_create (store, "  Product ", 0, "#1C71D8",
                                    "Everything about the product", "p", "Amal", &error);
  g_assert_no_error (error);
  g_assert_cmpint (product, >, 0);
  checkout = likert_codebook_create (store, "Checkout", product, NULL, NULL, NULL, "Amal", &error);
  g_assert_no_error (error);
  payment = likert_codebook_create (store, "Payment", checkout, "#f0A", "Cards & wallets", NULL,
                                    "Amal", &error);
  g_assert_no_error (error);
  delivery = likert_codebook_create (store, "Delivery", product, NULL, NULL, "d", NULL, &error);
  g_assert_no_error (error);

  got = likert_codebook_get_tag (store, product, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "Product");
  g_assert_cmpstr (got->colour, ==, "#1c71d8");
  g_assert_cmpstr (got->description, ==, "Everything about the product");
  g_assert_cmpstr (got->shortcut, ==, "p");
  g_assert_cmpint (got->parent_id, ==, 0);
  g_assert_true (g_uuid_string_is_valid (got->uuid));
  g_clear_pointer (&got, likert_tag_free);
  got = likert_codebook_get_tag (store, payment, &error);
  g_assert_cmpstr (got->colour, ==, "#ff00aa");
  g_assert_cmpint (got->parent_id, ==, checkout);
  g_clear_pointer (&got, likert_tag_free);

  /* list_tags carries the new fields. */
  tags = likert_store_list_tags (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 4);
  g_assert_cmpstr (((LikertTag *) tags->pdata[2])->description, ==, "Cards & wallets");
  g_assert_cmpstr (((LikertTag *) tags->pdata[1])->description, ==, "");
  g_assert_null (((LikertTag *) tags->pdata[1])->shortcut);
  g_assert_cmpstr (((LikertTag *) tags->pdata[3])->shortcut, ==, "d");

  /* What the codebook refuses. */
  g_assert_cmpint (likert_codebook_create (store, "Product", 0, NULL, NULL, NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_create (store, "A / B", 0, NULL, NULL, NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_create (store, " ", 0, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_create (store, "Z", 0, "blue", NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_create (store, "Z", 0, NULL, NULL, "p", NULL, &error), ==, 0);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Product"));
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_create (store, "Z", 0, NULL, NULL, "ab", NULL, &error), ==, 0);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_create (store, "Z", 999, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (likert_codebook_rename (store, delivery, "Checkout", NULL, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_codebook_set_shortcut (store, delivery, "p", NULL, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_codebook_move (store, product, payment, NULL, &error));   /* a cycle */
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_codebook_move (store, product, product, NULL, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_codebook_rename (store, 999, "X", NULL, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Refusals write nothing. */
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history"), ==, 4);

  /* Edits, each read back. */
  g_assert_true (likert_codebook_rename (store, checkout, "Basket", "Badr", &error));
  g_assert_true (likert_codebook_recolour (store, product, NULL, "Badr", &error));
  g_assert_true (likert_codebook_set_description (store, delivery, "Late, lost & \"damaged\"",
                                                  "Badr", &error));
  g_assert_true (likert_codebook_set_shortcut (store, product, NULL, "Badr", &error));
  g_assert_true (likert_codebook_set_shortcut (store, delivery, "p", "Badr", &error));
  g_assert_true (likert_codebook_move (store, payment, 0, "Badr", &error));
  g_assert_true (likert_codebook_move (store, delivery, checkout, "Badr", &error));
  g_assert_no_error (error);
  /* A change to the same value is no change, and not recorded. */
  g_assert_true (likert_codebook_rename (store, checkout, "Basket", "Badr", &error));

  got = likert_codebook_get_tag (store, product, &error);
  g_assert_null (got->colour);
  g_assert_null (got->shortcut);
  g_clear_pointer (&got, likert_tag_free);
  got = likert_codebook_get_tag (store, delivery, &error);
  g_assert_cmpstr (got->shortcut, ==, "p");
  g_assert_cmpstr (got->description, ==, "Late, lost & \"damaged\"");
  g_assert_cmpint (got->parent_id, ==, checkout);
  g_clear_pointer (&got, likert_tag_free);
  path = likert_codebook_dup_path (store, delivery, &error);
  g_assert_cmpstr (path, ==, "Product / Basket / Delivery");
  g_assert_cmpint (likert_codebook_find_path (store, "Product / Basket / Delivery"), ==, delivery);
  g_assert_cmpint (likert_codebook_find_path (store, "Payment"), ==, payment);
  g_assert_cmpint (likert_codebook_find_path (store, "Product / Payment"), ==, 0);
  g_assert_cmpint (likert_codebook_find_shortcut (store, "p"), ==, delivery);

  /* Each one batch of one row, with its author, no response, and before/after states. */
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history"), ==, 11);
  g_assert_cmpint (count_sql (store, "SELECT count (DISTINCT batch) FROM history"), ==, 11);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history WHERE response_id IS NULL "
                                     "AND author = 'Badr' AND before IS NOT NULL "
                                     "AND after IS NOT NULL"), ==, 7);
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history WHERE what = 'tag-move' "
                                     "AND json_extract (after, '$.parent') IS NULL"), ==, 1);

  /* Undo it all, step by step, to nothing; redo it all, to the same codebook, ids included. */
  final = dump (store);
  undo (store, "Move tag “Delivery”");
  undo (store, "Move tag “Payment”");
  undo (store, "Change the key of “Delivery”");
  n_undone = 3;
  while (likert_store_can_undo (store, NULL))
    {
      undo (store, NULL);
      n_undone++;
    }
  g_assert_cmpuint (n_undone, ==, 11);
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, empty);
  }
  while (likert_store_can_redo (store, NULL))
    redo (store);
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, final);
  }
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertTag) got = NULL;
  g_autofree char *before = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *text = NULL;
  g_autofree char *author = NULL;
  gint64 a, x, y, b, b_y, top;
  guint64 n_moved = 99;

  a = likert_codebook_create (store, "Billing", 0, "#ff0000", NULL, "b", "Amal", &error);
  x = likert_codebook_create (store, "Invoices", a, NULL, NULL, NULL, "Amal", &error);
  y = likert_codebook_create (store, "Refunds", a, NULL, NULL, NULL, "Amal", &error);
  b = likert_codebook_create (store, "Payments", 0, NULL, NULL, NULL, "Amal", &error);
  b_y = likert_codebook_create (store, "Refunds", b, NULL, NULL, NULL, "Amal", &error);
  g_assert_no_error (error);
  tag (store, 1, a, "Amal");
  tag (store, 2, a, "Amal");
  tag (store, 3, a, "Amal");
  tag (store, 3, b, "Badr");
  tag (store, 4, b, "Badr");
  tag (store, 5, y, "Amal");
  tag (store, 5, b_y, "Badr");
  tag (store, 6, b_y, "Badr");
  tag (store, 7, x, "Amal");
  g_assert_cmpint (likert_codebook_count_uses (store, a, &error), ==, 3);
  g_assert_cmpint (likert_codebook_count_uses (store, b, &error), ==, 2);
  before = dump (store);

  g_assert_false (likert_codebook_merge (store, a, a, "Chen", NULL, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_codebook_merge (store, a, 999, "Chen", NULL, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Billing into Payments: every use moves (3 had both: one use), subtags follow, and
   * Billing / Refunds merges into Payments / Refunds. */
  g_assert_true (likert_codebook_merge (store, a, b, "Chen", &n_moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_moved, ==, 3);
  got = likert_codebook_get_tag (store, a, &error);
  g_assert_null (got);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (likert_codebook_get_tag (store, y, NULL));
  text = uses (store, b);
  g_assert_cmpstr (text, ==, "1,2,3,4");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (likert_codebook_count_uses (store, b, &error), ==, 4);
  text = uses (store, b_y);
  g_assert_cmpstr (text, ==, "5,6");
  g_clear_pointer (&text, g_free);
  got = likert_codebook_get_tag (store, x, &error);
  g_assert_cmpint (got->parent_id, ==, b);
  g_clear_pointer (&got, likert_tag_free);
  /* A moved use keeps who made it; one that was there stays as it was. */
  author = tagging_author (store, 1, b);
  g_assert_cmpstr (author, ==, "Amal");
  g_clear_pointer (&author, g_free);
  author = tagging_author (store, 3, b);
  g_assert_cmpstr (author, ==, "Badr");
  g_clear_pointer (&author, g_free);
  /* One batch, by Chen. */
  g_assert_cmpint (count_sql (store, "SELECT count (DISTINCT batch) FROM history "
                                     "WHERE author = 'Chen'"), ==, 1);
  merged = dump (store);

  /* Undo restores the source, its uuid and id, and exactly which responses had it. */
  undo (store, "Merge tag “Billing” into “Payments”");
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, before);
  }
  text = uses (store, a);
  g_assert_cmpstr (text, ==, "1,2,3");
  g_clear_pointer (&text, g_free);
  text = uses (store, b);
  g_assert_cmpstr (text, ==, "3,4");
  g_clear_pointer (&text, g_free);
  redo (store);
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, merged);
  }
  undo (store, NULL);

  /* Into its own subtag: the subtag takes the source's place. */
  g_assert_true (likert_codebook_merge (store, b, b_y, "Chen", &n_moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_moved, ==, 2);
  got = likert_codebook_get_tag (store, b_y, &error);
  g_assert_cmpint (got->parent_id, ==, 0);
  g_clear_pointer (&got, likert_tag_free);
  text = uses (store, b_y);
  g_assert_cmpstr (text, ==, "3,4,5,6");
  g_clear_pointer (&text, g_free);
  top = likert_codebook_find (store, 0, "Refunds");
  g_assert_cmpint (top, ==, b_y);
  undo (store, NULL);
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, before);
  }
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  LikertStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertTag) got = NULL;
  g_autoptr(LikertResponse) response = NULL;
  g_autofree char *before = NULL;
  gint64 parent, p, q, clash;
  guint64 n_removed = 0;
  gint64 n_history;

  parent = likert_codebook_create (store, "Service", 0, NULL, NULL, NULL, "Amal", &error);
  p = likert_codebook_create (store, "Staff", parent, "#00ff00", "Rude or kind", "s", "Amal",
                              &error);
  q = likert_codebook_create (store, "Waiting", p, NULL, NULL, NULL, "Amal", &error);
  g_assert_no_error (error);
  for (gint64 r = 1; r <= 4; r++)
    tag (store, r, p, r % 2 ? "Amal" : "Badr");
  tag (store, 5, q, "Amal");
  before = dump (store);

  /* The count to confirm with, then the delete. */
  g_assert_cmpint (likert_codebook_count_uses (store, p, &error), ==, 4);
  g_assert_true (likert_codebook_delete (store, p, "Chen", &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 4);
  g_assert_null (likert_codebook_get_tag (store, p, NULL));
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM response_tag"), ==, 1);
  got = likert_codebook_get_tag (store, q, &error);
  g_assert_cmpint (got->parent_id, ==, parent);
  g_clear_pointer (&got, likert_tag_free);
  response = likert_store_get_response (store, 1, &error);
  g_assert_cmpuint (response->tag_ids->len, ==, 0);
  g_clear_pointer (&response, likert_response_free);
  /* The response's own history tells it lost the tag. */
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history WHERE response_id = 1 "
                                     "AND what = 'tag-remove' AND author = 'Chen'"), ==, 1);

  /* Undo: the tag, its uses (authors and times), its subtag. */
  undo (store, "Delete tag “Staff”");
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, before);
  }
  got = likert_codebook_get_tag (store, p, &error);
  g_assert_cmpstr (got->shortcut, ==, "s");
  g_assert_cmpstr (got->description, ==, "Rude or kind");
  g_clear_pointer (&got, likert_tag_free);

  /* A subtag whose name its new parent already has: refused, nothing written. */
  clash = likert_codebook_create (store, "Waiting", parent, NULL, NULL, NULL, "Amal", &error);
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = dump (store);
  n_history = count_sql (store, "SELECT count (*) FROM history");
  g_assert_false (likert_codebook_delete (store, p, "Chen", &n_removed, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_removed, ==, 0);
  {
    g_autofree char *now = dump (store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpint (count_sql (store, "SELECT count (*) FROM history"), ==, n_history);
  g_assert_cmpint (clash, >, 0);
}

/* ensure_tag (the annotation pane's "new tag") is a recorded, undoable creation. */
static void
test_ensure_tag (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = likert_store_ensure_tag (f->store, "fresh", &error);

  g_assert_no_error (error);
  g_assert_cmpint (likert_store_ensure_tag (f->store, "fresh", &error), ==, id);
  g_assert_cmpint (count_sql (f->store, "SELECT count (*) FROM history WHERE what = "
                                        "'tag-create' AND response_id IS NULL"), ==, 1);
  undo (f->store, "Create tag “fresh”");
  g_assert_cmpint (likert_store_find_tag (f->store, "fresh"), ==, 0);
  redo (f->store);
  g_assert_cmpint (likert_store_find_tag (f->store, "fresh"), ==, id);
}

/* A codebook with what travels badly: nesting, scripts, commas, quotes, markup, new lines. */
static guint
build_codebook (LikertStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 product, till, delivery;

  product = likert_codebook_create (store, "Produit", 0, "#1c71d8",
                                    "Tout sur le produit, \"vraiment\" <tout> & plus\nligne 2",
                                    "é", NULL, &error);
  till = likert_codebook_create (store, "Caisse", product, NULL, " espace devant", NULL, NULL,
                                 &error);
  likert_codebook_create (store, "Paiement", till, "#e01b24", "Cartes; portefeuilles", "7", NULL,
                          &error);
  likert_codebook_create (store, "خدمة العملاء", 0, "#2ec27e", "الرد على العملاء", NULL, NULL,
                          &error);
  delivery = likert_codebook_create (store, "Доставка", 0, NULL, NULL, NULL, NULL, &error);
  likert_codebook_create (store, "Курьер", delivery, NULL, "Опоздал & <потерял>", NULL, NULL,
                          &error);
  likert_codebook_create (store, "Slow, laggy", 0, NULL, "a \"quoted\" word", NULL, NULL, &error);
  likert_codebook_create (store, "Emoji 🚚", delivery, "#000000", "", NULL, NULL, &error);
  g_assert_no_error (error);
  return 8;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) other = open_store (&f->dir, "other.likert");
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autofree char *file = test_dir_file (&f->dir, "codebook.csv");
  g_autoptr(LikertTag) got = NULL;
  LikertCodebookImport counts;
  guint n = build_codebook (f->store);

  csv = likert_codebook_to_csv (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "name,parent,colour,description,shortcut\n"));
  g_assert_nonnull (strstr (csv, "\nPaiement,Produit / Caisse,#e01b24,Cartes; portefeuilles,7\n"));
  g_assert_nonnull (strstr (csv, "\"Slow, laggy\",,,\"a \"\"quoted\"\" word\",\n"));
  g_assert_nonnull (strstr (csv, "Caisse,Produit,,\" espace devant\",\n"));
  /* Parents come before their children. */
  g_assert_true (strstr (csv, "\nProduit,") < strstr (csv, "\nCaisse,"));
  g_assert_true (strstr (csv, "\nCaisse,") < strstr (csv, "\nPaiement,"));

  /* Into a project without tags: the same codebook, as one undoable step. */
  g_assert_true (likert_codebook_export (f->store, file, likert_codebook_format_for_path (file),
                                         &error));
  g_assert_no_error (error);
  g_assert_true (likert_codebook_import (other, file, LIKERT_CODEBOOK_FORMAT_CSV, "Dana", &counts,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_created, ==, n);
  g_assert_cmpuint (counts.n_updated, ==, 0);
  again = likert_codebook_to_csv (other, &error);
  g_assert_cmpstr (again, ==, csv);
  g_clear_pointer (&again, g_free);
  got = likert_codebook_get_tag (other, likert_codebook_find_path (other, "Produit"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->description, ==, "Tout sur le produit, \"vraiment\" <tout> & plus\nligne 2");
  g_assert_cmpstr (got->shortcut, ==, "é");
  g_clear_pointer (&got, likert_tag_free);
  g_assert_cmpint (count_sql (other, "SELECT count (DISTINCT batch) FROM history"), ==, 1);

  /* Again: all there already. */
  g_assert_true (likert_codebook_from_csv (other, csv, -1, "Dana", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_created, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, n);

  /* An update by path, a new tag with its missing parents, a key already taken. */
  g_assert_true (likert_codebook_from_csv (other,
                                           "Name,Colour,Parent,Key\r\n"
                                           "Caisse,#00FF00,Produit,\r\n"
                                           "Retard,,Доставка / Курьер / Ночью,é\r\n"
                                           "\r\n", -1, "Dana", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_updated, ==, 1);
  g_assert_cmpuint (counts.n_created, ==, 2);
  g_assert_cmpuint (counts.n_unchanged, ==, 0);
  g_assert_cmpuint (counts.n_shortcuts_skipped, ==, 1);
  got = likert_codebook_get_tag (other, likert_codebook_find_path (other, "Produit / Caisse"),
                                 &error);
  g_assert_cmpstr (got->colour, ==, "#00ff00");
  g_assert_cmpstr (got->description, ==, " espace devant");
  g_clear_pointer (&got, likert_tag_free);
  got = likert_codebook_get_tag (other,
                                 likert_codebook_find_path (other,
                                                            "Доставка / Курьер / Ночью / Retard"),
                                 &error);
  g_assert_no_error (error);
  g_assert_null (got->shortcut);
  g_clear_pointer (&got, likert_tag_free);
  undo (other, "Import a codebook");
  again = likert_codebook_to_csv (other, &error);
  g_assert_cmpstr (again, ==, csv);
  g_clear_pointer (&again, g_free);

  /* A bad row: the line named, nothing imported. A semicolon file with a BOM. */
  g_assert_false (likert_codebook_from_csv (other, "name,colour\nNew one,#123456\nBad,blue\n", -1,
                                            "Dana", &counts, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_nonnull (strstr (error->message, "blue"));
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_find_path (other, "New one"), ==, 0);
  g_assert_false (likert_codebook_from_csv (other, "label,colour\nX,#123456\n", -1, "Dana",
                                            &counts, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (likert_codebook_from_csv (other, "\xEF\xBB\xBFname;parent\nA;\nB;A\n", -1, "Dana",
                                           &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_created, ==, 2);
  g_assert_cmpint (likert_codebook_find_path (other, "A / B"), >, 0);
}

static void
test_qdc (Fixture       *f,
          gconstpointer  data)
{
  static const char foreign[] =
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<CodeBook xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"urn:QDA-XML:codebook:1.0 Codebook.xsd\" origin=\"ATLAS.ti\" "
    "xmlns=\"urn:QDA-XML:codebook:1.0\">\n"
    "  <Codes>\n"
    "    <Code guid=\"1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294\" name=\"code1\" color=\"#46AA00\" "
    "isCodable=\"true\">\n"
    "      <Description>description</Description>\n"
    "      <Code guid=\"{ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0}\" name=\"child\" "
    "isCodable=\"false\"><Description><![CDATA[a <b> & c]]></Description></Code>\n"
    "    </Code>\n"
    "    <Code guid=\"not-a-guid\" name=\"loose\" isCodable=\"true\"/>\n"
    "  </Codes>\n"
    "  <Sets>\n"
    "    <Set name=\"group\" guid=\"0D62985D-B147-5D01-A9B5-CAE5DCD98342\">\n"
    "      <Description>not a code</Description>\n"
    "      <MemberCode guid=\"1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294\"/>\n"
    "    </Set>\n"
    "  </Sets>\n"
    "</CodeBook>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) other = open_store (&f->dir, "other.likert");
  g_autoptr(LikertStore) third = open_store (&f->dir, "third.likert");
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(LikertTag) got = NULL;
  g_autofree char *qdc = NULL;
  g_autofree char *again = NULL;
  g_autofree char *file = test_dir_file (&f->dir, "codebook.qdc");
  LikertCodebookImport counts;
  guint n = build_codebook (f->store);
  gint64 code1;

  qdc = likert_codebook_to_qdc (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (qdc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""));
  g_assert_nonnull (strstr (qdc, "isCodable=\"true\" color=\"#1C71D8\">"));
  g_assert_nonnull (strstr (qdc, "<Description>Tout sur le produit, &quot;vraiment&quot; "
                                 "&lt;tout&gt; &amp; plus\nligne 2</Description>"));
  g_assert_nonnull (strstr (qdc, "name=\"Slow, laggy\""));

  g_assert_true (likert_codebook_export (f->store, file, likert_codebook_format_for_path (file),
                                         &error));
  g_assert_true (likert_codebook_import (other, file, LIKERT_CODEBOOK_FORMAT_QDC, "Dana", &counts,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_created, ==, n);
  /* The same document: names, nesting, colours, descriptions, and the guids as uuids. */
  again = likert_codebook_to_qdc (other, &error);
  g_assert_cmpstr (again, ==, qdc);
  mine = likert_store_list_tags (f->store, NULL);
  theirs = likert_store_list_tags (other, NULL);
  g_assert_cmpuint (mine->len, ==, theirs->len);
  for (guint i = 0; i < mine->len; i++)
    {
      LikertTag *tag_mine = g_ptr_array_index (mine, i);
      LikertTag *tag_theirs = NULL;
      g_autofree char *path_mine = likert_codebook_dup_path (f->store, tag_mine->id, NULL);
      g_autofree char *path_theirs = NULL;

      for (guint k = 0; k < theirs->len; k++)
        if (g_str_equal (((LikertTag *) theirs->pdata[k])->uuid, tag_mine->uuid))
          tag_theirs = theirs->pdata[k];
      g_assert_nonnull (tag_theirs);
      path_theirs = likert_codebook_dup_path (other, tag_theirs->id, NULL);
      g_assert_cmpstr (path_mine, ==, path_theirs);
      g_assert_cmpstr (tag_mine->name, ==, tag_theirs->name);
      g_assert_cmpstr (tag_mine->colour, ==, tag_theirs->colour);
      g_assert_cmpstr (tag_mine->description, ==, tag_theirs->description);
    }

  /* Again: found by guid, nothing to change. */
  g_assert_true (likert_codebook_from_qdc (other, qdc, -1, "Dana", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_created, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, n);

  /* Another tool's file: a BOM, namespaces, braces and capitals in guids, CDATA, sets. */
  g_assert_true (likert_codebook_from_qdc (third, foreign, -1, "Dana", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_created, ==, 3);
  code1 = likert_codebook_find_path (third, "code1");
  got = likert_codebook_get_tag (third, code1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->uuid, ==, "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294");
  g_assert_cmpstr (got->colour, ==, "#46aa00");
  g_assert_cmpstr (got->description, ==, "description");
  g_clear_pointer (&got, likert_tag_free);
  got = likert_codebook_get_tag (third, likert_codebook_find_path (third, "code1 / child"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->uuid, ==, "eca18d76-2b8b-4f26-bc1d-19eca19fb3f0");
  g_assert_cmpstr (got->description, ==, "a <b> & c");
  g_clear_pointer (&got, likert_tag_free);
  got = likert_codebook_get_tag (third, likert_codebook_find_path (third, "loose"), &error);
  g_assert_true (g_uuid_string_is_valid (got->uuid));
  g_clear_pointer (&got, likert_tag_free);
  g_assert_cmpint (likert_codebook_find_path (third, "group"), ==, 0);

  /* Not a codebook. */
  g_assert_false (likert_codebook_from_qdc (third, "<Project><Codes/></Project>", -1, "Dana",
                                            &counts, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_codebook_from_qdc (third, "name,parent\nA,\n", -1, "Dana", &counts,
                                            &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (likert_codebook_from_qdc (third, "<CodeBook><Codes><Code name=\"ok\" "
                                                   "isCodable=\"true\"><Code isCodable=\"true\"/>"
                                                   "</Code></Codes></CodeBook>", -1, "Dana",
                                            &counts, &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (likert_codebook_find_path (third, "ok"), ==, 0);

  /* An empty codebook. */
  {
    g_autoptr(LikertStore) empty = open_store (&f->dir, "empty.likert");
    g_autofree char *nothing = likert_codebook_to_qdc (empty, &error);

    g_assert_nonnull (strstr (nothing, "<Codes/>"));
    g_assert_true (likert_codebook_from_qdc (empty, nothing, -1, "Dana", &counts, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts.n_created, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/codebook/edit", Fixture, NULL, fixture_setup, test_edit, fixture_teardown);
  g_test_add ("/codebook/merge", Fixture, NULL, fixture_setup, test_merge, fixture_teardown);
  g_test_add ("/codebook/delete", Fixture, NULL, fixture_setup, test_delete, fixture_teardown);
  g_test_add ("/codebook/ensure-tag", Fixture, NULL, fixture_setup, test_ensure_tag,
              fixture_teardown);
  g_test_add ("/codebook/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/codebook/qdc", Fixture, NULL, fixture_setup, test_qdc, fixture_teardown);
  return g_test_run ();
}
