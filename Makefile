# RecDistill: two commands set up a fresh Debian 12 machine.
#   make run   installs missing packages, builds, launches the application
#   make test  installs missing packages, builds, runs the whole test suite
BUILD ?= build
JOBS ?= $(shell nproc)
BUILD_TYPE ?= Release

.PHONY: all deps configure build run test cli bench clean test-headless test-sanitizers fuzz format check-format

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
# looking for Qt (CI runs this after `make test`). Checks: CMake never searched for Qt6, and neither the
# CLI nor anything RecDistill builds links a Qt library (NEEDED entries). `ldd` still lists Qt5: Debian's
# libtorch1.13 links OpenCV, whose highgui links Qt5 — a dependency of the LibTorch package, not ours.
HEADLESS ?= build-headless
test-headless: deps
	@cmake -S . -B $(HEADLESS) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DRECDISTILL_GUI=OFF >/dev/null
	@cmake --build $(HEADLESS) -j $(JOBS)
	@if grep -q '^Qt6' $(HEADLESS)/CMakeCache.txt; then echo "the Qt-free build looked for Qt6"; exit 1; fi
	@if readelf -d $(HEADLESS)/app/recdistill-cli | grep NEEDED | grep -i 'qt'; then echo "recdistill-cli links Qt"; exit 1; fi
	@cd $(HEADLESS) && ctest --output-on-failure -j $(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer (tests/sanitizers): core's plain-C++ part (catalogue,
# loaders, run store, config reading) with its tests and the fuzz targets' smoke runs. LibTorch is not
# instrumented, so what needs it is not in this build. CI runs it after the Qt-free build.
ASAN ?= build-asan
test-sanitizers: deps
	@cmake -S tests/sanitizers -B $(ASAN) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)
	@cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

# The long coverage-guided fuzzing run: libFuzzer targets (clang, with ASan + UBSan), FUZZ_RUNS
# executions each from the seeds they make themselves; findings in $(FUZZ)/fuzz-findings/.
FUZZ ?= build-fuzz
FUZZ_RUNS ?= 150000
fuzz:
	@bash scripts/install-deps.sh clang
	@cmake -S tests/sanitizers -B $(FUZZ) -DRD_LIBFUZZER=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build $(FUZZ) -j $(JOBS)
	@scripts/fuzz-long.sh $(FUZZ) $(FUZZ_RUNS)

# clang-format (version 14, the committed .clang-format) over the C++ sources.
format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i
check-format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

clean:
	@rm -rf $(BUILD) $(HEADLESS) $(ASAN) $(FUZZ)
