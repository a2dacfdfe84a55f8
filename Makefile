# The two commands of the README, and the wrappers around them. Everything builds with CMake presets.
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 20
BIN := build/release/bin

.PHONY: run test test-windows windows-zip windows-installer test-asan test-tsan build deps bench fuzz golden clean format python-wheel

run: build
	$(BIN)/autocut serve

test: build
	ctest --preset release -j$(JOBS)
	@if command -v x86_64-w64-mingw32-g++-posix >/dev/null && command -v wine >/dev/null; then \
	  $(MAKE) --no-print-directory test-windows; \
	else echo "make test: MinGW-w64 or Wine is missing (scripts/install-deps): the Windows build was not tested"; fi

# autocut.exe and its notes as build/windows/autocut-windows-x64.zip, for Windows users.
windows-zip: deps
	scripts/mingw-headers build/mingw-headers
	cmake --preset windows >/dev/null
	cmake --build --preset windows -j$(JOBS) --target autocut
	scripts/windows-zip build/windows

# The same as a per-user installer, build/windows/autocut-setup-x64.exe (NSIS; docs/windows.md).
windows-installer: deps
	scripts/mingw-headers build/mingw-headers
	cmake --preset windows >/dev/null
	cmake --build --preset windows -j$(JOBS) --target autocut
	scripts/windows-installer build/windows

# The Windows build, cross-compiled with MinGW-w64, its tests under Wine (docs/windows.md).
test-windows: deps
	scripts/mingw-headers build/mingw-headers
	cmake --preset windows >/dev/null
	cmake --build --preset windows -j$(JOBS)
	scripts/wine-run --start
	ctest --preset windows -j$(JOBS); status=$$?; scripts/wine-run --stop; exit $$status

test-asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j$(JOBS)
	ctest --preset asan -j$(JOBS)

# The threaded parts (monitor, HTTP client and servers, process runners, parallel probes, analysis jobs) under
# ThreadSanitizer.
test-tsan: deps
	cmake --preset tsan >/dev/null
	cmake --build --preset tsan -j$(JOBS)
	ctest --preset tsan -j$(JOBS)

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j$(JOBS)

deps:
	@scripts/install-deps

bench: build
	$(BIN)/profile_startup_bench
	$(BIN)/monitor_bench
	$(BIN)/serve_startup_bench
	$(BIN)/keyframes_bench
	$(BIN)/hardware_decoding_bench
	$(BIN)/detection_accuracy_bench
	$(BIN)/soak_bench
	$(BIN)/documents_bench
	$(BIN)/model_fit_comparison
	PYTHONPATH=build/release/python /usr/bin/python3 bench/python_runtime_bench.py

# Each parser's libFuzzer target, seeded from tests/fuzz/corpus/<parser>, for FUZZ_SECONDS each.
fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j$(JOBS) --target fuzzers
	tests/fuzz/run-all build/fuzz/bin $(FUZZ_SECONDS)

# Rewrites the golden files of the end-to-end test from the current binary (review the diff before committing).
golden: build
	AUTOCUT_UPDATE_GOLDEN=1 ctest --preset release -R Golden

# The Python package as a wheel in build/wheel, from this build's extension and worker (see docs/python.md).
python-wheel: build
	AUTOCUT_BUILD_DIR=$(CURDIR)/build/release /usr/bin/python3 -m pip wheel --quiet --no-build-isolation --no-index \
	  --no-deps -w build/wheel ./python
	@ls build/wheel/*.whl

clean:
	rm -rf build

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')
