# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""README.md serves a user: its Installation and Quickstart shell blocks, run verbatim in a clean
HOME (only the install source is the built tarball instead of Galaxy), converge the quickstart
tenant in the simulator they start and a second run changes nothing; it links every guide."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
import requests
from _release import BIN, REPO

GALAXY_INSTALL = 'ansible-galaxy collection install mailstore.spe\n'
RECAP = re.compile(r'^localhost\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=0\s', re.MULTILINE)


def readme():
    with open(os.path.join(REPO, 'README.md'), encoding='utf-8') as f:
        return f.read()


def section(text, title):
    match = re.search(r'^## %s\n(.*?)(?=^## )' % re.escape(title), text, re.MULTILINE | re.DOTALL)
    assert match, 'README.md has no section "## %s"' % title
    return match.group(1)


def shell_blocks(text):
    return re.findall(r'^```sh\n(.*?)^```$', text, re.MULTILINE | re.DOTALL)


def bash(script, home):
    """script in bash -e, as a user's shell in a clean HOME with the venv's tools on PATH: no
    collection but the one the script installs, no connection settings but the ones it sets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'MAILSTORE_SPE_', 'PYTHON'))}
    env.update(HOME=str(home), PATH=BIN + os.pathsep + os.environ['PATH'], ANSIBLE_NOCOLOR='1')
    done = subprocess.run(
        ['bash', '-euo', 'pipefail', '-c', script],
        cwd=str(home),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, '%s\nfailed (%d):\n%s\n%s' % (script, done.returncode, done.stdout, done.stderr)
    return done.stdout


def changed(output):
    (count,) = RECAP.findall(output)
    return int(count)


def call(exports, command, **args):
    """Read the simulator back with a plain HTTP client (not the collection's)."""
    session = requests.Session()
    session.trust_env = False
    url = 'https://%s:%s/api/invoke/%s' % (exports['MAILSTORE_SPE_SERVER'], exports['MAILSTORE_SPE_PORT'], command)
    response = session.post(
        url,
        data=args,
        auth=(exports['MAILSTORE_SPE_USERNAME'], exports['MAILSTORE_SPE_PASSWORD']),
        verify=exports['MAILSTORE_SPE_CA_PATH'],
        timeout=30,
    )
    response.raise_for_status()
    envelope = json.loads(response.content.decode('utf-8-sig'))  # the API answers with a BOM
    assert envelope['statusCode'] == 'succeeded', envelope
    return envelope['result']


@pytest.fixture
def quickstart_blocks():
    """(install, start and run, stop) as README.md has them."""
    text = readme()
    (install,) = shell_blocks(section(text, 'Installation'))
    start, stop = shell_blocks(section(text, 'Quickstart'))
    assert install.count(GALAXY_INSTALL) == 1 and '--stop' in stop and '--stop' not in start
    return install, start, stop


def test_readme_quickstart_converges_against_the_simulator_it_starts(quickstart_blocks, tarball, tmp_path):
    install, start, stop = quickstart_blocks
    home = tmp_path / 'home'
    home.mkdir()
    bash(install.replace(GALAXY_INSTALL, 'ansible-galaxy collection install %s\n' % tarball), home)
    assert (home / '.ansible/collections/ansible_collections/mailstore/spe/MANIFEST.json').is_file()
    try:
        first = bash(start + 'env | grep ^MAILSTORE_SPE_\n', home)
        assert changed(first) > 0
        exports = dict(line.split('=', 1) for line in first.splitlines() if line.startswith('MAILSTORE_SPE_'))

        (instance,) = call(exports, 'GetInstances', instanceFilter='quickstart')
        assert instance['status'] == 'running'
        assert [s['name'] for s in call(exports, 'GetStores', instanceID='quickstart')] == ['Archive 2026']
        user = call(exports, 'GetUserInfo', instanceID='quickstart', userName='jdoe')
        assert user['fullName'] == 'Jane Doe' and user['emailAddresses'] == ['jane.doe@quickstart.example']

        # the same block again: the simulator that runs is kept, and the tenant is converged
        second = bash(start, home)
        assert changed(second) == 0
    finally:
        stopped = bash(stop, home)
    assert 'stopped' in stopped
    assert not (home / 'spe-quickstart' / 'pid').exists()


def test_readme_links_every_guide_and_every_link_resolves():
    text = readme()
    linked = set(re.findall(r'\]\(([^)#]+)(?:#[^)]*)?\)', text))
    local = {target for target in linked if not re.match(r'^[a-z]+://', target)}
    assert [target for target in sorted(local) if not os.path.exists(os.path.join(REPO, target))] == []
    guides = {'docs/' + name for name in os.listdir(os.path.join(REPO, 'docs')) if name.endswith('.md')}
    documentation = set(re.findall(r'\]\((docs/[^)]+\.md)\)', section(text, 'Documentation')))
    assert sorted(guides - documentation) == []
