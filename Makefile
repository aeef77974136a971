# Pyrometer: `make run` for the demo, `make test` for the test suite, `make bench` for the figures.
SHELL := /bin/bash
MVN ?= mvn -B -q

.PHONY: build cds run demo test bench clean browser

build:
	$(MVN) -DskipTests package
	$(MAKE) cds

# The helper's class-data archive (JVM start of render/diff); rebuilt after every package.
cds:
	scripts/build-cds.sh

run: build
	scripts/run-stack.sh

demo: build
	scripts/demo.sh

# Browser tests drive Debian's headless Chromium; install it when missing.
browser:
	scripts/ensure-chromium.sh

test: browser
	mvn -B package

bench: build
	bench/run.sh

clean:
	$(MVN) clean
	rm -rf bench/out
