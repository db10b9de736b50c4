# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The documentation site's sources are current and lint clean, as the installed collection
ships them: antsibull-docs checks the plugin and role docs, docs/docsite/ and the guides' RST."""

from __future__ import annotations

import os
import sys

from _release import BIN, REPO, run


def test_guides_rst_is_generated_from_the_current_markdown():
    run(sys.executable, os.path.join(REPO, 'tests', 'tools', 'docsite_guides.py'), '--check')


def test_lint_collection_docs_passes_on_the_installed_collection(installed):
    collections, root = installed
    done = run(
        os.path.join(BIN, 'antsibull-docs'),
        'lint-collection-docs',
        '--plugin-docs',
        str(root),
        env={'ANSIBLE_COLLECTIONS_PATH': str(collections)},
    )
    assert done.stdout.strip() == ''
