/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-store.h"

G_BEGIN_DECLS

/* The codebook: the project's hierarchical tags. Every change is one transaction, recorded in
 * the history as one batch (undone in one step, likert-history.h) with its author (NULL: the
 * default author). Errors are in LIKERT_STORE_ERROR: NOT_FOUND for a tag that is not there,
 * INVALID for what the codebook refuses (a taken name or key, a cycle, a bad colour or file). */

/* Between the names of a tag path: "Product / Checkout / Payment". A tag name cannot hold it. */
#define LIKERT_CODEBOOK_PATH_SEPARATOR " / "

typedef enum {
  LIKERT_CODEBOOK_FORMAT_CSV,       /* name,parent,colour,description,shortcut (UTF-8) */
  LIKERT_CODEBOOK_FORMAT_QDC,       /* REFI-QDA codebook XML (urn:QDA-XML:codebook:1.0) */
} LikertCodebookFormat;

/* What an import of a codebook did. */
typedef struct
{
  guint n_created;                  /* tags added (parents named only in a path included) */
  guint n_updated;                  /* existing tags whose colour, description or key changed */
  guint n_unchanged;                /* existing tags the file left as they were */
  guint n_shortcuts_skipped;        /* keys left out: another tag already had them */
} LikertCodebookImport;

/* colour: "#rrggbb" or "#rgb" (any case; stored "#rrggbb"), NULL or "" for none.
 * shortcut: one character (a letter, digit or sign), unique among tags; NULL or "" for none.
 * Returns the new tag's id, or 0 on error. */
gint64      likert_codebook_create          (LikertStore           *store,
                                             const char            *name,
                                             gint64                 parent_id,
                                             const char            *colour,
                                             const char            *description,
                                             const char            *shortcut,
                                             const char            *author,
                                             GError               **error);
gboolean    likert_codebook_rename          (LikertStore           *store,
                                             gint64                 tag_id,
                                             const char            *name,
                                             const char            *author,
                                             GError               **error);
gboolean    likert_codebook_recolour        (LikertStore           *store,
                                             gint64                 tag_id,
                                             const char            *colour,
                                             const char            *author,
                                             GError               **error);
gboolean    likert_codebook_set_description (LikertStore           *store,
                                             gint64                 tag_id,
                                             const char            *description,
                                             const char            *author,
                                             GError               **error);
gboolean    likert_codebook_set_shortcut    (LikertStore           *store,
                                             gint64                 tag_id,
                                             const char            *shortcut,
                                             const char            *author,
                                             GError               **error);
/* parent_id 0: to the top level. Refuses to move a tag under itself or its descendants. */
gboolean    likert_codebook_move            (LikertStore           *store,
                                             gint64                 tag_id,
                                             gint64                 parent_id,
                                             const char            *author,
                                             GError               **error);
/* Moves every use of source to target (a response that had both keeps one), puts source's
 * subtags under target (merging those whose name target already has), and deletes source.
 * n_moved: how many responses had source. */
gboolean    likert_codebook_merge           (LikertStore           *store,
                                             gint64                 source_id,
                                             gint64                 target_id,
                                             const char            *author,
                                             guint64               *n_moved,
                                             GError               **error);
/* How many responses have the tag (its subtags not counted); -1 on error. Ask before delete. */
gint64      likert_codebook_count_uses      (LikertStore           *store,
                                             gint64                 tag_id,
                                             GError               **error);
/* Deletes the tag and its uses; its subtags move to its parent. n_removed: uses removed. */
gboolean    likert_codebook_delete          (LikertStore           *store,
                                             gint64                 tag_id,
                                             const char            *author,
                                             guint64               *n_removed,
                                             GError               **error);

LikertTag  *likert_codebook_get_tag         (LikertStore           *store,
                                             gint64                 tag_id,
                                             GError               **error);
/* The tag of that name under parent_id (0: top level), or 0. */
gint64      likert_codebook_find            (LikertStore           *store,
                                             gint64                 parent_id,
                                             const char            *name);
/* The tag at "A / B / C", or 0. */
gint64      likert_codebook_find_path       (LikertStore           *store,
                                             const char            *path);
/* The tag whose key is shortcut, or 0. */
gint64      likert_codebook_find_shortcut   (LikertStore           *store,
                                             const char            *shortcut);
/* "A / B / C", or NULL (error set). */
char       *likert_codebook_dup_path        (LikertStore           *store,
                                             gint64                 tag_id,
                                             GError               **error);

/* Exchange. Export: parents before children, siblings by name. Import, in one transaction and
 * one batch of history: a tag is found by its guid (QDC) or by its path, else created (with
 * the missing parents of its path); a found tag takes the file's colour, description and key
 * where the file gives one, and keeps its name and place. */
char       *likert_codebook_to_csv          (LikertStore           *store,
                                             GError               **error);
gboolean    likert_codebook_from_csv        (LikertStore           *store,
                                             const char            *text,
                                             gssize                 length,
                                             const char            *author,
                                             LikertCodebookImport  *counts,
                                             GError               **error);
char       *likert_codebook_to_qdc          (LikertStore           *store,
                                             GError               **error);
gboolean    likert_codebook_from_qdc        (LikertStore           *store,
                                             const char            *text,
                                             gssize                 length,
                                             const char            *author,
                                             LikertCodebookImport  *counts,
                                             GError               **error);
/* Files (UTF-8; import also reads UTF-16 and a BOM). The format from the name: .qdc or CSV. */
LikertCodebookFormat likert_codebook_format_for_path (const char   *path);
gboolean    likert_codebook_export          (LikertStore           *store,
                                             const char            *path,
                                             LikertCodebookFormat   format,
                                             GError               **error);
gboolean    likert_codebook_import          (LikertStore           *store,
                                             const char            *path,
                                             LikertCodebookFormat   format,
                                             const char            *author,
                                             LikertCodebookImport  *counts,
                                             GError               **error);

G_END_DECLS
