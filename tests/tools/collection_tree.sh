#!/usr/bin/env bash
# Copy this checkout (tracked files plus untracked, non-ignored ones) into
# DEST/ansible_collections/mailstore/spe, the layout ansible-test insists on.
set -euo pipefail
dest=$1
repo=$(cd "$(dirname "$0")/../.." && pwd)
target="$dest/ansible_collections/mailstore/spe"
rm -rf "$target"
mkdir -p "$target"
cd "$repo"
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' |
    tar --null -T - -cf - | tar -xf - -C "$target"
echo "$target"
