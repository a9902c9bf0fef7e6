/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening a project file (likert-store): any bytes written to a file either open or give an
 * error, never a crash. What opens is then read the way the app reads a project at once:
 * the imports, fields, tags, views, a few responses, the frame (with its statistics and
 * category counts). Project files come by email: every field of them is hostile. */
#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "likert-frame.h"
#include "likert-store.h"
#include "fuzz-common.h"

static char *dir;
static char *path;

static void
remove_project (void)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_autofree char *cache = g_build_filename (dir, "likert", "verified.ini", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  /* Nothing remembered from one run to the next: each input is checked alike. */
  g_unlink (cache);
}

static void
read_project (LikertStore *store)
{
  g_autoptr(GPtrArray) imports = likert_store_list_imports (store, NULL);
  g_autoptr(GPtrArray) fields = likert_store_list_fields (store, NULL);
  g_autoptr(GPtrArray) tags = likert_store_list_tags (store, NULL);
  g_auto(GStrv) views = likert_store_list_views (store, NULL);
  g_autoptr(LikertFrame) frame = NULL;

  for (guint i = 0; imports != NULL && i < imports->len; i++)
    FUZZ_CHECK (((LikertImportRecord *) g_ptr_array_index (imports, i))->skipped_rows != NULL);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    FUZZ_CHECK (((LikertField *) g_ptr_array_index (fields, i))->header != NULL);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    FUZZ_CHECK (((LikertTag *) g_ptr_array_index (tags, i))->description != NULL);
  likert_store_count_responses (store, NULL);
  likert_store_count_datasets (store, NULL);
  for (gint64 id = 1; id <= 3; id++)
    {
      g_autoptr(LikertResponse) response = likert_store_get_response (store, id, NULL);

      if (response != NULL)
        FUZZ_CHECK (response->note != NULL);
    }
  for (guint i = 0; views != NULL && views[i] != NULL; i++)
    g_free (likert_store_get_view (store, views[i], NULL));

  frame = likert_frame_load (store, NULL, NULL);
  if (frame == NULL)
    return;
  for (guint q = 0; q < likert_frame_get_n_questions (frame); q++)
    {
      LikertStats stats;

      likert_frame_compute_stats (frame, q, NULL, &stats);
      FUZZ_CHECK (stats.n + stats.missing == likert_frame_get_n_rows (frame));
    }
  for (guint c = 0; c < likert_frame_get_n_categories (frame); c++)
    {
      guint n_values = likert_frame_get_n_category_values (frame, c);
      g_autofree guint64 *counts = g_new0 (guint64, MAX (n_values, 1));

      likert_frame_count_category (frame, c, NULL, counts);
      for (guint v = 0; v < n_values; v++)
        FUZZ_CHECK (likert_frame_get_category_value (frame, c, v) != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;

  if (dir == NULL)
    {
      /* In memory when possible: every run writes the file. */
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : NULL;
      g_autofree char *template = g_build_filename (base ? base : g_get_tmp_dir (),
                                                    "likert-fuzz-XXXXXX", NULL);

      dir = g_mkdtemp (g_steal_pointer (&template));
      FUZZ_CHECK (dir != NULL);
      path = g_build_filename (dir, "fuzz.likert", NULL);
      /* The verified-files cache goes there too, not in the user's. */
      g_setenv ("XDG_CACHE_HOME", dir, TRUE);
    }

  remove_project ();
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    FUZZ_CHECK (error != NULL && error->message != NULL);
  else
    {
      FUZZ_CHECK (error == NULL);
      read_project (store);
    }
  g_clear_object (&store);
  remove_project ();
  return 0;
}
