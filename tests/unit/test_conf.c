/* Defaults, INI files, command-line overrides and every kind of error. */
#include "common/conf.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *relay;
static int fps;
static bool tls;
static int level;
static const char *const levels[] = { "error", "warn", "info", NULL };

static const struct conf_opt opts[] = {
	{ "relay", CONF_STR, &relay, "ws://127.0.0.1:8080", 0, 0, NULL, "URL",
	  "Relay address." },
	{ "fps", CONF_INT, &fps, "30", 1, 120, NULL, "N", "Frame rate." },
	{ "tls", CONF_BOOL, &tls, "no", 0, 0, NULL, NULL, "Use TLS." },
	{ "log-level", CONF_ENUM, &level, "info", 0, 0, levels, "LEVEL",
	  "Verbosity." },
};

static const struct conf_spec spec = {
	.prog = "test",
	.section = "capture",
	.usage = "[OPTIONS]",
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

/* A sub-command's options: command line only, with a repeatable one. */
static struct conf_list rooms;
static char *title;
static const struct conf_opt sub_opts[] = {
	{ "room", CONF_LIST, &rooms, NULL, 0, 3, NULL, "ROOM", "A room." },
	{ "title", CONF_STR, &title, NULL, 0, 0, NULL, "TEXT", "A title." },
};

static const struct conf_spec sub = {
	.prog = "test sub",
	.usage = "NAME [OPTIONS]",
	.opts = sub_opts,
	.n_opts = sizeof(sub_opts) / sizeof(sub_opts[0]),
	.args_only = true,
};

static char tmpdir[] = "/tmp/lucarne-conf-XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static int parse_spec(const struct conf_spec *sp, char *err, int argc,
		      va_list ap)
{
	char *argv[16] = { (char *)"test" };
	int next;

	for (int i = 1; i < argc; i++)
		argv[i] = va_arg(ap, char *);
	err[0] = '\0';
	return conf_parse_args(sp, argc, argv, &next, err, 256);
}

static int parse_sub(char *err, int argc, ...)
{
	va_list ap;
	int rc;

	va_start(ap, argc);
	rc = parse_spec(&sub, err, argc, ap);
	va_end(ap);
	return rc;
}

static char *help_text(const struct conf_spec *sp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	conf_print_help(sp, f);
	fclose(f);
	return buf;
}

/* CONF_LIST and args_only specs (sub-command options). */
static void test_sub(void)
{
	char err[256], *h;
	int rc;

	rc = parse_sub(err, 1);
	ok(rc == 0 && rooms.n == 0 && !title, "a list starts empty");
	rc = parse_sub(err, 6, "--room", "a", "--title", "T", "--room=b");
	ok(rc == 0 && rooms.n == 2 && strcmp(rooms.v[0], "a") == 0 &&
		   strcmp(rooms.v[1], "b") == 0 && strcmp(title, "T") == 0,
	   "each --room appends, in order");
	rc = parse_sub(err, 9, "--room", "a", "--room", "b", "--room", "c",
		       "--room", "d");
	ok(rc == LC_EINVAL &&
		   strcmp(err, "--room: given more than 3 times") == 0,
	   "a list holds at most max values: %s", err);
	rc = parse_sub(err, 3, "--room", "x");
	ok(rc == 0 && rooms.n == 1 && strcmp(rooms.v[0], "x") == 0,
	   "a new parse starts the list again");
	rc = parse_sub(err, 3, "--title", "--help");
	ok(rc == 0 && strcmp(title, "--help") == 0,
	   "an option's value is not taken for --help");
	rc = parse_sub(err, 2, "--help");
	is_int(rc, CONF_HELP, "args_only: --help reported");
	rc = parse_sub(err, 3, "--config", "/x");
	ok(rc == LC_EINVAL && strstr(err, "unknown option \"--config\""),
	   "args_only: no --config: %s", err);
	rc = parse_sub(err, 2, "--version");
	ok(rc == LC_EINVAL && strstr(err, "unknown option \"--version\""),
	   "args_only: no --version: %s", err);
	ok(conf_set(&sub, "room", "y", err, sizeof(err)) == 0 &&
		   conf_set(&sub, "room", "z", err, sizeof(err)) == 0 &&
		   rooms.n == 2 && strcmp(rooms.v[1], "z") == 0,
	   "conf_set (a file's line) appends to a list too");
	h = help_text(&sub);
	ok(strstr(h, "Usage: test sub NAME [OPTIONS]") &&
		   strstr(h, "\nOptions:\n  --room ROOM\n") &&
		   strstr(h, "Repeatable, at most 3 times.") &&
		   !strstr(h, "--config") && !strstr(h, "--version") &&
		   strstr(h, "--help"),
	   "args_only help: its options, no --config or --version");
	free(h);
	conf_free(&sub);
	conf_free(&sub);
	ok(rooms.n == 0 && !rooms.v && !title,
	   "conf_free empties lists, twice");
}

static int parse(char *err, int argc, ...)
{
	va_list ap;
	int rc;

	va_start(ap, argc);
	rc = parse_spec(&spec, err, argc, ap);
	va_end(ap);
	return rc;
}

int main(void)
{
	char err[256];
	const char *good, *bad;
	int rc;

	if (!mkdtemp(tmpdir))
		return 1;
	rc = parse(err, 1);
	ok(rc == 0 && strcmp(relay, "ws://127.0.0.1:8080") == 0 && fps == 30 &&
		   !tls && level == 2,
	   "defaults apply with no arguments");

	rc = parse(err, 5, "--fps", "25", "--tls", "--log-level=warn");
	ok(rc == 0 && fps == 25 && tls && level == 1,
	   "command line sets int, bool and enum");

	good = write_file("good.ini",
			  "; comment\nfps = 12\n[capture]\n"
			  "relay = ws://10.0.0.1:1\ntls = yes\n");
	rc = parse(err, 3, "--config", good);
	ok(rc == 0 && fps == 12 && tls && strcmp(relay, "ws://10.0.0.1:1") == 0,
	   "INI file read, in no section and in the program's section");
	rc = parse(err, 5, "--fps", "7", "--config", good);
	ok(rc == 0 && fps == 7,
	   "command line overrides the file, "
	   "wherever --config stands");
	rc = parse(err, 4, "--config", good, "--no-tls");
	ok(rc == 0 && !tls, "--no-NAME clears a boolean");

	bad = write_file("bad1.ini", "fps = 10\n\ncolour = red\n");
	rc = parse(err, 2, "--config=/x");
	ok(rc == LC_EIO && strstr(err, "/x: cannot open"),
	   "missing file named: %s", err);
	rc = parse(err, 3, "--config", bad);
	ok(rc == LC_EINVAL && strstr(err, "bad1.ini:3: unknown key \"colour\""),
	   "unknown key names file and line: %s", err);
	bad = write_file("bad2.ini", "fps = 500\n");
	rc = parse(err, 3, "--config", bad);
	ok(rc == LC_EINVAL && strstr(err, "bad2.ini:1: fps: \"500\"") &&
		   strstr(err, "1 to 120"),
	   "out-of-range value names file, line and range: %s", err);
	bad = write_file("bad3.ini", "[relay]\nfps = 5\n");
	rc = parse(err, 3, "--config", bad);
	ok(rc == LC_EINVAL &&
		   strstr(err, "bad3.ini:2: unknown section [relay]"),
	   "foreign section refused: %s", err);
	bad = write_file("bad4.ini", "fps 5\n");
	rc = parse(err, 3, "--config", bad);
	ok(rc == LC_EINVAL && strstr(err, "bad4.ini:1: syntax error"),
	   "line without = is a syntax error: %s", err);
	bad = write_file("bad5.ini", "tls = maybe\nlog-level = loud\n");
	rc = parse(err, 3, "--config", bad);
	ok(rc == LC_EINVAL &&
		   strstr(err, "bad5.ini:1: tls: \"maybe\" is not yes or no"),
	   "bad boolean: %s", err);
	bad = write_file("bad6.ini", "log-level = loud\n");
	rc = parse(err, 3, "--config", bad);
	ok(rc == LC_EINVAL && strstr(err, "is not one of error, warn, info"),
	   "bad enum lists the choices: %s", err);

	rc = parse(err, 2, "--frobnicate");
	ok(rc == LC_EINVAL && strstr(err, "--frobnicate"),
	   "unknown option refused: %s", err);
	rc = parse(err, 2, "--fps");
	ok(rc == LC_EINVAL && strstr(err, "needs a value"),
	   "missing value refused: %s", err);
	rc = parse(err, 3, "--fps", "12x");
	ok(rc == LC_EINVAL &&
		   strcmp(err,
			  "--fps: \"12x\" is not a whole number from 1 "
			  "to 120") == 0,
	   "trailing garbage in a number refused, the option named as "
	   "typed: %s",
	   err);
	rc = parse(err, 2, "--log-level=loud");
	ok(rc == LC_EINVAL && strstr(err, "--log-level: \"loud\" is not one"),
	   "bad enum on the command line: %s", err);
	rc = parse(err, 2, "--no-fps");
	ok(rc == LC_EINVAL, "--no- only for booleans");
	rc = parse(err, 2, "--help");
	is_int(rc, CONF_HELP, "--help reported");
	rc = parse(err, 2, "--version");
	is_int(rc, CONF_VERSION, "--version reported");

	{
		char *argv[] = { (char *)"test", (char *)"--fps", (char *)"9",
				 (char *)"room", (char *)"add",	  NULL };
		int next = 0;

		rc = conf_parse_args(&spec, 5, argv, &next, err, sizeof(err));
		ok(rc == 0 && next == 3 && fps == 9,
		   "parsing stops at the first word (subcommands)");
	}
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		conf_print_help(&spec, f);
		fclose(f);
		ok(strstr(buf, "--relay URL") && strstr(buf, "--[no-]tls") &&
			   strstr(buf, "Default: 30") &&
			   strstr(buf, "One of: error, warn, info"),
		   "help lists options, defaults and choices");
		free(buf);
	}
	{
		char *a1[] = { (char *)"test", (char *)"--fps", (char *)"3",
			       NULL };
		char *a2[] = { (char *)"test", (char *)"stray", NULL };
		char *a3[] = { (char *)"test", (char *)"--version", NULL };
		char *a4[] = { (char *)"test", (char *)"room", NULL };
		int next = 0;

		is_int(conf_parse_main(&spec, 3, a1, NULL), -1,
		       "parse_main: good options go on");
		is_int(conf_parse_main(&spec, 2, a2, NULL), 2,
		       "parse_main: a stray word is a usage error (2)");
		is_int(conf_parse_main(&spec, 2, a3, NULL), 0,
		       "parse_main: --version ends with 0");
		ok(conf_parse_main(&spec, 2, a4, &next) == -1 && next == 1,
		   "parse_main: words allowed when asked for");
	}
	{
		char line[16];
		const char *tok = write_file("tok", "  lcd_abc \r\nsecond\n");

		ok(conf_read_line_file(tok, line, sizeof(line), err,
				       sizeof(err)) == 0 &&
			   strcmp(line, "lcd_abc") == 0,
		   "read_line_file: first line, trimmed");
		tok = write_file("tok", "\n");
		is_int(conf_read_line_file(tok, line, sizeof(line), err,
					   sizeof(err)),
		       LC_EINVAL, "read_line_file: empty file refused");
		tok = write_file("tok", "0123456789abcdefXYZ\n");
		is_int(conf_read_line_file(tok, line, sizeof(line), err,
					   sizeof(err)),
		       LC_EINVAL, "read_line_file: too long refused");
		is_int(conf_read_line_file("/nonexistent/x", line, sizeof(line),
					   err, sizeof(err)),
		       LC_EIO, "read_line_file: missing file");
		unlink(tok);
	}
	conf_free(&spec);
	conf_free(&spec);
	ok(relay == NULL, "conf_free clears strings and is idempotent");
	test_sub();
	(void)unlink(write_file("good.ini", ""));
	for (int i = 1; i <= 6; i++) {
		char n[16];

		snprintf(n, sizeof(n), "bad%d.ini", i);
		unlink(write_file(n, ""));
	}
	rmdir(tmpdir);
	return done();
}
