# The two set-up commands: `make demo` and `make test` (see README.md).
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
# The sanitized tree of make test, make asan and make sanitize.
ASAN_CONFIGURE = cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSEAWARDEN_SANITIZE=ON \
  -DSEAWARDEN_TESTS=ON -DSEAWARDEN_BENCH=ON $(CMAKE_FLAGS) >/dev/null

.PHONY: deps build release demo test asan sanitize fuzz bench clean

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

release: deps
	cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSEAWARDEN_TESTS=OFF -DSEAWARDEN_BENCH=OFF >/dev/null
	cmake --build build-release -j $(JOBS) --target seawarden

demo: release
	bash scripts/demo.sh build-release/seawarden

# Every test, built once with AddressSanitizer and UndefinedBehaviorSanitizer (the library at
# -O1), then every real capture under ../shared/data/ais decoded by that build.
test: asan
	cd $(ASAN_BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS) --timeout 900
	bash scripts/sanitize-corpus.sh $(ASAN_BUILD)/seawarden

asan: deps
	$(ASAN_CONFIGURE)
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# The real captures alone, decoded by the sanitized program.
sanitize: deps
	$(ASAN_CONFIGURE)
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target seawarden
	bash scripts/sanitize-corpus.sh $(ASAN_BUILD)/seawarden

fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEAWARDEN_FUZZ=ON -DSEAWARDEN_TESTS=OFF -DSEAWARDEN_BENCH=OFF >/dev/null
	cmake --build build-fuzz -j $(JOBS)

bench: build
	bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-release build-fuzz
