# The README's two commands: `make demo` and `make test`. Everything else is a step of them.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
COLLECTIONS := $(CURDIR)/.cache/collections
DEMO_DIR := $(CURDIR)/.cache/demo
PYTEST_ARGS ?=

export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_NOCOLOR := 1
export ANSIBLE_HOST_KEY_CHECKING := False
export PATH := $(BIN):$(PATH)

.PHONY: venv collection generate demo test sanity lint units integration molecule bench clean
.PHONY: release versions versions-covered docs

$(STAMP): requirements-dev.txt simulator/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet -e ./simulator
	touch $@

venv: $(STAMP)

# Ansible finds this checkout as mailstore.spe through a link in a collections folder.
collection:
	@mkdir -p $(COLLECTIONS)/ansible_collections/mailstore
	@ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/mailstore/spe

# meta/runtime.yml and the module tables, from the registry (tests/unit/test_registry_files.py checks them).
generate: venv collection
	$(BIN)/python tests/tools/registry_files.py

demo: venv collection
	@tests/tools/simulator.sh stop $(DEMO_DIR); rm -rf $(DEMO_DIR)
	@SIMULATOR_ARGS="--instance-host spe-host01 --instance-host spe-host02 $(SIMULATOR_ARGS)" \
		tests/tools/simulator.sh start $(DEMO_DIR)
	@. $(DEMO_DIR)/env.sh && tests/tools/demo.sh $(DEMO_DIR); status=$$?; \
		tests/tools/simulator.sh stop $(DEMO_DIR); exit $$status

test: sanity lint units integration molecule release versions-covered

sanity: venv
	VENV_BIN=$(BIN) tests/tools/sanity.sh

lint: venv collection
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/ansible-lint --profile production --offline

units: venv collection
	$(BIN)/pytest tests/unit simulator/tests -n 2 $(PYTEST_ARGS)

integration: venv collection
	$(BIN)/pytest tests/integration -n 2 $(PYTEST_ARGS)

molecule: venv collection
	tests/tools/molecule.sh

# The collection as users get it: built tarball installed with ansible-galaxy, execution
# environment metadata, ansible-runner, galaxy-importer, the documentation (tests/release/).
release: venv
	$(BIN)/pytest tests/release -n 2 $(PYTEST_ARGS)

# ansible-test sanity and unit tests on every ansible-core minor from requires_ansible up.
versions: venv
	tests/tools/version_matrix.sh

# In `make test`: the other minors (make sanity and make units test the development venv's).
versions-covered: venv
	SKIP_COVERED=1 tests/tools/version_matrix.sh

# The documentation site into .cache/docsite (tests/tools/docsite.sh says which warnings pass).
docs: venv collection
	tests/tools/docsite.sh

$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

bench: venv collection $(BENCH_STAMP)
	$(BIN)/python tests/tools/bench.py

clean:
	rm -rf $(VENV) .cache .pytest_cache
