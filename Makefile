# councildata — the two commands a fresh machine needs: `make run` and `make test`.
# Only the Rust toolchain and python3 are assumed; everything else is installed here
# (the Python clients into .venv, Debian's chromium for the report check).

CARGO ?= cargo
PYTHON ?= python3
CHROMIUM ?= chromium
VENV := .venv
PY := $(VENV)/bin/python
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
BIN := $(TARGET_DIR)/release/councildata
DEBUG_BIN := $(TARGET_DIR)/debug/councildata
REPORT_CHECK := $(abspath $(TARGET_DIR))/report-check
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build debug rust-test python-test notebook frictionless report-check chromium lint bench spark-demo clean

run: build
	$(BIN) extract seeds --out dataset

build:
	$(CARGO) build --release --locked

debug:
	$(CARGO) build --locked

test: lint rust-test python-test notebook frictionless report-check

rust-test:
	$(CARGO) test --locked

python-test: $(VENV)/.installed debug
	COUNCILDATA_BIN=$(DEBUG_BIN) $(PY) -m pytest -q tests/python

# examples/seeds.ipynb executed end to end against the seeds, extracted into a temporary
# directory, so the notebook can never rot. JUPYTER_PATH makes the venv's kernel the one used.
notebook: $(VENV)/.installed debug
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(DEBUG_BIN) extract seeds --out "$$tmp/dataset" --quiet; \
	COUNCILDATA_DATASET="$$tmp/dataset" JUPYTER_PATH="$(CURDIR)/$(VENV)/share/jupyter" \
	  $(VENV)/bin/jupyter nbconvert --to notebook --execute --log-level=WARN \
	  --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=120 \
	  --output-dir "$$tmp" examples/seeds.ipynb; \
	echo "notebook: examples/seeds.ipynb ran end to end"

# The data package checked by the Frictionless tool itself: types, constraints, keys.
frictionless: $(VENV)/.installed debug
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(DEBUG_BIN) extract seeds --out "$$tmp/dataset" --quiet; \
	$(VENV)/bin/frictionless validate "$$tmp/dataset/datapackage.json"

# The seeds' report rendered by headless Chromium; the screenshot must show the timeline.
# Leaves report.html and report.png in $(REPORT_CHECK) to look at.
report-check: $(VENV)/.installed debug chromium
	@set -e; rm -rf "$(REPORT_CHECK)"; mkdir -p "$(REPORT_CHECK)"; \
	profile=$$(mktemp -d); trap 'rm -rf "$$profile"' EXIT; \
	$(DEBUG_BIN) extract seeds --out "$(REPORT_CHECK)/dataset" --quiet; \
	$(DEBUG_BIN) report "$(REPORT_CHECK)/dataset" --out "$(REPORT_CHECK)/report.html"; \
	timeout 120 $(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	  --disable-background-networking --disable-component-update --disable-sync \
	  --user-data-dir="$$profile" --hide-scrollbars --window-size=1280,2000 \
	  --screenshot="$(REPORT_CHECK)/report.png" "file://$(REPORT_CHECK)/report.html" \
	  2>"$(REPORT_CHECK)/chromium.log" || { cat "$(REPORT_CHECK)/chromium.log"; exit 1; }; \
	$(PY) tests/browser/check_report.py "$(REPORT_CHECK)/report.png"

# Debian's chromium, installed once (about a minute) when the machine lacks it.
chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the report check"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

$(VENV)/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
	touch $@

# Throughput, memory and the dateparser comparison; figures go in the README and bench/RESULTS.md.
bench: build $(VENV)/.bench
	$(PY) bench/run.py

$(VENV)/.bench: $(VENV)/.installed bench/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

# The seeds extracted on Spark in local mode (pyspark from PyPI; Java is on the machine), then
# queried with Spark SQL. Not part of `make test`: installing pyspark takes a while.
spark-demo: build $(VENV)/.spark
	rm -rf target/spark-demo
	$(PY) examples/spark/extract_on_spark.py --input seeds --out target/spark-demo --shards 3

$(VENV)/.spark: $(VENV)/.installed examples/spark/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r examples/spark/requirements.txt
	touch $@

clean:
	rm -rf target dataset $(VENV)
