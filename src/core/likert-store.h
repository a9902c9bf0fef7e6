/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "likert-types.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_STORE (likert_store_get_type ())
G_DECLARE_FINAL_TYPE (LikertStore, likert_store, LIKERT, STORE, GObject)

#define LIKERT_STORE_ERROR (likert_store_error_quark ())

typedef enum {
  LIKERT_STORE_ERROR_NOT_A_PROJECT,  /* not SQLite, or SQLite of another application */
  LIKERT_STORE_ERROR_TOO_NEW,        /* written by a newer Likert */
  LIKERT_STORE_ERROR_CORRUPT,        /* quick_check failed */
  LIKERT_STORE_ERROR_IO,             /* SQLite could not read or write */
  LIKERT_STORE_ERROR_NOT_FOUND,      /* no such response, tag, … */
  LIKERT_STORE_ERROR_INVALID,        /* an argument the store refuses */
} LikertStoreError;

typedef enum {
  LIKERT_STORE_OPEN_DEFAULT = 0,
  LIKERT_STORE_OPEN_CREATE  = 1 << 0,  /* create the file when it does not exist */
  LIKERT_STORE_OPEN_TRUSTED = 1 << 1,  /* this process checked the file: skip quick_check */
} LikertStoreOpenFlags;

/* 'LKRT' in PRAGMA application_id */
#define LIKERT_STORE_APPLICATION_ID 0x4C4B5254
#define LIKERT_STORE_SCHEMA_VERSION 7
/* The most columns a dataset may have (Excel's limit, which exports must also respect). */
#define LIKERT_STORE_MAX_COLUMNS 16384

/* A column of an imported dataset. */
struct _LikertField
{
  gint64      id;
  gint64      dataset_id;
  guint       position;       /* 0-based column in the source */
  char       *header;
  LikertRole  role;
  int         scale_min;      /* rating fields only */
  int         scale_max;
  char       *labels[LIKERT_MAX_SCALE]; /* labels[v − scale_min], each nullable */
  gint64      label_of;       /* LABEL fields: the rating field they name; else 0 */
};

struct _LikertTag
{
  gint64  id;
  char   *uuid;
  gint64  parent_id;          /* 0 for a top-level tag */
  char   *name;
  char   *colour;             /* "#rrggbb" or NULL */
  char   *description;        /* never NULL ("" when none) */
  char   *shortcut;           /* one character, unique among tags, or NULL */
};

/* One response with its annotation, as the annotation pane shows it. */
struct _LikertResponse
{
  gint64        id;
  gint64        dataset_id;
  gint64        record;       /* 1-based number of the response in its dataset, in the order
                               * imported (stable across re-imports: with the dataset's uuid, it
                               * identifies a response that has no key) */
  gint64        line;         /* 1-based line where the record starts in its import's file */
  char         *key;          /* nullable */
  gint64        submitted_at; /* UTC seconds; G_MININT64 when unknown */
  GStrv         cells;        /* the original cells, in column order */
  char         *note;         /* never NULL */
  LikertStatus  status;
  char         *author;       /* nullable: who last annotated */
  gint64        updated_at;   /* 0 when never annotated */
  GArray       *tag_ids;      /* gint64, ordered by tag id */
  int           sentiment;    /* the analyst's: -1, 0, +1; G_MININT when none */
};

/* A row an import left out, and why (the first 1000 of an import are recorded). */
typedef struct
{
  guint  line;                /* 1-based line in the source */
  guint  column;              /* 1-based character column in that line */
  char  *reason;              /* translated when the import ran */
} LikertSkippedRow;

/* One import of a file into the project, as the import table records it. */
typedef struct
{
  gint64      id;
  gint64      dataset_id;
  char       *source_name;    /* the file's name, without its folder */
  char       *sha256;
  guint64     size;           /* bytes; 0 for imports recorded before schema 2 */
  char       *encoding;
  char       *dialect;        /* JSON, as recorded: {"delimiter":","} */
  char       *delimiter;      /* nullable: the dialect's delimiter: ",", ";", "\t", "|" */
  char       *shape;          /* likert_shape_kind_to_string () */
  guint       header_rows;
  gint64      imported_at;    /* UTC seconds */
  char       *author;         /* nullable */
  guint64     n_records;      /* data records read */
  guint64     n_new;          /* responses added */
  guint64     n_duplicates;   /* already in the project */
  guint64     n_skipped;      /* rows with problems left out */
  char       *skipped;        /* nullable JSON: [{"line":3,"column":1,"reason":"…"}, …] */
  GPtrArray  *skipped_rows;   /* LikertSkippedRow *: skipped, read; never NULL */
} LikertImportRecord;

GQuark          likert_store_error_quark       (void);

LikertStore    *likert_store_open              (const char            *path,
                                                LikertStoreOpenFlags   flags,
                                                GError               **error);
const char     *likert_store_get_path          (LikertStore           *self);
LikertStore    *likert_store_open_sibling      (LikertStore           *self,
                                                GError               **error);
/* TRUE when opening ran quick_check, FALSE when the file was known unchanged since it last
 * passed one (or was new). */
gboolean        likert_store_was_checked       (LikertStore           *self);

gint64          likert_store_count_responses   (LikertStore           *self,
                                                GError               **error);
gint64          likert_store_count_datasets    (LikertStore           *self,
                                                GError               **error);
GPtrArray      *likert_store_list_fields       (LikertStore           *self,
                                                GError               **error);
LikertResponse *likert_store_get_response      (LikertStore           *self,
                                                gint64                 response_id,
                                                GError               **error);

gboolean        likert_store_set_note          (LikertStore           *self,
                                                gint64                 response_id,
                                                const char            *note,
                                                const char            *author,
                                                GError               **error);
gboolean        likert_store_set_status        (LikertStore           *self,
                                                gint64                 response_id,
                                                LikertStatus           status,
                                                const char            *author,
                                                GError               **error);

/* The manual sentiment: -1, 0, +1, or G_MININT for none. */
gboolean        likert_store_set_sentiment     (LikertStore           *self,
                                                gint64                 response_id,
                                                int                    sentiment,
                                                const char            *author,
                                                GError               **error);
/* Many responses at once: one transaction, one batch of history (one undo step); only the
 * responses that change are recorded and counted in n_changed. */
gboolean        likert_store_bulk_tag          (LikertStore           *self,
                                                const gint64          *response_ids,
                                                guint                  n_responses,
                                                gint64                 tag_id,
                                                gboolean               add,
                                                const char            *author,
                                                guint                 *n_changed,
                                                GError               **error);
gboolean        likert_store_bulk_status       (LikertStore           *self,
                                                const gint64          *response_ids,
                                                guint                  n_responses,
                                                LikertStatus           status,
                                                const char            *author,
                                                guint                 *n_changed,
                                                GError               **error);

/* Every tag, ordered by id (the codebook's functions are in likert-codebook.h). */
GPtrArray      *likert_store_list_tags         (LikertStore           *self,
                                                GError               **error);
gint64          likert_store_find_tag          (LikertStore           *self,
                                                const char            *name);
gint64          likert_store_ensure_tag        (LikertStore           *self,
                                                const char            *name,
                                                GError               **error);
gboolean        likert_store_set_tag           (LikertStore           *self,
                                                gint64                 response_id,
                                                gint64                 tag_id,
                                                gboolean               active,
                                                const char            *author,
                                                GError               **error);
gint64          likert_store_count_history     (LikertStore           *self,
                                                gint64                 response_id,
                                                GError               **error);
/* Every import of the project, oldest first (LikertImportRecord *). A small table: fine on
 * the main thread. */
GPtrArray      *likert_store_list_imports      (LikertStore           *self,
                                                GError               **error);

/* Saved views: a name and a filter's JSON (likert-filter.h). */
gboolean        likert_store_save_view         (LikertStore           *self,
                                                const char            *name,
                                                const char            *definition,
                                                GError               **error);
/* The definition of a view, or NULL (error set) when there is none of that name. */
char           *likert_store_get_view          (LikertStore           *self,
                                                const char            *name,
                                                GError               **error);
GStrv           likert_store_list_views        (LikertStore           *self,
                                                GError               **error);
gboolean        likert_store_delete_view       (LikertStore           *self,
                                                const char            *name,
                                                GError               **error);

void            likert_field_free              (LikertField           *field);
void            likert_tag_free                (LikertTag             *tag);
void            likert_response_free           (LikertResponse        *response);
void            likert_import_record_free      (LikertImportRecord    *record);

/* The analyst name to record when none is configured: the user's real name, else login name. */
const char     *likert_default_author          (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertField, likert_field_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertTag, likert_tag_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertResponse, likert_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertImportRecord, likert_import_record_free)

G_END_DECLS
