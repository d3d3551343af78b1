# Relational Memory Core course -- self-installing entry points.
#   make lab    set up if needed, open the course in JupyterLab
#   make test   set up if needed, run everything CI gates on
# Run `make help` for the full list.

.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Interpreter used only to create .venv: python3.11 if it runs, else python3.
# Chosen before PATH is changed below, so it never points into .venv. Override: make PYTHON=...
ifndef PYTHON
PYTHON := $(shell python3.11 -c '' >/dev/null 2>&1 && echo python3.11 || echo python3)
endif

# Extra arguments for every pip install (e.g. an extra index that serves the CPU torch wheel).
PIP_ARGS ?=
# A local folder of wheels (this course's machines keep the torch 2.13.0 CPU wheel in
# /opt/wheels) is offered to pip when it exists, so torch never comes as the multi-GB CUDA build.
WHEEL_DIR ?= $(wildcard /opt/wheels)
PIP_ARGS += $(if $(WHEEL_DIR),--find-links $(WHEEL_DIR))
# Extra arguments for pytest, e.g. make test PYTEST_ARGS='-x -k attention'
PYTEST_ARGS ?=
# pytest-xdist workers: one per core (TEST_WORKERS=0 runs in one process, easier to debug).
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# The showdown: RMC vs the parameter-matched LSTM, the configuration the search chose
# (python -m rmc_course.sweep --help lists the options; docs/results.md, "The showdown"), three seeds in two
# processes, the same wall-clock budget for both models. SHOWDOWN_ARGS adds or overrides options
# (e.g. --budget-minutes 2); SHOWDOWN_DIR is where the outputs go
# (rmc_course/assets/showdown to refresh the shipped files).
SHOWDOWN_ARGS ?=
SHOWDOWN_DIR ?= runs/showdown
# Extra arguments for benchmarks/bench_core.py (--help lists them), e.g. BENCH_ARGS='--threads 1'
BENCH_ARGS ?=
# make mutation: parallel mutmut workers (each runs the tests of one mutant; nice -n 10)
MUTATION_CHILDREN ?= 2
# Extra arguments for jupyter lab, e.g. make lab LAB_ARGS='--port 8899'
LAB_ARGS ?=
# make grade: the folder of submissions (<student>/<assignment>/<notebook>.ipynb) and extra
# options of python -m rmc_course.grading (e.g. GRADE_ARGS='--workers 4 --scheduler tcp://host:8786')
SUBMISSIONS ?=
GRADE_ARGS ?=
# The instructor demos app (Voila): port and extra arguments, e.g. DEMOS_ARGS='--Voila.ip=0.0.0.0'
DEMOS_PORT ?= 8866
DEMOS_ARGS ?=

# .venv/bin first on PATH for every recipe: tools spawned by name (nbgrader runs `alembic`,
# nbval/jupyter start kernels) must come from the course environment.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

# Keep Jupyter, IPython and matplotlib state inside the repo (gitignored), so the course
# neither reads nor writes ~/.jupyter, ~/.ipython or ~/.config/matplotlib.
JUPYTER_LOCAL := $(CURDIR)/.jupyter-local
export JUPYTER_CONFIG_DIR  := $(JUPYTER_LOCAL)/config
export JUPYTER_DATA_DIR    := $(JUPYTER_LOCAL)/data
export JUPYTER_RUNTIME_DIR := $(JUPYTER_LOCAL)/runtime
export IPYTHONDIR          := $(JUPYTER_LOCAL)/ipython
export MPLCONFIGDIR        := $(JUPYTER_LOCAL)/matplotlib

# Headless plotting for tests and the terminal showdown. Not for `lab`: ipykernel only
# selects the inline backend when MPLBACKEND is unset, so Agg there would hide every figure.
test showdown mutation: export MPLBACKEND := Agg

# Notebook server flags: --allow-root only as root; no browser in CI or when HEADLESS is set.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root) $(if $(CI)$(HEADLESS),--no-browser)

.PHONY: help setup hubproxy browser lint test lab showdown demos release bench grade mutation clean

help:
	@echo "Targets:"
	@echo "  make setup     create .venv (first run ~1 min) and install the course with pinned deps"
	@echo "  make lab       set up if needed, open the course in JupyterLab      [LAB_ARGS=...]"
	@echo "  make test      set up if needed, ruff (make lint), then every test CI gates on [PYTEST_ARGS=...]"
	@echo "  make test-fast set up if needed, the unit tests only (~30 s): no notebooks, nbgrader, browser, hub or processes"
	@echo "  make lint      ruff: lint and format check of the code and the notebooks' code cells"
	@echo "  make showdown  set up if needed, RMC vs LSTM over 3 seeds (~10 min)  [SHOWDOWN_ARGS=... SHOWDOWN_DIR=...]"
	@echo "  make demos     set up if needed, serve the instructor demos (Voila)  [DEMOS_PORT=... DEMOS_ARGS=...]"
	@echo "  make ladder    set up if needed, the task-size ladder, RMC vs LSTM (hours; resumes) [RUNG=4x2 LADDER_ARGS=...]"
	@echo "  make release   regenerate exercises/ from solutions/ (nbgrader generate_assignment)"
	@echo "  make bench     set up if needed, time the RMC core against its baseline and a matmul [BENCH_ARGS=...]"
	@echo "  make grade SUBMISSIONS=dir  grade a class with nbgrader (contained, parallel) [GRADE_ARGS=...]"
	@echo "  make hubproxy  install JupyterHub's configurable-http-proxy (npm ci --prefix deploy/proxy)"
	@echo "  make mutation  mutation testing of rmc_ref/train/ and viz.py with mutmut (about 1.5 h; docs/mutation.md) [MUTATION_CHILDREN=2]"
	@echo "  make clean     remove .venv, caches, .jupyter-local/, runs/, test-artifacts/, mutants/ and deploy/proxy/node_modules"
	@echo "Every pip call takes PIP_ARGS=... (e.g. an extra index for the CPU torch wheel)."

# Create the venv only when it is missing (or broken).
$(PY):
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)

# (Re)install whenever the dependency spec or the lock changes; the stamp records success.
# the packages' __init__.py are listed (when present) because a setuptools editable install maps the
# packages that exist at install time: a venv made before the package existed must reinstall.
$(STAMP): $(PY) pyproject.toml constraints.txt $(wildcard rmc_ref/__init__.py rmc_course/__init__.py)
	$(PY) -m pip install $(PIP_ARGS) --upgrade pip
	$(PY) -m pip install $(PIP_ARGS) -c constraints.txt -e '.[dev]'
	touch $@

setup: $(STAMP)
	@mkdir -p $(JUPYTER_CONFIG_DIR) $(JUPYTER_DATA_DIR) $(JUPYTER_RUNTIME_DIR) $(IPYTHONDIR) $(MPLCONFIGDIR)

# Debian's Chromium for the real-browser test (tests/e2e/test_browser.py): installed here when it
# is missing and we run as root with apt-get (as CI does); otherwise the test skips and says how
# to install it -- except under CI=true, where a missing browser fails it.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "note: $(CHROMIUM) is missing and this is not root: the browser test will skip (sudo apt-get install chromium)"; \
	fi

# configurable-http-proxy for JupyterHub (deploy/jupyterhub_config.py, tests/test_jupyterhub.py),
# the exact version locked in deploy/proxy/package-lock.json, installed into deploy/proxy/node_modules
# (re-installed when the lock changes). Without npm, or when npm ci fails: a note, and the hub
# test skips (under CI=true it fails instead).
PROXY_STAMP := deploy/proxy/node_modules/.installed
$(PROXY_STAMP): deploy/proxy/package.json deploy/proxy/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix deploy/proxy --no-audit --no-fund --loglevel=error && touch $@ \
		|| echo "note: npm ci --prefix deploy/proxy failed: the JupyterHub test will skip (fail in CI)"; \
	else \
		echo "note: npm is missing: JupyterHub's proxy is not installed (apt-get install nodejs npm)"; \
	fi
hubproxy: $(PROXY_STAMP)

# ruff, configured in pyproject.toml ([tool.ruff]) and pinned in constraints.txt: lint and
# format check of the Python code and the notebooks' code cells. `ruff format .` fixes the format.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup lint browser hubproxy
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The unit tests alone, for a quick check while editing: tests/ less the tests marked slow (those
# that run nbgrader or start other programs: kernels, JupyterHub, a browser, spawned processes,
# torchrun; tests/conftest.py), with nbval off so no notebook runs. make test still runs everything.
.PHONY: test-fast
test-fast: export MPLBACKEND := Agg
test-fast: setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -p no:nbval -o addopts=-ra -m "not slow" tests $(PYTEST_ARGS)

# JupyterLab opened clean for a newcomer: its app settings folder is deploy/jupyter/lab/, whose
# overrides.json turns off the news feed and the update check (no "Would you like to receive
# official Jupyter news?" prompt; a learner can still switch them on in Settings), and the file
# browser hides build leftovers (*.egg-info) beside jupyter_server's own hide_globs.
lab: LAB_HIDE_GLOBS := __pycache__ *.pyc *.pyo .DS_Store *~ *.egg-info
lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.app_settings_dir="$(CURDIR)/deploy/jupyter/lab" \
		$(foreach glob,$(LAB_HIDE_GLOBS),--ContentsManager.hide_globs='$(glob)') \
		$(LAB_FLAGS) $(LAB_ARGS)

showdown: setup
	$(PY) -m rmc_course.sweep --out-dir $(SHOWDOWN_DIR) --plot-name showdown.png $(SHOWDOWN_ARGS)

# notebooks/instructor_demos.ipynb as a Voila app: code hidden, widgets live, on localhost only.
demos: setup
	@echo "Instructor demos (Voila, code hidden): http://127.0.0.1:$(DEMOS_PORT)/   (Ctrl-C stops)"
	$(VENV)/bin/voila notebooks/instructor_demos.ipynb --port=$(DEMOS_PORT) --Voila.ip=127.0.0.1 \
		--show_tracebacks=True $(if $(CI)$(HEADLESS),--no-browser) $(DEMOS_ARGS)

# The task-size ladder (issue 27; python -m rmc_course.ladder --help): RMC vs the parameter-matched
# LSTM at the same wall-clock budget per run, one sweep per task size in runs/ladder/o{N}f{F}/, seeds
# in parallel (--workers 2), progress with the time left; finished runs are skipped, so a stopped
# ladder continues where it stopped. RUNG=4x2 runs one rung (empty: the whole ladder, several hours);
# LADDER_ARGS adds options (e.g. --plan, --collect, --workers 1). The results are collected into
# rmc_course/assets/ladder/ (ladder.json, ladder.png, search.md).
RUNG ?=
LADDER_ARGS ?=
.PHONY: ladder
ladder: setup
	$(PY) -m rmc_course.ladder $(if $(RUNG),--rung $(RUNG)) $(LADDER_ARGS)

# nbgrader's release: exercises/<a>/ from solutions/<a>/ for every assignment, recorded in the
# course gradebook (gradebook.db, gitignored), which autograding reads the hidden tests from.
ASSIGNMENTS := $(notdir $(patsubst %/,%,$(dir $(wildcard solutions/*/*.ipynb))))
release: setup
	@for a in $(ASSIGNMENTS); do \
		$(VENV)/bin/nbgrader generate_assignment "$$a" --force --log-level=WARN || exit 1; \
	done
	@echo "exercises/ regenerated: $(ASSIGNMENTS)"

bench: setup
	$(PY) benchmarks/bench_core.py --json runs/bench_core.json $(BENCH_ARGS)

grade: setup
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder [GRADE_ARGS=...]"; exit 2; }
	$(PY) -m rmc_course.grading "$(SUBMISSIONS)" $(GRADE_ARGS)

# Mutation testing of rmc_ref/train/ (config, loop, checkpoints, cli) and rmc_ref/viz.py (docs/mutation.md): mutmut from the
# [mutation] extra (not in [dev], so CI does not install it), configured in pyproject's
# [tool.mutmut]; results in mutants/ (gitignored; a second run continues where the first stopped).
# Not part of make test. Then the survivors against the tests that start processes
# (tests/tools/mutation_spawned.py) and the table per module: tests/tools/mutation_report.py.
mutation: setup
	$(PY) -m pip install $(PIP_ARGS) -q -c constraints.txt -e '.[dev,mutation]'
	nice -n 10 $(VENV)/bin/mutmut run --max-children $(MUTATION_CHILDREN)
	nice -n 10 $(PY) tests/tools/mutation_spawned.py
	$(PY) tests/tools/mutation_report.py --survivors

clean:
	rm -rf $(VENV) .jupyter-local runs test-artifacts mutants .pytest_cache .hypothesis build dist *.egg-info deploy/proxy/node_modules
	find . -path ./.git -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +
