#!/usr/bin/env bash
# ansible-test sanity over the whole collection, from a copy in the layout it requires.
# When the pip bootstrap script cannot be downloaded (no route to its host), an
# ensurepip-based stand-in is put in ansible-test's cache first.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VENV_BIN:-$repo/.venv/bin}
# The pip version ansible-test bootstraps its sanity environments with.
pip_version=$("$bin/python" -c 'import types
from ansible_test._internal.python_requirements import get_venv_packages
print(get_venv_packages(types.SimpleNamespace(version="3.11"))["pip"])')
cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
if [ ! -s "$cache" ]; then
    mkdir -p "$(dirname "$cache")"
    if ! "$bin/python" -c "import urllib.request,sys; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])" \
            "https://ci-files.testing.ansible.com/ansible-test/get-pip-$pip_version.py" "$cache.download" 2>/dev/null; then
        echo "sanity: pip bootstrap script unreachable; using the ensurepip stand-in" >&2
        cp "$repo/tests/tools/get_pip_offline.py" "$cache.download"
    fi
    mv "$cache.download" "$cache"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=$("$repo/tests/tools/collection_tree.sh" "$work")
cd "$target"
PATH="$bin:$PATH" "$bin/ansible-test" sanity --python 3.11 --color no "$@"
