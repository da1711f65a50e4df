/* What the store's files (store.c, store_*.c) share; nothing outside
 * store/store*.c includes this. */
#ifndef LUCARNE_STORE_PRIVATE_H
#define LUCARNE_STORE_PRIVATE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct store {
	sqlite3 *db;
};

int64_t store_now_s(void);
/* Run SQL without results; logs and returns LC_EDB on failure. */
int store_exec(struct store *st, const char *sql);
/* Prepare @sql; logs and returns LC_EDB on failure (a bug or a broken
 * database, never user input). */
int store_prep(struct store *st, const char *sql, sqlite3_stmt **stmt);
/* store_prep, then bind one parameter per letter of @types, in order:
 * 't' a const char * (NULL binds NULL; it must outlive the statement),
 * 'i' an int, 'I' an int64_t. Logs and returns LC_EDB on failure. */
int store_prepb(struct store *st, sqlite3_stmt **stmt, const char *sql,
		const char *types, ...);
/* Step a statement that returns no row and finalize it. A constraint
 * violation becomes LC_EEXIST. */
int store_step_done(struct store *st, sqlite3_stmt *stmt);
/* Copy text column @i (NULL as "") into @dst. */
void store_col_text(sqlite3_stmt *s, int i, char *dst, size_t size);
/* LC_ENOENT when a successful statement changed no row. */
int store_changes_or_enoent(struct store *st, int rc);
/* The first column of a one-row query with an optional text parameter. */
int store_count_query(struct store *st, const char *sql, const char *arg);

#endif
