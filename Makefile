# chronicle - GNU Make build.
#
#   make            build/chronicle (the tool) and build/libchronicle.a
#   make test       set up missing packages, then every test tier (see README)
#   make demo       set up, build, run the sample corpus
#   make fuzz       long libFuzzer runs (FUZZ_SECONDS each, default 300)
#   make bench      benchmarks (bench/README.md)
#   make regen      refresh golden files, showing each diff and asking first
#   make gazetteer  regenerate the derived lists in data/gazetteer/ (needs npm)
#   make model      retrain the entity tagger (data/model/ner.txt) from GUM_NER
#
# Variants build into their own folder: BUILD=build/asan SANITIZE=1.

CC ?= cc
BUILD ?= build
PKGS := gumbo libxxhash zlib libzstd jansson libutf8proc sqlite3
OPT ?= -O2 -g
SANITIZE ?=
SAN_FLAGS_ON := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_FLAGS := $(if $(SANITIZE),$(SAN_FLAGS_ON))

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS_ALL := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) \
	-fvisibility=hidden -Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(SAN_FLAGS) $(CFLAGS)
LDFLAGS_ALL := $(SAN_FLAGS) $(LDFLAGS)
LIBS := $(PKG_LIBS) -lm -lpthread

LIB_SRC := $(sort $(shell find src -name '*.c'))
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/gen/data.o
CLI_SRC := $(sort $(wildcard cli/*.c))
CLI_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC))
DATA_FILES := $(sort $(shell find data -type f -name '*.txt' 2>/dev/null))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))

.PHONY: all lib unit-tests test test-quick check-unit cli-tests corpus-tests clang-build golden seeds bad-input asan fuzz fuzz-smoke \
	demo bench regen clean setup gazetteer model
.DELETE_ON_ERROR:

all: $(BUILD)/chronicle

lib: $(BUILD)/libchronicle.a

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/data.c: $(BUILD)/tools/embed $(DATA_FILES)
	@mkdir -p $(dir $@)
	@echo "  EMBED   data/ -> $@"
	@$(BUILD)/tools/embed $@ data $(DATA_FILES)

$(BUILD)/obj/gen/data.o: $(BUILD)/gen/data.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/libchronicle.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/chronicle: $(CLI_OBJ) $(BUILD)/libchronicle.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libchronicle.a $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libchronicle.a
	@mkdir -p $(dir $@)
	@echo "  CCLD    $@"
	@$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libchronicle.a $(LIBS) $$(pkg-config --libs cmocka)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libchronicle.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libchronicle.a $(LIBS)

unit-tests: $(UNIT_BIN)

# ---- the entity tagger's model --------------------------------------------
# Trained on GUM's train documents only; prints the score on its dev ones.
CHRONICLE_SHARED ?= ../shared
GUM_NER ?= $(CHRONICLE_SHARED)/data/gum-ner/dep

$(BUILD)/tools/train_ner: tools/train_ner.c $(BUILD)/libchronicle.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libchronicle.a $(LIBS)

model: $(BUILD)/tools/train_ner
	@mkdir -p data/model
	$(BUILD)/tools/train_ner --out data/model/ner.txt $(GUM_NER)

# ---- tests --------------------------------------------------------------
# make test: the quick tier plus ASan/UBSan and a fuzz smoke run.

setup:
	@scripts/setup --check >/dev/null 2>&1 || scripts/setup

check-unit: unit-tests
	@fail=0; for t in $(UNIT_BIN); do \
		echo "== $$t"; $$t || fail=1; \
	done; test $$fail = 0

golden: all
	@tests/golden/run.sh $(BUILD)/chronicle

bad-input: all
	@tests/bad/run.sh $(BUILD)/chronicle

seeds: all
	@tests/seeds.sh $(BUILD)/chronicle

cli-tests: all
	@tests/cli/run.sh $(BUILD)/chronicle

corpus-tests: all
	@tests/corpus/run.sh $(BUILD)/chronicle

test-quick: all check-unit cli-tests golden bad-input corpus-tests seeds

asan:
	$(MAKE) BUILD=build/asan SANITIZE=1 OPT="-O1 -g" test-quick

fuzz-smoke:
	@tests/fuzz_smoke.sh $(or $(FUZZ_SECONDS),10)

# The library and tool must also build warning-free with clang.
clang-build:
	$(MAKE) CC=clang BUILD=build/clang all

test: setup
	$(MAKE) test-quick
	$(MAKE) clang-build
	$(MAKE) asan
	$(MAKE) fuzz-smoke
	@tests/summary.sh

fuzz:
	@tests/fuzz_smoke.sh $(or $(FUZZ_SECONDS),300)

# ---- demo, bench, golden refresh ------------------------------------------

demo: setup all
	@scripts/demo $(BUILD)/chronicle

bench: all $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))
	@bench/run.sh $(BUILD)

regen: all
	@tests/golden/run.sh --regen $(BUILD)/chronicle

# The generated files are committed: builds and CI never need npm.
gazetteer:
	npm ci --prefix tools/gazetteer-src --no-audit --no-fund
	python3 tools/build_gazetteer.py

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
