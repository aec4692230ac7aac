# councildata — the two commands a fresh machine needs: `make run` and `make test`.
# Only the Rust toolchain and python3 are assumed; everything else is installed here.

CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := target/release/councildata

.PHONY: run test build rust-test python-test lint bench spark-demo clean

run: build
	$(BIN) extract seeds --out dataset

build:
	$(CARGO) build --release --locked

test: rust-test python-test

rust-test:
	$(CARGO) test --locked

python-test: $(VENV)/.installed
	$(CARGO) build --locked
	COUNCILDATA_BIN=target/debug/councildata $(PY) -m pytest -q tests/python

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

$(VENV)/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
	touch $@

# Throughput, memory and the dateparser comparison; figures go in the README.
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
