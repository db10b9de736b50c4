#!/usr/bin/env bash
# `make molecule`: `molecule test` for every scenario under extensions/molecule/, from the
# collection root (molecule 26 finds the scenarios and the shared config.yml there because
# galaxy.yml is in the working directory). Each scenario starts and stops its own simulator.
# Needs ANSIBLE_COLLECTIONS_PATH with this checkout as ansible_collections/mailstore/spe and
# the venv's bin on PATH (the Makefile sets both).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
export ANSIBLE_NOCOLOR=1 PY_COLORS=0 ANSIBLE_FORCE_COLOR=0
# The simulator is started with the venv's python (tests/tools/simulator.sh).
export PYTHON=${PYTHON:-$repo/.venv/bin/python}

scenarios=()
for file in extensions/molecule/*/molecule.yml; do
    scenarios+=("$(basename "$(dirname "$file")")")
done

failed=()
passed=0
for scenario in "${scenarios[@]}"; do
    printf '\n=== molecule test -s %s\n' "$scenario"
    start=$SECONDS
    if molecule test -s "$scenario"; then
        passed=$((passed + 1))
        printf '=== %s passed in %ss\n' "$scenario" $((SECONDS - start))
    else
        failed+=("$scenario")
        printf '=== %s FAILED after %ss\n' "$scenario" $((SECONDS - start))
    fi
done

printf '\nmolecule: %d passed, %d failed\n' "$passed" "${#failed[@]}"
[ "${#failed[@]}" -eq 0 ] || { echo "failed scenarios: ${failed[*]}" >&2; exit 1; }
