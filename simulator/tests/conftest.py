# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import os
import sys

import pytest

# The helper modules beside this file are imported by plain name, whatever pytest's import mode.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _client import ADMIN, PASSWORD, Api, make_instance  # noqa: E402  pylint: disable=wrong-import-position

from spe_simulator.server import start  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope='session')
def tls_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp('tls'))


@pytest.fixture
def sim(tmp_path, tls_dir):
    server = start('127.0.0.1', 0, str(tmp_path / 'state.json'), tls_dir, ADMIN, PASSWORD, async_duration=0.2)
    # Every commit that compares only what the command said it touched also checks that nothing
    # else changed (S44): a command that changes more than it says fails its test.
    server.sim.store.check_commits = True
    yield server
    server.stop()


@pytest.fixture
def api(sim):
    client = Api(sim)
    yield client
    client.session.close()


@pytest.fixture
def acme(api):
    return make_instance(api)
