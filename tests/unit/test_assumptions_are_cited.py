# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module-side assumption about SPE is in docs/assumptions.md, with an id the code cites
beside the line that depends on it (the guide's principle 7): no entry without a citation, no
citation without an entry, and the code each entry names exists."""

from __future__ import annotations

import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULE_UTILS = os.path.join(REPO, 'plugins', 'module_utils')
ROW = re.compile(r'^\| (M\d+) \| .* \| (.*) \| .* \|$', re.M)
CITATION = re.compile(r'\bM(\d+)\b')
FILE = re.compile(r'`((?:declarations/)?\w+\.py)`')


def entries():
    with open(os.path.join(REPO, 'docs', 'assumptions.md'), encoding='utf-8') as handle:
        return ROW.findall(handle.read())


def citations():
    cited = {}
    for directory, _dirs, files in os.walk(os.path.join(REPO, 'plugins')):
        for name in files:
            if name.endswith('.py'):
                path = os.path.join(directory, name)
                with open(path, encoding='utf-8') as handle:
                    for number in CITATION.findall(handle.read()):
                        cited.setdefault('M' + number, set()).add(os.path.relpath(path, REPO))
    return cited


def test_the_ids_run_from_m1_without_gaps():
    ids = [identifier for identifier, _code in entries()]
    assert ids == ['M%d' % n for n in range(1, len(ids) + 1)]


def test_every_assumption_is_cited_by_the_code_and_every_citation_has_an_entry():
    ids = {identifier for identifier, _code in entries()}
    cited = citations()
    assert sorted(ids - set(cited), key=lambda i: int(i[1:])) == []
    assert {i: sorted(paths) for i, paths in cited.items() if i not in ids} == {}


def test_the_code_each_entry_names_exists():
    missing = [
        (identifier, name)
        for identifier, code in entries()
        for name in FILE.findall(code)
        if not os.path.exists(os.path.join(MODULE_UTILS, name))
    ]
    assert missing == []
