/* libFuzzer harness: INI configuration loading through common/conf. The
 * input is written to a memfd and loaded like a --config file. */
#include "common/conf.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *s_opt;
static int i_opt, e_opt;
static bool b_opt;
static struct conf_list l_opt;
static const char *const choices[] = { "a", "bb", NULL };
static const struct conf_opt opts[] = {
	{ "name", CONF_STR, &s_opt, "x", 0, 0, NULL, NULL, "a string" },
	{ "count", CONF_INT, &i_opt, "1", -5, 500, NULL, NULL, "an int" },
	{ "flag", CONF_BOOL, &b_opt, "no", 0, 0, NULL, NULL, "a bool" },
	{ "pick", CONF_ENUM, &e_opt, "a", 0, 0, choices, NULL, "an enum" },
	{ "item", CONF_LIST, &l_opt, NULL, 0, 8, NULL, NULL, "a list" },
};
static const struct conf_spec spec = {
	.prog = "fuzz",
	.section = "fuzz",
	.usage = "",
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], err[256];
	int fd = memfd_create("conf", 0);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		conf_set_defaults(&spec);
		(void)conf_load_file(&spec, path, err, sizeof(err));
		conf_free(&spec);
	}
	close(fd);
	return 0;
}
