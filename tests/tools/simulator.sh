#!/usr/bin/env bash
# Start or stop a simulator in the background for `make demo` and `make bench`.
#   simulator.sh start DIR   -> state, TLS files, port, pid and env.sh in DIR
#   simulator.sh stop DIR
set -euo pipefail
cmd=$1 dir=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
case "$cmd" in
start)
    mkdir -p "$dir"
    # `--admin-password=` below: a generated password may start with '-'.
    password=${SIMULATOR_PASSWORD:-$("$python" -c 'import secrets; print(secrets.token_urlsafe(18))')}
    read -r -a extra_args <<<"${SIMULATOR_ARGS:-}"  # e.g. SIMULATOR_ARGS="--async-duration 0.1"
    "$python" -m spe_simulator --bind 127.0.0.1 --port 0 --state-file "$dir/state.json" \
        --tls-dir "$dir/tls" --admin-password="$password" "${extra_args[@]}" >"$dir/simulator.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
        port=$(sed -n 's/^spe-simulator listening on https:\/\/[^:]*:\([0-9]*\)$/\1/p' "$dir/simulator.log")
        [ -n "$port" ] && break
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || { cat "$dir/simulator.log" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$port" ] || { echo "simulator did not start" >&2; exit 1; }
    cat >"$dir/env.sh" <<ENV
export MAILSTORE_SPE_SERVER=localhost
export MAILSTORE_SPE_PORT=$port
export MAILSTORE_SPE_USERNAME=admin
export MAILSTORE_SPE_PASSWORD='$password'
export MAILSTORE_SPE_CA_PATH='$dir/tls/ca.pem'
ENV
    echo "simulator running on https://localhost:$port (pid $(cat "$dir/pid"))"
    ;;
stop)
    if [ -f "$dir/pid" ]; then
        kill "$(cat "$dir/pid")" 2>/dev/null || true
        while kill -0 "$(cat "$dir/pid")" 2>/dev/null; do sleep 0.1; done
        rm -f "$dir/pid"
    fi
    ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
