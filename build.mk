# The secretariat build (docs/build.md): `make` turns the series in $(DRAFTS) into everything under $(OUT):
# drafts parsed to JSON, redlines (.docx, .html), the provenance graph, the annotated final draft, index.html.
#
# The rules come from the same plan as `compactdraft build` (compactdraft/build/plan.py, rules.py): the tool prints them
# from the series manifest into $(OUT)/.rules.mk, which make regenerates (and then restarts) whenever the
# manifest, the installed tool or DRAFTS/NOTES change. Each recipe builds one file from its declared
# inputs and writes it atomically, so `make -j2` is safe and touching one draft rebuilds only what reads it.
DRAFTS ?= drafts
OUT ?= build
NOTES ?= comments
COMPACTDRAFT ?= $(BIN)/compactdraft
# the installed tool: a new install remakes the rules and so every output (tests set it empty)
BUILD_STAMP ?= $(STAMP)
BUILD_RULES := $(OUT)/.rules.mk
# goals that never need the build rules (so `make clean` or `make test` does not parse the drafts' plan)
BUILD_FREE_GOALS := clean distclean help test test-fast lint bench venv system-deps

.PHONY: all build FORCE

all: build

ifneq ($(if $(MAKECMDGOALS),$(filter-out $(BUILD_FREE_GOALS),$(MAKECMDGOALS)),all),)
-include $(BUILD_RULES)
endif

build: $(BUILD_RULES) $(BUILD_OUTPUTS)

# rules made for another series folder or notes style must be made again
$(BUILD_RULES): $(DRAFTS)/series.toml $(BUILD_STAMP) $(if $(filter-out $(DRAFTS)|$(OUT)|$(NOTES),$(BUILD_RULES_FOR)),FORCE)
	@mkdir -p $(OUT)
	@tmp=$$(mktemp $@.XXXXXX.tmp) && $(COMPACTDRAFT) build $(DRAFTS) -o $(OUT) --notes $(NOTES) --print-makefile > $$tmp \
		&& mv $$tmp $@ || { rm -f $$tmp; exit 1; }

# every output also depends on the rules: a new tool or other notes style rebuilds everything
$(BUILD_OUTPUTS): $(BUILD_RULES)

FORCE:
