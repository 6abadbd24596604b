# The two set-up commands: `make demo` and `make test`. Both build .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[web,precise,test]"
	touch $(STAMP)

.PHONY: install demo test bench clean
install: $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	$(BIN)/retold --db demo.db ingest examples/seed-pair examples/collection/articles.jsonl
	$(BIN)/retold --db demo.db trace
	$(BIN)/retold --db demo.db stories
	$(BIN)/retold --db demo.db quote "a very fashionable pretext"
	$(BIN)/retold compare examples/seed-pair/tass.txt examples/seed-pair/retelling.txt --html demo-compare.html
	@echo "Side by side: demo-compare.html. Browse the stories: $(BIN)/retold --db demo.db serve"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo.db demo-compare.html
