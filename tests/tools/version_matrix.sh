#!/usr/bin/env bash
# `make versions`: the ansible-core versions meta/runtime.yml claims (requires_ansible) are tested.
# For every minor from the floor to the newest supported, in its own virtual environment:
#   ansible-test sanity over the whole collection, and the unit tests under tests/unit/plugins;
# on the floor version also the module process path (MAILSTORE_SPE_EXECUTION=module): the
# example tenants onboarded twice against a simulator, the second run changing nothing.
#
# Each venv lives in ~/.cache/mailstore-spe/versions/<ansible-core version>-<hash of what is installed in it>,
# so a second run only runs the tests. VERSIONS="2.16.19 2.17.14" runs a subset.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
python=${PYTHON:-python3}
# Outside the checkout, so that every clone on the machine (CI's fresh ones too) reuses the venvs.
cache=${MAILSTORE_SPE_VERSIONS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mailstore-spe/versions}
dev_bin=$repo/.venv/bin  # the simulator runs from the development venv (make venv)

# The newest patch release of every minor from requires_ansible's floor up.
FLOOR=2.16.19
ALL_VERSIONS="$FLOOR 2.17.14 2.18.19 2.19.14"
# `make test` runs sanity and the unit tests on the development venv's ansible-core already (make
# sanity, make units): SKIP_COVERED=1 (make test sets it) leaves that version out here.
dev_version=$("$dev_bin/python" -c 'from ansible.release import __version__; print(__version__)')
if [ -z "${VERSIONS:-}" ]; then
    VERSIONS=
    for version in $ALL_VERSIONS; do
        if [ "${SKIP_COVERED:-0}" = 1 ] && [ "$version" = "$dev_version" ]; then
            echo "versions: ansible-core $version is the development venv's: make sanity and make units test it"
            continue
        fi
        VERSIONS="$VERSIONS $version"
    done
fi

floor_minor=$(sed -n "s/^requires_ansible: *[\"']>=\([0-9]*\.[0-9]*\)\..*/\1/p" meta/runtime.yml)
[ "${FLOOR%.*}" = "$floor_minor" ] || {
    echo "versions: meta/runtime.yml claims >=$floor_minor but the matrix floor is $FLOOR" >&2
    exit 1
}

# What the unit tests need besides ansible-core, at the versions requirements-dev.txt pins.
test_requirements=$(grep -E '^(pytest|pytest-timeout|pytest-xdist|requests|trustme|cryptography|urllib3)==' requirements-dev.txt)

venv_for() {
    local version=$1 key dir
    key=$(printf '%s\n%s\n' "$version" "$test_requirements" | sha256sum | cut -c1-12)
    dir=$cache/$version-$key
    if [ ! -f "$dir/.installed" ]; then
        rm -rf "$dir"
        "$python" -m venv "$dir" >&2
        # shellcheck disable=SC2086
        "$dir/bin/pip" install --quiet "ansible-core==$version" $test_requirements >&2
        touch "$dir/.installed"
    fi
    echo "$dir"
}

module_path() {
    local venv=$1 work status=0
    work=$(mktemp -d)
    PYTHON=$dev_bin/python tests/tools/simulator.sh start "$work/sim" >/dev/null
    mkdir -p "$work/collections/ansible_collections/mailstore"
    ln -s "$repo" "$work/collections/ansible_collections/mailstore/spe"
    module_path_runs "$venv" "$work" || status=$?
    PYTHON=$dev_bin/python tests/tools/simulator.sh stop "$work/sim"
    rm -rf "$work"
    return $status
}

# The example tenants onboarded twice with module processes: the second run changes nothing.
module_path_runs() {
    local venv=$1 work=$2
    (
        # shellcheck disable=SC1091
        . "$work/sim/env.sh"
        export MAILSTORE_SPE_EXECUTION=module ANSIBLE_COLLECTIONS_PATH=$work/collections ANSIBLE_NOCOLOR=1
        "$venv/bin/ansible-playbook" -vvv -i playbooks/inventory playbooks/onboard.yml >"$work/first.log" &&
            "$venv/bin/ansible-playbook" -i playbooks/inventory playbooks/onboard.yml >"$work/second.log"
    ) || { tail -40 "$work"/*.log >&2; return 1; }
    # No secret of the example inventory in the -vvv output of the module processes either.
    local secret
    while read -r secret; do
        if grep -qF -- "$secret" "$work/first.log"; then
            echo "versions: a secret of the example inventory is in the -vvv output of the module processes" >&2
            return 1
        fi
    done < <(sed -n 's/^vault_[a-z_]*: *//p' playbooks/inventory/group_vars/tenants/vault.yml)
    # A module process: Ansible builds an AnsiballZ payload for the task.
    grep -q 'AnsiballZ_spe_tenant.py' "$work/first.log" || {
        echo "versions: the first run did not run spe_tenant as a module process" >&2
        return 1
    }
    if ! grep -q 'acme .*changed=0' "$work/second.log" || grep -Eq 'changed=[1-9]|failed=[1-9]' "$work/second.log"; then
        cat "$work/second.log" >&2
        echo "versions: the second run with module processes changed something" >&2
        return 1
    fi
}

failed=()
for version in $VERSIONS; do
    start=$SECONDS
    printf '\n=== ansible-core %s\n' "$version"
    venv=$(venv_for "$version")
    steps=(sanity units)
    [ "$version" = "$FLOOR" ] && steps+=(module_path)
    for step in "${steps[@]}"; do
        case $step in
        sanity) VENV_BIN=$venv/bin tests/tools/sanity.sh ;;
        units) "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/unit/plugins -n 2 ;;
        module_path) module_path "$venv" ;;
        esac || failed+=("$version:$step")
    done
    printf '=== ansible-core %s done in %ss\n' "$version" $((SECONDS - start))
done

if [ "${#failed[@]}" -ne 0 ]; then
    echo "versions: failed: ${failed[*]}" >&2
    exit 1
fi
echo "versions: sanity and unit tests pass on ansible-core $VERSIONS"
