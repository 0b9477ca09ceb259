# The two commands a newcomer needs: `make run` and `make test`. Each does its own set-up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
INSTALLED := $(VENV)/.installed
SPACY_PIPELINE := build/spacy/pipeline
SPACY_BUILT := build/spacy/.built
MODEL := models/advisor.tar.gz
TRAINING_DATA := $(shell find bot/data -name '*.yml' 2>/dev/null)
CONTENT := $(wildcard knowledge/content/*.yml)
WEBCHAT_VERSION := 1.0.1
WEBCHAT := web/vendor/rasa-webchat/index.js
CHARTJS_VERSION := 4.6.1
CHARTJS := web/vendor/chartjs/chart.umd.min.js

export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export PYTHONWARNINGS ?= ignore::DeprecationWarning

.PHONY: help run test kb model spacy lint validate bench shell browser services prod clean FORCE

help:
	@echo "make run    set everything up and start the assistant"
	@echo "make test   set everything up and run every test"
	@echo "make prod   the production profile: PostgreSQL, Redis, two Rasa servers behind nginx"
	@echo "make kb | spacy | model | lint | validate | bench | clean   (see README)"

$(INSTALLED): pyproject.toml scripts/find-python310.sh
	@python310=$$(scripts/find-python310.sh) || exit 1; \
	  [ -x $(PY) ] || $$python310 -m venv $(VENV)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

kb: $(INSTALLED)
	$(PY) -m knowledge load

# The pipeline's languages, rewritten only when the list in knowledge/languages.py changes: the word lists
# in that file are read at run time and need no new pipeline or model.
LANGUAGE_CODES := build/spacy/languages
$(LANGUAGE_CODES): FORCE
	@mkdir -p $(dir $@); codes=$$(grep '^SUPPORTED_LANGUAGES' knowledge/languages.py); \
	  [ "$$(cat $@ 2>/dev/null)" = "$$codes" ] || echo "$$codes" > $@

FORCE:

# The lemma table keeps the entries that touch a word of the training data or the content, so it follows both.
$(SPACY_BUILT): $(INSTALLED) $(CONTENT) $(TRAINING_DATA) bot/nlu/spacy_pipeline.py $(LANGUAGE_CODES)
	$(PY) -m bot.nlu.spacy_pipeline $(SPACY_PIPELINE)
	touch $@

spacy: $(SPACY_BUILT)

# --force: Rasa fingerprints the spaCy pipeline by its path only, so a rebuilt pipeline must retrain.
$(MODEL): $(SPACY_BUILT) config.yml domain.yml $(TRAINING_DATA)
	$(RASA) train --config config.yml --domain domain.yml --data bot/data --out models \
	  --fixed-model-name advisor --force

model: $(MODEL)

# The web widget's UMD bundle, from the npm registry (served by web/server.py, never from a CDN).
$(WEBCHAT):
	rm -rf build/webchat && mkdir -p build/webchat $(dir $@)
	cd build/webchat && npm pack --silent rasa-webchat@$(WEBCHAT_VERSION) >/dev/null
	tar -xzf build/webchat/rasa-webchat-$(WEBCHAT_VERSION).tgz -C build/webchat package/lib/index.js
	cp build/webchat/package/lib/index.js $@

# Chart.js for the dashboard's charts, from the npm registry like the widget (served by web/server.py).
$(CHARTJS):
	rm -rf build/chartjs && mkdir -p build/chartjs $(dir $@)
	cd build/chartjs && npm pack --silent chart.js@$(CHARTJS_VERSION) >/dev/null
	tar -xzf build/chartjs/chart.js-$(CHARTJS_VERSION).tgz -C build/chartjs package/dist/chart.umd.min.js package/LICENSE.md
	cp build/chartjs/package/dist/chart.umd.min.js $@
	cp build/chartjs/package/LICENSE.md $(dir $@)LICENSE.md

# Debian's Chromium for the browser test (Playwright drives it; it never downloads a browser of its own).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Debian's PostgreSQL, Redis and nginx for the production profile (deploy/) and its test; only what is missing.
services:
	@missing=(); \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing+=(postgresql); \
	  command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server); \
	  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx); \
	  if [ $${#missing[@]} -gt 0 ]; then \
	    echo "installing $${missing[*]}"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$${missing[@]}"; \
	  fi

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .

# Warnings are listed; tests/test_training_data.py fails on any but "response used only by an action".
validate: $(INSTALLED)
	$(RASA) data validate --config config.yml --domain domain.yml --data bot/data

run: kb $(MODEL) $(WEBCHAT) $(CHARTJS)
	scripts/serve.sh

test: kb $(MODEL) $(WEBCHAT) $(CHARTJS) browser services lint
	$(PY) -m pytest

prod: kb $(MODEL) $(WEBCHAT) $(CHARTJS) services
	$(PY) -m deploy.profile

bench: kb $(MODEL)
	$(PY) -m bench.report

shell: kb $(MODEL)
	scripts/shell.sh

clean:
	rm -rf build models results reports .rasa var
