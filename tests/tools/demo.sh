#!/usr/bin/env bash
# `make demo`: the main job against a simulator that the Makefile has started (env.sh sourced).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
step() { printf '\n=== %s\n' "$1"; }

step "Converge a tenant (playbooks/quickstart.yml) over verified TLS (CA: $MAILSTORE_SPE_CA_PATH)"
ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" playbooks/quickstart.yml
step "Run it again: nothing to change"
ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" playbooks/quickstart.yml
