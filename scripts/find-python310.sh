#!/usr/bin/env bash
# Prints the path of a working Python 3.10 (rasa 3.6 needs >=3.8,<3.11), or explains what to install.
set -u
candidates=("${PYTHON310:-}" python3.10)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  # pyenv's python3.10 shim refuses to run while another global version is set: use the interpreter itself.
  candidates+=($(ls -d "$root"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r))
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)
for candidate in "${candidates[@]}"; do
  [ -n "$candidate" ] || continue
  if "$candidate" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v "$candidate"
    exit 0
  fi
done
cat >&2 <<'MSG'
No working Python 3.10 found (rasa 3.6 needs Python 3.8-3.10).
Install one, then run the command again, for example:
  pyenv install 3.10.13            # with pyenv
  apt-get install python3.10-venv  # on Debian/Ubuntu releases that ship 3.10
or point PYTHON310 at an interpreter: make run PYTHON310=/path/to/python3.10
MSG
exit 1
