# serreport: two commands do everything on a fresh Debian 12 machine with Swift.
#   make report   install missing Debian packages, build (release), build the report on Samples/
#   make test     install what the tests need, run the test suite
SWIFT ?= swift
SERREPORT := .build/release/serreport

.PHONY: report test test-cpu-flags deps test-deps release check-report check-onnx format-check templates fuzz clean

report: deps release
	@$(SERREPORT) build

test: test-deps
	$(SWIFT) test --disable-xctest

# The tests again with the release build's CPU flags (scripts/cpu-flags.sh), when it has any: the
# parity tests prove the vector code gives the same numbers.
test-cpu-flags: test-deps
	@flags=$$(scripts/cpu-flags.sh); if [ -n "$$flags" ]; then \
	  $(SWIFT) test --disable-xctest $$flags --scratch-path .build-cpu-flags; \
	else echo "test-cpu-flags: no CPU flags on this machine; nothing to do"; fi

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

# A static Swift runtime starts in 7 ms instead of 17 (the dynamic one links Foundation and ICU);
# scripts/cpu-flags.sh adds Haswell-level vector code where the CPU has it (same results, faster).
release: deps
	$(SWIFT) build -c release --product serreport --static-swift-stdlib $$(scripts/cpu-flags.sh)

# CI: `make report`, then check that the page's images and features.csv are all there, that headless
# Chromium loads the page (and a self-contained copy) with every image and no console message, and
# that pdftoppm renders every page of report.pdf.
check-report: report
	@scripts/install-deps.sh check
	@scripts/check-report.sh reports/samples Samples/manifest.csv
	@scripts/check-browser.sh reports/samples/index.html
	@scripts/check-pdf.sh reports/samples/report.pdf
	@$(SERREPORT) build --quiet --set report.self_contained=true --out reports/samples-inline >/dev/null
	@scripts/check-browser.sh reports/samples-inline/index.html

# The GRU's ONNX export against serreport itself: PyPI's onnx checker, and onnxruntime's probabilities on 20
# clips of EmoDB (../shared/data) within 1e-4 of `serreport predict --model gru`. Python only here, never in
# `swift test`.
check-onnx: release
	@scripts/install-deps.sh onnx
	@scripts/check-onnx.sh

# Every parser fuzzed with libFuzzer + AddressSanitizer for FUZZ_SECONDS each (default 60; CI uses 60).
fuzz: test-deps
	@scripts/fuzz.sh

format-check:
	@scripts/format-check.sh

# After editing templates/: regenerate the binary's built-in copy of them (a test checks they agree).
templates:
	@scripts/embed-templates.sh

clean:
	rm -rf .build .build-fuzz reports/samples reports/samples-inline .serreport
