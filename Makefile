# opening_up: `make build` then `make test` (see README.md).
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
export OPENING_UP_DB ?= warehouse/opening_up.duckdb
DBT := $(BIN)/dbt
DBT_ARGS := --project-dir . --profiles-dir profiles
STAMP := $(VENV)/.installed
ORCHESTRATE_STAMP := $(VENV)/.installed-orchestrate
SPARK_STAMP := $(VENV)/.installed-spark
DOCS_PORT ?= 8080
DAGSTER_PORT ?= 3000
export DAGSTER_HOME ?= $(CURDIR)/.dagster
REFRESH_CODES := 1 refused, 2 usage error, 3 locked

.PHONY: build test test-server pytest lint lock install install-orchestrate install-spark build-spark test-spark bench-spark bench sample docs docs-static report browser clean refresh needs orchestrate parquet bench-scale clean-warehouse

install: $(STAMP)

# Creates the virtual environment if missing and installs the hashed lock (requirements.txt, from
# requirements.in), binary only (dbt-core's experimental parser cannot be built from source offline).
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary=:all: -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The optional orchestration extra (= pip install -e .[orchestrate]), from its hashed lock.
install-orchestrate: $(ORCHESTRATE_STAMP)

$(ORCHESTRATE_STAMP): $(STAMP) requirements-orchestrate.txt
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary=:all: -r requirements.txt -r requirements-orchestrate.txt
	touch $(ORCHESTRATE_STAMP)

# The Spark target's extra (dbt-spark with pyspark; Java 17 or later), from its hashed lock; only the
# Spark targets install it, never `make build` (docs/scaling.md).
install-spark: $(SPARK_STAMP)

$(SPARK_STAMP): $(STAMP) requirements-spark.txt
	@command -v java >/dev/null 2>&1 || { echo "install-spark: no java on PATH: Spark needs a JRE 17 or later (Debian: apt-get install openjdk-17-jre-headless)"; exit 1; }
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-spark.txt
	touch $(SPARK_STAMP)

# The warehouse on the spark target (docs/scaling.md), after `make build`: the loaders' raw tables as
# Parquet registered in Spark, the seeds, every SQL model upstream of the dbt Python models (dbt-spark
# runs those only on Databricks), then the methods beside Spark (python -m opening_up spark-methods:
# each dbt Python model's package function on the Spark tables, the GMM's map step on the executors),
# then the models downstream; prints the marts built and any left out with the reason.
SPARK_WAREHOUSE_DIR := $(abspath $(or $(OPENING_UP_SPARK_WAREHOUSE),warehouse/spark/))
build-spark: $(SPARK_STAMP)
	$(BIN)/python -m opening_up spark-raw --out $(SPARK_WAREHOUSE_DIR)/raw_parquet
	$(BIN)/dbt seed --target spark --quiet
	$(BIN)/dbt run-operation register_raw_tables --target spark --args "{folder: $(SPARK_WAREHOUSE_DIR)/raw_parquet}"
	$(BIN)/dbt run --target spark --quiet --exclude "path:python_models+"
	cp target/run_results.json $(SPARK_WAREHOUSE_DIR)/run_results_upstream.json
	$(BIN)/python -m opening_up spark-methods
	$(BIN)/dbt run --target spark --quiet --select "path:python_models+" --exclude "path:python_models"
	$(BIN)/python scripts/spark_build_summary.py $(SPARK_WAREHOUSE_DIR)/run_results_upstream.json target/run_results.json

# The Spark build checked (after `make build`): builds it (build-spark), runs the tests that need
# Spark (pytest -m spark: the GMM's map step on Spark's executors equals the local estimator), the data
# tests on the spark target, then compares every mart with the DuckDB build's, row for row, floats to
# 1e-9 relative (python -m opening_up spark-compare), printing how many marts were compared and equal.
test-spark: build-spark
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest -m spark -p no:cacheprovider
	$(BIN)/dbt test --target spark --quiet
	$(BIN)/python -m opening_up spark-compare

# The scale benchmark's SQL layers at size L on DuckDB and on the spark target, both timed (after
# `make build-spark`; SIZE=S or M for a smaller run; docs/scaling.md).
SIZE ?= L
bench-spark: $(SPARK_STAMP)
	$(BIN)/python benchmarks/bench_spark.py --size $(SIZE)

# Installs the runtime and the orchestration extra (which `make test` needs), then runs the
# write-audit-publish refresh on the shipped data and the drop folder (python -m opening_up refresh: load,
# dbt build, audit, then publish a new build with its Parquet: warehouse/opening_up.duckdb and
# warehouse/parquet follow warehouse/current), whose last line is the real share of the marts' inputs;
# then, quietly, the same files into the development file ($OPENING_UP_DEV_DB, warehouse/dev.duckdb)
# that a bare `dbt build` writes.
build: $(STAMP) $(ORCHESTRATE_STAMP)
	$(BIN)/python -m opening_up refresh
	@$(BIN)/python -m opening_up ingest --quiet

# The marts of the development file as Parquet (warehouse/dev-parquet/); the published build already
# holds its own (warehouse/parquet).
parquet: $(STAMP)
	$(BIN)/python -m opening_up parquet

# The report's browser test needs Chromium and a CJK font: `make browser` installs them (root with
# apt-get); `make test` never runs apt-get, and the test skips, saying why, where Chromium is absent
# (under CI=true it fails: .ci/run calls make browser).
# pytest in two processes (pytest-xdist; each module's tests stay in one process, the warehouse is
# built and the first refresh run once for both) with its progress line as it goes, and beside it the
# linters (they use the CPU the tests leave while they wait on the shared build or a refresh's lock;
# they print only what they find, and a summary line). About 4 minutes and 7.5 CPU-minutes on 2 cores.
# The Dagster server's own tests (`make orchestrate` serving and stopping) are `make test-server`.
test: $(STAMP) $(ORCHESTRATE_STAMP)
	$(MAKE) --no-print-directory -j2 pytest lint

# One BLAS thread per process: the two test processes already use both cores, and OpenBLAS's own
# threads would only wait on each other (the GMM model costs 8 CPU-seconds instead of 12).
pytest: $(STAMP) $(ORCHESTRATE_STAMP)
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest -n 2 --dist loadfile -m "not server and not spark"

# `make orchestrate` started, queried and stopped (SIGTERM, Ctrl-C): about a minute; CI runs it.
test-server: $(ORCHESTRATE_STAMP)
	$(BIN)/python -m pytest -m server

browser:
	@scripts/install_browser.sh

# sqlfluff (dbt templater) over every SQL file dbt compiles on its own: models (the scale benchmark's
# with its var set, in .sqlfluff), analyses and the singular tests (tests/<layer>/<folder>/, as models/); the macros and generic tests are
# linted through the compiled models and tests that call them (the dbt templater renders a macro only
# where it is used). ruff over all the Python. The dbt templater's file goes in target/lint/.
SQL_DIRS := models analyses $(sort $(dir $(filter-out tests/generic/%,$(wildcard tests/*/*.sql tests/*/*/*.sql))))
lint: $(STAMP)
	mkdir -p target/lint
	OPENING_UP_DEV_DB=target/lint/lint.duckdb $(BIN)/sqlfluff lint $(SQL_DIRS)
	$(BIN)/ruff check src tests benchmarks python_models

# Regenerates the hashed locks from requirements.in and requirements-orchestrate.in (pip-compile keeps
# the versions already locked unless the .in files change them; add --upgrade to move everything).
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --pip-args "--only-binary=:all:"
lock: $(STAMP)
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-orchestrate.txt requirements-orchestrate.in
	$(PIP_COMPILE) -o requirements-spark.txt requirements-spark.in

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_closure.py
	$(BIN)/python benchmarks/bench_gmm.py
	$(BIN)/python benchmarks/bench_report.py

# The SQL layers and the methods at 337, 2,850 and 28,500 units (not part of `make test`; about
# 20 minutes on 2 cores): seconds, peak memory and growth exponents, as in docs/scaling.md.
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py

# Write-audit-publish: load the drop folder, build a candidate file, test it, swap it in atomically.
# make exits 2 on any failed recipe, so the refresh's own exit code is printed on its last line.
refresh: $(STAMP)
	@$(BIN)/python -m opening_up refresh || { code=$$?; \
	  echo "make refresh: python -m opening_up refresh exited $$code ($(REFRESH_CODES)); make exits 2"; exit $$code; }

# Dagster on http://localhost:$(DAGSTER_PORT): the dbt models as assets, the refresh job, the drop-folder
# sensor and the monthly schedule (both on); state (sensor cursor, runs) in $(DAGSTER_HOME).
# Stops whole within 30 s on SIGTERM or Ctrl-C; writes $(DAGSTER_HOME)/dagster.yaml (telemetry off) if
# there is none (opening_up.orchestration.serve says why it is a launcher).
orchestrate: $(ORCHESTRATE_STAMP)
	$(BIN)/python -m opening_up serve --port $(DAGSTER_PORT) --home $(DAGSTER_HOME)

# What is still sample or missing, as downloads in the order that makes the most marts real.
needs: $(STAMP)
	$(BIN)/python -m opening_up needs

# Regenerates the deterministic sample yearbooks (seeds/sample/); `make test` checks they are current.
# The sample leaves out the cells the published warehouse quarantines ($OPENING_UP_DB): make build first.
sample: $(STAMP)
	$(BIN)/python -m opening_up sample --out seeds/sample/sample_yearbook_observations.csv

# The HTML report of the marts (reports/index.html, self-contained) from the built warehouse.
report: $(STAMP)
	$(BIN)/python -m opening_up report

# dbt docs for the published warehouse (generated on a copy of its current build: dbt opens its file for
# writing): target/index.html served on http://localhost:$(DOCS_PORT), and target/static_index.html,
# one file that opens without a server.
# The catalog is read from a copy named as the published file, so that relations show as readers
# name them (opening_up.marts.…), not as the copy (docs.marts.…). `make docs-static` stops there
# (target/static_index.html, one file that opens offline); `make docs` then serves the site.
docs-static: $(STAMP)
	mkdir -p target/docs && cp "$$(realpath $(OPENING_UP_DB))" target/docs/opening_up.duckdb
	OPENING_UP_DEV_DB=target/docs/opening_up.duckdb $(DBT) docs generate $(DBT_ARGS) --static

docs: docs-static
	$(DBT) docs serve $(DBT_ARGS) --port $(DOCS_PORT) --no-browser

# Build artefacts only: the published warehouse (and its Parquet) stays; `make clean-warehouse` removes it.
clean:
	rm -rf target logs

clean-warehouse:
	rm -rf warehouse
