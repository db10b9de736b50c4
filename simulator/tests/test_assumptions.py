# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Every decision the reference leaves open is an S id in docs/simulator.md, cited in the code.

import os
import re

from _client import REPO_ROOT, SIM_DIR

S_ID = re.compile(r'\bS([0-9]{1,3})\b')


def _cited_in_code():
    cited = set()
    for folder, _dirs, files in os.walk(os.path.join(SIM_DIR, 'spe_simulator')):
        for name in files:
            if name.endswith('.py'):
                with open(os.path.join(folder, name), encoding='utf-8') as f:
                    cited.update(S_ID.findall(f.read()))
    return cited


def _documented():
    with open(os.path.join(REPO_ROOT, 'docs', 'simulator.md'), encoding='utf-8') as f:
        return set(re.findall(r'^- \*\*S([0-9]+)\*\*', f.read(), re.MULTILINE))


def test_every_cited_assumption_is_documented_and_every_documented_one_is_cited():
    cited, documented = _cited_in_code(), _documented()
    assert cited - documented == set()
    assert documented - cited == set()
