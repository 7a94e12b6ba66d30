# Thin wrapper over CMake. `make run` and `make test` install what is missing,
# configure, build, then run the default model / every test.
BUILD    ?= build
JOBS     ?= $(shell nproc)
MODEL    ?= models/bolt.cpp
OUT      ?= out
CMAKE_FLAGS ?=

DEB_PACKAGES = cmake g++ make pkg-config ccache \
  libocct-foundation-dev libocct-modeling-data-dev libocct-modeling-algorithms-dev \
  libocct-ocaf-dev libocct-data-exchange-dev libocct-visualization-dev libtbb-dev \
  qt6-base-dev libqt6opengl6-dev libgl-dev libssl-dev catch2 libcli11-dev nlohmann-json3-dev \
  libfmt-dev binutils xvfb xauth libgl1-mesa-dri libglx-mesa0 fonts-dejavu-core \
  libfontconfig-dev ca-certificates libhiredis-dev redis-server libcurl4-openssl-dev nginx
# libhiredis-dev: the Redis remote cache; redis-server: its tests start one.
# libcurl4-openssl-dev: the HTTP remote cache; nginx (WebDAV PUT): its tests start one.
# libfontconfig-dev: OCCT's CMake package links fontconfig but Debian's
# libocct-visualization-dev does not depend on it. ca-certificates: npm's
# HTTPS. node and npm: the glTF test's validator is an npm package; a machine
# that has them from elsewhere (NodeSource, nvm) keeps them, as Debian's npm
# would conflict with NodeSource's nodejs.
DEB_TOOLS = node:nodejs npm:npm

.PHONY: deps configure build run test bench install clean

# Installs only when something is missing, so repeated runs cost nothing.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done; \
	  for t in $(DEB_TOOLS); do command -v $${t%%:*} >/dev/null || echo $${t#*:}; done); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The target is the generated build system, not CMakeCache.txt: a configure
# that failed (a package missing) leaves the cache but no Makefile, so the next
# `make run` configures again. The half-written cache goes too, so nothing it
# remembered from the failed attempt survives.
$(BUILD)/Makefile:
	@rm -f $(BUILD)/CMakeCache.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) || \
	  { rm -f $(BUILD)/CMakeCache.txt; exit 1; }

configure: deps $(BUILD)/Makefile

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@bash scripting/make_run.sh $(BUILD) $(MODEL) $(OUT)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash tests/bench/run.sh $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD)
