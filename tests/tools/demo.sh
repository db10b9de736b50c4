#!/usr/bin/env bash
# `make demo`: the GitOps cycle against a simulator that the Makefile has started with two
# instance hosts (env.sh sourced, so the MAILSTORE_SPE_* variables point at it):
#   converge the platform (hosts, client access server, administrators), onboard the three
#   example tenants, run both again (nothing changes), edit a tenant in a copy of the inventory,
#   and let drift.yml predict what onboarding would change.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
step() { printf '\n=== %s\n' "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

no_change() {  # the recap of $1 says changed=0 for every host
    if grep -Eq 'changed=[1-9]' "$1"; then
        echo "demo: the second run changed something" >&2
        exit 1
    fi
}

step "Converge the platform from playbooks/inventory/group_vars/platform (API at https://$MAILSTORE_SPE_SERVER:$MAILSTORE_SPE_PORT, CA $MAILSTORE_SPE_CA_PATH)"
ansible-playbook -i playbooks/inventory playbooks/platform.yml

step "Onboard acme, globex and initech from playbooks/inventory"
ansible-playbook -i playbooks/inventory playbooks/onboard.yml

step "Run both again: the platform and every tenant are converged, nothing changes"
ansible-playbook -i playbooks/inventory playbooks/platform.yml | tee "$work/second-platform-run.log"
no_change "$work/second-platform-run.log"
echo "demo: second run: changed=0 for the platform"
ansible-playbook -i playbooks/inventory playbooks/onboard.yml | tee "$work/second-run.log"
no_change "$work/second-run.log"
echo "demo: second run: changed=0 for every tenant"

step "Copy the inventory to $work/inventory and edit acme there: a new user, a new full name for asmith, another display name"
cp -r playbooks/inventory "$work/inventory"
acme="$work/inventory/host_vars/acme.yml"
sed -i -e 's/^  display_name: ACME Corp$/  display_name: ACME Corporation/' \
       -e 's/^      full_name: Anna Smith$/      full_name: Anna Smith-Jones/' "$acme"
# A new user, appended to the users list (just before `jobs:`).
new_user='    - user_name: mmiller
      full_name: Maria Miller
      email_addresses: [maria.miller@acme.example]
      privileges: [login, change_password]
      user_password: "{{ vault_acme_initial_password }}"
      folder_access:
        - folder: mmiller
          privileges: [read]'
awk -v user="$new_user" '/^  jobs:$/ { print user } { print }' "$acme" >"$acme.new" && mv "$acme.new" "$acme"
diff -u playbooks/inventory/host_vars/acme.yml "$acme" || true

step "drift.yml against the edited copy: what onboard.yml would change (check mode, nothing is written)"
ansible-playbook -i "$work/inventory" playbooks/drift.yml
