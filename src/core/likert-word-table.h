/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A map from byte strings (given with their length: no NUL needed, none counted) to 64-bit
 * values, for the importer's per-cell lookups: a categorical value's code, a word's count.
 * Against a GHashTable of strings it hashes eight bytes at a time, compares lengths before
 * bytes, copies each key once into one pool, and needs no strlen () of the cell. */
typedef struct _LikertWordTable LikertWordTable;

LikertWordTable *likert_word_table_new    (void);
void             likert_word_table_free   (LikertWordTable *self);
guint            likert_word_table_size   (LikertWordTable *self);

/* The value of word[0..length), or NULL when the table has no such word. The pointer is
 * valid until the next insert. */
guint64         *likert_word_table_lookup (LikertWordTable *self,
                                           const char      *word,
                                           gsize            length);

/* Adds word[0..length) with value, or sets the value of the word already there; returns
 * where the value is (valid until the next insert). */
guint64         *likert_word_table_insert (LikertWordTable *self,
                                           const char      *word,
                                           gsize            length,
                                           guint64          value);

/* The word at index in the order the words were first inserted (0 … size - 1), its length
 * and its value. The table keeps it NUL-terminated. */
const char      *likert_word_table_word   (LikertWordTable *self,
                                           guint            index,
                                           gsize           *length,
                                           guint64         *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertWordTable, likert_word_table_free)

G_END_DECLS
