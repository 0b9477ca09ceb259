#!/usr/bin/env bash
# A chat in the terminal: starts the action server, opens the Rasa shell, stops the action server after.
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIONS_PORT=${ACTIONS_PORT:-5055}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}  # must point at ACTIONS_PORT
mkdir -p var/log
.venv/bin/rasa run actions --actions bot.actions --port "$ACTIONS_PORT" >var/log/actions.log 2>&1 &
actions=$!
trap 'kill $actions 2>/dev/null; wait $actions 2>/dev/null || true' EXIT INT TERM HUP
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://localhost:$ACTIONS_PORT/health" 2>/dev/null && break
  kill -0 $actions 2>/dev/null || { echo "action server exited; see var/log/actions.log" >&2; exit 1; }
  sleep 1
done
.venv/bin/rasa shell --model models/advisor.tar.gz --endpoints "$ENDPOINTS" "$@"
