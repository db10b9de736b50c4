#!/usr/bin/env bash
# `make docs`: the documentation site (module and role reference with the guides) built with
# antsibull-docs and Sphinx into .cache/docsite/build/html.
#
# Warnings are errors, except the ones that only say the network is unreachable: without it
# Sphinx cannot fetch the intersphinx inventories of docs.python.org, jinja.palletsprojects.com
# and docs.ansible.com ("failed to reach any of the inventories"), and so cannot resolve the
# labels of Ansible's own documentation that antsibull-docs' generated pages refer to
# (action_plugins, common_return_values, ansible_configuration_settings: "undefined label"
# for any label outside this collection's ansible_collections.mailstore.spe. namespace).
# With the network, neither appears, and every warning fails the build.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VENV_BIN:-$repo/.venv/bin}
site=$repo/.cache/docsite
export PATH=$bin:$PATH

"$bin/python" "$repo/tests/tools/docsite_guides.py"
rm -rf "$site"
mkdir -p "$site"
antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir "$site" \
    --project mailstore.spe --title mailstore.spe mailstore.spe >/dev/null
cd "$site"
mkdir -p rst
chmod og-w rst
antsibull-docs --config-file antsibull-docs.cfg collection --cleanup everything --fail-on-error \
    --use-current --dest-dir rst mailstore.spe
sphinx-build -M html rst build -c . -q -w warnings.log --keep-going

# A warning is a "failed to reach" line, one of its "intersphinx inventory" lines, an undefined
# label of Ansible's documentation, or a real one.
network_only="failed to reach any of the inventories|^intersphinx inventory |undefined label: '"'(?!ansible_collections\.mailstore\.spe\.)'
real=$(grep -vP "$network_only" warnings.log || true)
if [ -n "$real" ]; then
    printf 'docs: Sphinx warnings:\n%s\n' "$real" >&2
    exit 1
fi
echo "docs: built $site/build/html/index.html"
