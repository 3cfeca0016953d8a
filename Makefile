# RecDistill: two commands set up a fresh Debian 12 machine.
#   make run   installs missing packages, builds, launches the application
#   make test  installs missing packages, builds, runs the whole test suite
BUILD ?= build
JOBS ?= $(shell nproc)
BUILD_TYPE ?= Release

.PHONY: all deps configure build run test cli bench clean test-headless format check-format

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@$(BUILD)/app/recdistill

test: build
	@cd $(BUILD) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

cli: build
	@$(BUILD)/app/recdistill-cli

bench: build
	@cmake --build $(BUILD) -j $(JOBS) --target benchmarks

# The Qt-free build (-DRECDISTILL_GUI=OFF): core, recdistill-cli and the headless tests, without
# looking for Qt; the CLI binary must link no Qt library (CI runs this after `make test`).
HEADLESS ?= build-headless
test-headless: deps
	@cmake -S . -B $(HEADLESS) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DRECDISTILL_GUI=OFF >/dev/null
	@cmake --build $(HEADLESS) -j $(JOBS)
	@if ldd $(HEADLESS)/app/recdistill-cli | grep -i 'libQt'; then echo "recdistill-cli links Qt"; exit 1; fi
	@cd $(HEADLESS) && ctest --output-on-failure -j $(JOBS)

# clang-format (version 14, the committed .clang-format) over the C++ sources.
format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i
check-format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

clean:
	@rm -rf $(BUILD) $(HEADLESS)
