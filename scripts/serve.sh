#!/usr/bin/env bash
# Starts the lead delivery worker, the action server, the Rasa server and the product page, waits until all
# answer, stops all on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:$WEB_PORT}
MODEL=${MODEL:-models/advisor.tar.gz}
LOG_DIR=${LOG_DIR:-var/log}
mkdir -p "$LOG_DIR"
# Conversations survive a restart: Rasa's SQL tracker store (SQLite under var/ unless set); the dashboard reads it.
export ADVISOR_TRACKER_URL=${ADVISOR_TRACKER_URL:-sqlite:///$PWD/var/tracker.db}
# The dashboard's password: $ADVISOR_ADMIN_PASSWORD, else the file (created, mode 0600, at first start).
PASSWORD_FILE=${ADVISOR_ADMIN_PASSWORD_FILE:-var/admin-password}
new_password=""
if [ -z "${ADVISOR_ADMIN_PASSWORD:-}" ]; then new_password=$(.venv/bin/python -m web.auth "$PASSWORD_FILE"); fi
# The Rasa server's Sanic refuses bodies over 64 KB before reading them (413); longer messages are refused
# without NLU. Not the action server's: Rasa sends it the whole conversation.
REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-65536}

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "Stopping..."
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

wait_for() {  # url, name, pid
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited; see $LOG_DIR" >&2; exit 1; }
    sleep 1
  done
  echo "$2 did not start within 180 s; see $LOG_DIR" >&2
  exit 1
}

# Sends each lead's events to LEAD_WEBHOOK_URL / LEAD_EMAIL_TO; with neither set they wait in the outbox.
.venv/bin/python -m knowledge.delivery >"$LOG_DIR/delivery.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do  # up once it has reached the database and logged its targets
  grep -q "delivering to" "$LOG_DIR/delivery.log" 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "delivery worker exited; see $LOG_DIR" >&2; exit 1; }
  sleep 0.5
done

.venv/bin/rasa run actions --actions bot.actions --port "$ACTIONS_PORT" >"$LOG_DIR/actions.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$ACTIONS_PORT/health" "action server" "${pids[-1]}"

# endpoints.yml names the default action server port; follow ACTIONS_PORT. Keep conversations in SQL.
{ sed "s#localhost:5055#localhost:$ACTIONS_PORT#" endpoints.yml
  printf '\n# Conversations (added by scripts/serve.sh).\ntracker_store:\n  type: bot.tracker_store.ErasingSQLTrackerStore\n  url: "%s"\n' "$ADVISOR_TRACKER_URL"
} > var/endpoints.yml

# REST and socketio always; Telegram, Slack, Facebook, Twilio only when their variables are set (README).
.venv/bin/python -m bot.channels.credentials var/credentials.yml

# Rasa's HTTP API stays off unless RASA_AUTH_TOKEN is set; CORS admits only the page's origin.
api_flags=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then api_flags=(--enable-api --auth-token "$RASA_AUTH_TOKEN"); fi
SANIC_REQUEST_MAX_SIZE=$REQUEST_MAX_SIZE .venv/bin/rasa run --model "$MODEL" --port "$RASA_PORT" --endpoints var/endpoints.yml \
  --credentials var/credentials.yml --cors "$WEB_ORIGIN" "${api_flags[@]}" >"$LOG_DIR/rasa.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$RASA_PORT/webhooks/rest/" "Rasa server" "${pids[-1]}"

.venv/bin/python web/server.py --port "$WEB_PORT" --assistant-url "http://localhost:$RASA_PORT" \
  --admin-password-file "$PASSWORD_FILE" >"$LOG_DIR/web.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$WEB_PORT/" "web page" "${pids[-1]}"

# Retention: conversations and needs-only leads older than CONVERSATION_RETENTION_DAYS (90), now and daily.
.venv/bin/python -m knowledge purge --every 86400 >"$LOG_DIR/purge.log" 2>&1 &
pids+=($!)

cat <<MSG
The Outsourcing Advisor is up.
  Web page: http://localhost:$WEB_PORT/  (Italiano: http://localhost:$WEB_PORT/it.html)
  REST API: POST http://localhost:$RASA_PORT/webhooks/rest/webhook  {"sender": "me", "message": "What is BPO?"}
  Dashboard: http://localhost:$WEB_PORT/admin/  (password: ${new_password:-\$ADVISOR_ADMIN_PASSWORD or $PASSWORD_FILE})
  Logs:     $LOG_DIR/
Press Ctrl-C to stop.
MSG
[ -z "$new_password" ] || echo "The dashboard password above was generated now and is shown only once (kept in $PASSWORD_FILE)."
wait -n "${pids[@]}"
