/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* SQLite's own unicode61 tokenizer, learnt character by character, so that the text index of a
 * large import is built with a table lookup per character where unicode61 searches its
 * Unicode tables (a third of its work on text outside ASCII).
 *
 * On db, after this call, the tokenizer named "unicode61" is the learnt one. Each instance
 * keeps one of SQLite's own, made with the same arguments, and asks it what a character is
 * the first time the text holds one of its block of 64 code points: whether it begins a
 * token, only continues one (a diacritic) or separates tokens, and what it folds to. It then
 * reads the text as unicode61 reads it, bytes that are no valid UTF-8 included, and gives the
 * same tokens with the same offsets; where it could not learn a character (a code point
 * beyond Unicode's), it hands the rest of the text to SQLite's own.
 *
 * For a connection that only writes an index whose definition names unicode61: an FTS5 table
 * reads its tokenizer when the connection first opens it, so call this before.
 * Returns an SQLite result code. */
int likert_fts_tokenizer_learn_unicode61 (sqlite3 *db);

G_END_DECLS
