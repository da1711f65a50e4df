/* Program configuration: one table of options per program, read from an
 * INI file (--config FILE, through inih) and then from the command line,
 * which overrides the file.
 *
 * Every option is both "--name VALUE" (or "--name=VALUE") and "name =
 * VALUE" in the file, in no section or in the program's own section. An
 * unknown key, an unknown section or a bad value is an error that names
 * the file and line ("FILE:LINE: name: ..."), or the option as typed on
 * the command line ("--name: ..."). Booleans take no value on the
 * command line ("--tls", "--no-tls") and yes/no/true/false/on/off/1/0 in
 * the file.
 *
 * A spec marked args_only reads the command line alone (no --config, no
 * --version): the options of a program's sub-command.
 */
#ifndef LUCARNE_CONF_H
#define LUCARNE_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum conf_type {
	CONF_STR, /* dst: char ** (owned, freed by conf_free) */
	CONF_INT, /* dst: int *, checked against [min, max] */
	CONF_BOOL, /* dst: bool * */
	CONF_ENUM, /* dst: int *, index into choices */
	CONF_LIST, /* dst: struct conf_list *; each occurrence appends one
		    * value (owned, freed by conf_free), at most max of them */
};

/* The values of a CONF_LIST option, in the order given. */
struct conf_list {
	char **v;
	size_t n;
};

struct conf_opt {
	const char *name;
	enum conf_type type;
	void *dst;
	const char *def; /* default, written as in a file; NULL: none */
	long min, max; /* CONF_INT range; CONF_LIST: max values (>= 1) */
	const char *const *choices; /* CONF_ENUM, NULL-terminated */
	const char *arg; /* metavariable for --help ("URL") */
	const char *help; /* one sentence */
};

struct conf_spec {
	const char *prog; /* program name for messages */
	const char *section; /* accepted INI section, e.g. "capture" */
	const char *usage; /* text after "Usage: PROG " */
	const char *about; /* paragraph printed by --help */
	const char *epilog; /* printed after the options (commands) */
	const struct conf_opt *opts;
	size_t n_opts;
	bool args_only; /* command line only: no --config, no --version */
};

/* Version of every Lucarne program (--version). */
#define LUCARNE_VERSION "0.1.0"

#define CONF_HELP 1
#define CONF_VERSION 2

/* Set every option to its default. Called by conf_parse_args. */
void conf_set_defaults(const struct conf_spec *spec);

/* Load @path into the options. Returns 0 or LC_EINVAL/LC_EIO with a
 * message "FILE:LINE: ..." in @err. */
int conf_load_file(const struct conf_spec *spec, const char *path, char *err,
		   size_t errlen);

/* Set defaults, load --config FILE if given, then apply the command line.
 * Parsing stops at the first argument that is not an option (or after
 * "--"); its index goes to *next. Returns 0, CONF_HELP, CONF_VERSION or
 * LC_EINVAL/LC_EIO with a message in @err. */
int conf_parse_args(const struct conf_spec *spec, int argc, char **argv,
		    int *next, char *err, size_t errlen);

/* Set one option by name from text, as the file does (a CONF_LIST option
 * gets one more value). */
int conf_set(const struct conf_spec *spec, const char *name, const char *value,
	     char *err, size_t errlen);

/* The start of every program's main(): conf_parse_args, then --help or
 * --version on stdout, or the error on stderr as "PROG: message". With
 * @next NULL a word after the options is a usage error; otherwise its
 * index goes to *@next (subcommands). Returns -1 when the program should
 * go on, else the exit status for main(): 0 after --help or --version, 2
 * after a usage error (the option strings are then already freed). */
int conf_parse_main(const struct conf_spec *spec, int argc, char **argv,
		    int *next);

/* Read the first line of @path (a token or password file) into @buf
 * without surrounding blanks or the line end. Returns 0, or LC_EIO or
 * LC_EINVAL (empty, or longer than @size) with a sentence in @err. */
int conf_read_line_file(const char *path, char *buf, size_t size, char *err,
			size_t errlen);

/* Print usage and every option with its default. */
void conf_print_help(const struct conf_spec *spec, FILE *out);

/* Free the strings held by CONF_STR and CONF_LIST options; safe to call
 * twice. */
void conf_free(const struct conf_spec *spec);

#endif
