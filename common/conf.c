#include "common/conf.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <errno.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct conf_opt *find_opt(const struct conf_spec *spec,
				       const char *name)
{
	for (size_t i = 0; i < spec->n_opts; i++)
		if (strcmp(spec->opts[i].name, name) == 0)
			return &spec->opts[i];
	return NULL;
}

static int parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return LC_EINVAL;
}

/* Add @v to list option @o, at most o->max values. */
static int list_add(const struct conf_opt *o, const char *dash, const char *v,
		    char *err, size_t errlen)
{
	struct conf_list *l = o->dst;

	if (l->n >= (size_t)o->max) {
		snprintf(err, errlen, "%s%s: given more than %ld time%s", dash,
			 o->name, o->max, o->max == 1 ? "" : "s");
		return LC_EINVAL;
	}
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(v);
	return 0;
}

static void list_clear(struct conf_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Set @o from text @v. A message names the option as "@dash@name": "--"
 * for the command line, "" for a file (whose name and line go before). */
static int set_value(const struct conf_opt *o, const char *dash, const char *v,
		     char *err, size_t errlen)
{
	char *end;
	long n;

	switch (o->type) {
	case CONF_STR: {
		char **dst = o->dst;

		free(*dst);
		*dst = xstrdup(v);
		return 0;
	}
	case CONF_LIST:
		return list_add(o, dash, v, err, errlen);
	case CONF_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < o->min || n > o->max) {
			snprintf(
				err, errlen,
				"%s%s: \"%s\" is not a whole number from %ld to %ld",
				dash, o->name, v, o->min, o->max);
			return LC_EINVAL;
		}
		*(int *)o->dst = (int)n;
		return 0;
	case CONF_BOOL:
		if (parse_bool(v, o->dst) < 0) {
			snprintf(err, errlen, "%s%s: \"%s\" is not yes or no",
				 dash, o->name, v);
			return LC_EINVAL;
		}
		return 0;
	case CONF_ENUM:
		for (int i = 0; o->choices[i]; i++) {
			if (strcmp(o->choices[i], v) == 0) {
				*(int *)o->dst = i;
				return 0;
			}
		}
		snprintf(err, errlen, "%s%s: \"%s\" is not one of", dash,
			 o->name, v);
		for (int i = 0; o->choices[i]; i++) {
			size_t len = strlen(err);

			snprintf(err + len, errlen - len, "%s %s", i ? "," : "",
				 o->choices[i]);
		}
		return LC_EINVAL;
	}
	return LC_EINVAL;
}

int conf_set(const struct conf_spec *spec, const char *name, const char *value,
	     char *err, size_t errlen)
{
	const struct conf_opt *o = find_opt(spec, name);

	if (!o) {
		snprintf(err, errlen, "unknown option \"%s\"", name);
		return LC_EINVAL;
	}
	return set_value(o, "", value, err, errlen);
}

void conf_set_defaults(const struct conf_spec *spec)
{
	char err[256];

	for (size_t i = 0; i < spec->n_opts; i++) {
		const struct conf_opt *o = &spec->opts[i];

		if (o->type == CONF_STR) {
			char **dst = o->dst;

			free(*dst);
			*dst = o->def ? xstrdup(o->def) : NULL;
		} else if (o->type == CONF_LIST) {
			list_clear(o->dst); /* a list has no default */
		} else if (o->def &&
			   set_value(o, "", o->def, err, sizeof(err))) {
			/* A bad default is a programming error. */
			fprintf(stderr, "%s: bad default: %s\n", spec->prog,
				err);
			abort();
		} else if (!o->def && o->type == CONF_BOOL) {
			*(bool *)o->dst = false;
		}
	}
}

struct ini_ctx {
	const struct conf_spec *spec;
	char msg[256];
	int failed;
};

static int conf_ini_line(void *user, const char *section, const char *name,
			 const char *value)
{
	struct ini_ctx *ctx = user;
	const struct conf_opt *o;

	if (ctx->failed)
		return 0;
	if (*section &&
	    (!ctx->spec->section || strcmp(section, ctx->spec->section) != 0)) {
		snprintf(ctx->msg, sizeof(ctx->msg), "unknown section [%s]",
			 section);
		goto fail;
	}
	o = find_opt(ctx->spec, name);
	if (!o || strcmp(name, "config") == 0) {
		snprintf(ctx->msg, sizeof(ctx->msg), "unknown key \"%s\"",
			 name);
		goto fail;
	}
	if (set_value(o, "", value, ctx->msg, sizeof(ctx->msg)) < 0)
		goto fail;
	return 1;
fail:
	ctx->failed = 1;
	return 0;
}

int conf_load_file(const struct conf_spec *spec, const char *path, char *err,
		   size_t errlen)
{
	struct ini_ctx ctx = { .spec = spec };
	int rc = ini_parse(path, conf_ini_line, &ctx);

	if (rc == -1) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 strerror(errno));
		return LC_EIO;
	}
	if (rc == -2) {
		snprintf(err, errlen, "%s: out of memory", path);
		return LC_EIO;
	}
	if (rc > 0) {
		/* inih reports syntax errors (no '=', bad section) itself. */
		snprintf(err, errlen, "%s:%d: %s", path, rc,
			 ctx.failed ? ctx.msg : "syntax error");
		return LC_EINVAL;
	}
	return 0;
}

/* Split "--name=value" / "--name value"; returns the option or NULL. */
static int apply_arg(const struct conf_spec *spec, int argc, char **argv,
		     int *i, char *err, size_t errlen)
{
	const char *arg = argv[*i] + 2;
	const char *eq = strchr(arg, '=');
	char name[64];
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct conf_opt *o;
	bool negate = false;

	if (len >= sizeof(name)) {
		snprintf(err, errlen, "unknown option \"%s\"", argv[*i]);
		return LC_EINVAL;
	}
	memcpy(name, arg, len);
	name[len] = '\0';
	o = find_opt(spec, name);
	if (!o && strncmp(name, "no-", 3) == 0) {
		o = find_opt(spec, name + 3);
		negate = o && o->type == CONF_BOOL && !eq;
		if (!negate)
			o = NULL;
	}
	if (!o) {
		snprintf(err, errlen, "unknown option \"--%s\" (see --help)",
			 name);
		return LC_EINVAL;
	}
	if (o->type == CONF_BOOL && !eq) {
		*(bool *)o->dst = !negate;
		return 0;
	}
	if (eq)
		return set_value(o, "--", eq + 1, err, errlen);
	if (*i + 1 >= argc) {
		snprintf(err, errlen, "option \"--%s\" needs a value", name);
		return LC_EINVAL;
	}
	(*i)++;
	return set_value(o, "--", argv[*i], err, errlen);
}

int conf_parse_args(const struct conf_spec *spec, int argc, char **argv,
		    int *next, char *err, size_t errlen)
{
	const char *config = NULL;
	int i, end = argc, rc;

	conf_set_defaults(spec);
	/* First pass: --help, --version and --config, so that the file is
	 * loaded before the command line overrides it. */
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] != '-') {
			end = i;
			break;
		}
		if (strcmp(a, "--help") == 0)
			return CONF_HELP;
		/* args_only: no file to load and no version of its own. */
		if (!spec->args_only && strcmp(a, "--version") == 0)
			return CONF_VERSION;
		if (!spec->args_only && strcmp(a, "--config") == 0) {
			if (i + 1 >= argc) {
				snprintf(err, errlen,
					 "option \"--config\" needs a file");
				return LC_EINVAL;
			}
			config = argv[++i];
		} else if (!spec->args_only &&
			   strncmp(a, "--config=", 9) == 0) {
			config = a + 9;
		} else if (!strchr(a, '=') && i + 1 < argc) {
			const struct conf_opt *o = find_opt(spec, a + 2);

			if (o && o->type != CONF_BOOL)
				i++; /* skip the value */
		}
	}
	if (config) {
		rc = conf_load_file(spec, config, err, errlen);
		if (rc < 0)
			return rc;
	}
	for (i = 1; i < end; i++) {
		if (!spec->args_only && strcmp(argv[i], "--config") == 0) {
			i++;
			continue;
		}
		if (!spec->args_only && strncmp(argv[i], "--config=", 9) == 0)
			continue;
		rc = apply_arg(spec, argc, argv, &i, err, errlen);
		if (rc < 0)
			return rc;
	}
	if (end < argc && strcmp(argv[end], "--") == 0)
		end++;
	if (next)
		*next = end;
	return 0;
}

void conf_print_help(const struct conf_spec *spec, FILE *out)
{
	fprintf(out, "Usage: %s %s\n", spec->prog, spec->usage);
	if (spec->about)
		fprintf(out, "\n%s\n", spec->about);
	if (spec->args_only) {
		fprintf(out, "\nOptions:\n");
	} else {
		fprintf(out,
			"\nOptions (also keys of the --config INI file%s%s%s):\n",
			spec->section ? ", in section [" : "",
			spec->section ? spec->section : "",
			spec->section ? "]" : "");
		fprintf(out,
			"  --config FILE\n      Read options from FILE; "
			"the command line overrides it.\n");
	}
	for (size_t i = 0; i < spec->n_opts; i++) {
		const struct conf_opt *o = &spec->opts[i];

		if (o->type == CONF_BOOL)
			fprintf(out, "  --[no-]%s\n", o->name);
		else
			fprintf(out, "  --%s %s\n", o->name,
				o->arg ? o->arg : "VALUE");
		fprintf(out, "      %s", o->help);
		if (o->type == CONF_ENUM) {
			fprintf(out, " One of:");
			for (int c = 0; o->choices[c]; c++)
				fprintf(out, "%s %s", c ? "," : "",
					o->choices[c]);
			fprintf(out, ".");
		}
		if (o->type == CONF_INT)
			fprintf(out, " Range %ld..%ld.", o->min, o->max);
		if (o->type == CONF_LIST && o->max > 1)
			fprintf(out, " Repeatable, at most %ld times.", o->max);
		if (o->def)
			fprintf(out, " Default: %s.", o->def);
		fprintf(out, "\n");
	}
	fprintf(out, "  --help\n      Show this help.\n");
	if (!spec->args_only)
		fprintf(out, "  --version\n      Show the version.\n");
	if (spec->epilog)
		fprintf(out, "\n%s\n", spec->epilog);
}

void conf_free(const struct conf_spec *spec)
{
	for (size_t i = 0; i < spec->n_opts; i++) {
		if (spec->opts[i].type == CONF_STR) {
			char **dst = spec->opts[i].dst;

			free(*dst);
			*dst = NULL;
		} else if (spec->opts[i].type == CONF_LIST) {
			list_clear(spec->opts[i].dst);
		}
	}
}

int conf_parse_main(const struct conf_spec *spec, int argc, char **argv,
		    int *next)
{
	char err[512];
	int idx = argc;
	int rc = conf_parse_args(spec, argc, argv, &idx, err, sizeof(err));

	if (rc == CONF_HELP) {
		conf_print_help(spec, stdout);
		goto done;
	}
	if (rc == CONF_VERSION) {
		printf("%s %s\n", spec->prog, LUCARNE_VERSION);
		goto done;
	}
	if (rc == 0 && !next && idx < argc) {
		snprintf(err, sizeof(err),
			 "unexpected argument \"%s\" (see --help)", argv[idx]);
		rc = LC_EINVAL;
	}
	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", spec->prog, err);
		conf_free(spec);
		return 2;
	}
	if (next)
		*next = idx;
	return -1;
done:
	conf_free(spec);
	return 0;
}

int conf_read_line_file(const char *path, char *buf, size_t size, char *err,
			size_t errlen)
{
	char line[1024], *s, *e;
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 strerror(errno));
		return LC_EIO;
	}
	s = fgets(line, sizeof(line), f);
	fclose(f);
	if (!s)
		s = line, line[0] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s &&
	       (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' ||
		e[-1] == '\t'))
		*--e = '\0';
	if (!*s) {
		snprintf(err, errlen, "%s: the file is empty", path);
		return LC_EINVAL;
	}
	if ((size_t)(e - s) >= size) {
		snprintf(err, errlen, "%s: the first line is too long", path);
		return LC_EINVAL;
	}
	memcpy(buf, s, (size_t)(e - s) + 1);
	return 0;
}
