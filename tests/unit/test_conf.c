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

static int parse(char *err, int argc, ...)
{
	char *argv[16] = { (char *)"test" };
	va_list ap;
	int next;

	va_start(ap, argc);
	for (int i = 1; i < argc; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	err[0] = '\0';
	return conf_parse_args(&spec, argc, argv, &next, err, 256);
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
	ok(rc == LC_EINVAL, "trailing garbage in a number refused");
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
	(void)unlink(write_file("good.ini", ""));
	for (int i = 1; i <= 6; i++) {
		char n[16];

		snprintf(n, sizeof(n), "bad%d.ini", i);
		unlink(write_file(n, ""));
	}
	rmdir(tmpdir);
	return done();
}
