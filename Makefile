# lagebild — the two commands a fresh clone needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= lagebild.db
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: install run test bench train-ner clean

install: $(STAMP)

# The venv is rebuilt when the dependency pins change. Everything is pinned
# in requirements.lock (a constraints file), so CI installs what we tested.
# setup.py and the .pyx: the editable install compiles the HanTa kernel, so a change rebuilds it.
$(STAMP): pyproject.toml requirements.lock setup.py src/lagebild/language/_hanta_kernel.pyx
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

# Ingest the bundled examples, list them, then serve the dashboard over the
# store until Ctrl-C (another port: `make run PORT=8080`).
run: install
	$(BIN)/lagebild ingest examples --db $(DB)
	$(BIN)/lagebild list --db $(DB)
	$(BIN)/lagebild serve --db $(DB) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench.py

train-ner: install
	$(BIN)/python -m lagebild.entities.train

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DB) $(DB)-wal $(DB)-shm
	rm -f src/lagebild/language/_hanta_kernel.c src/lagebild/language/_hanta_kernel.*.so
