/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* A temporary directory removed (with its files) at the end of the test. */
typedef struct
{
  char *path;
} TestDir;

static inline void
test_dir_init (TestDir *dir)
{
  g_autoptr(GError) error = NULL;

  dir->path = g_dir_make_tmp ("likert-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline char *
test_dir_file (TestDir    *dir,
               const char *name)
{
  return g_build_filename (dir->path, name, NULL);
}

static inline char *
test_dir_write (TestDir    *dir,
                const char *name,
                const char *contents,
                gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = test_dir_file (dir, name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static inline void
test_dir_clear (TestDir *dir)
{
  GDir *d = g_dir_open (dir->path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir->path, name, NULL);
      g_remove (path);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (dir->path);
  g_free (dir->path);
}

static inline char *
test_sample_path (void)
{
  const char *root = g_getenv ("LIKERT_SOURCE_ROOT");

  return g_build_filename (root ? root : SOURCE_ROOT, "data", "samples", "website-feedback.csv",
                           NULL);
}
