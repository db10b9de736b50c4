# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# S44, issue 14: a command's commit serialises what the command may have changed, whatever the
# number of instances the simulator holds. Counted, not timed: how many instance documents and
# system texts the commits serialise.

import json

import pytest
from _client import ADMIN

from spe_simulator import state as state_module

FLEET = 50


class Serialised:
    """Counts what state._dumps is given: system texts (they carry instance_ids) and instances."""

    def __init__(self):
        self.instances = 0
        self.system = 0

    def reset(self):
        self.instances = self.system = 0


@pytest.fixture
def dumps(monkeypatch):
    counts = Serialised()
    real = state_module._dumps  # pylint: disable=protected-access

    def counting(obj):
        if 'instance_ids' in obj:
            counts.system += 1
        else:
            counts.instances += 1
        return real(obj)

    monkeypatch.setattr(state_module, '_dumps', counting)
    return counts


def invoke(sim, command, **args):
    pairs = [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in args.items()]
    status, env = sim.sim.invoke(command, pairs, ADMIN)
    assert status == 200, env
    return env


def ok(sim, command, **args):
    env = invoke(sim, command, **args)
    assert env['statusCode'] == 'succeeded', env
    return env['result']


def create(sim, instance_id):
    ok(sim, 'CreateInstance', config={'instanceID': instance_id, 'instanceHost': 'spe-host01'})


@pytest.fixture
def fleet(sim):
    """FLEET stopped instances, and the check of every commit turned off: it serialises everything."""
    sim.sim.store.check_commits = False
    for i in range(FLEET):
        create(sim, 'fleet%02d' % i)
    return sim


def assert_disk_is_memory(sim):
    store = sim.sim.store
    assert store.read_disk() == store.data  # what a restart would load


def test_create_instance_serialises_only_the_new_instance(fleet, dumps):
    create(fleet, 'newcomer')
    assert (dumps.instances, dumps.system) == (1, 1)  # the new shard and the state file listing it
    assert 'newcomer' in fleet.sim.store.read_disk()['instances']  # read_disk follows instance_ids
    assert_disk_is_memory(fleet)


def test_instance_write_serialises_that_instance_and_no_system_text(fleet, dumps):
    ok(fleet, 'StartInstances', instanceFilter='fleet07')
    ok(fleet, 'SetArchiveAdminEnabled', instanceID='fleet07', enabled=True)
    dumps.reset()
    ok(fleet, 'CreateUser', instanceID='fleet07', userName='bob', privileges='login')
    assert (dumps.instances, dumps.system) == (1, 0)
    ok(fleet, 'SetSmtpSettings', instanceID='fleet07', settings={'hostname': 'smtp.example.com'})
    assert (dumps.instances, dumps.system) == (2, 0)
    # A failed write restores that instance only, from its text: nothing is serialised.
    invoke(fleet, 'CreateUser', instanceID='fleet07', userName='bob', privileges='login')
    assert (dumps.instances, dumps.system) == (2, 0)
    assert [u['userName'] for u in fleet.sim.store.read_disk()['instances']['fleet07']['users']][-1] == 'bob'
    assert_disk_is_memory(fleet)


def test_instance_command_that_changes_the_system_part_still_persists_it(fleet, dumps):
    ok(fleet, 'StartInstances', instanceFilter='fleet03')
    ok(fleet, 'SetArchiveAdminEnabled', instanceID='fleet03', enabled=True)
    before = fleet.sim.store.read_disk()['next_job_id']
    dumps.reset()
    ok(fleet, 'CreateJob', instanceID='fleet03', name='nightly', action='VerifyStores', date='2030-01-01T00:00:00')
    assert (dumps.instances, dumps.system) == (1, 1)  # CreateJob takes the next job id of the system part
    assert fleet.sim.store.read_disk()['next_job_id'] == before + 1
    assert_disk_is_memory(fleet)


def test_system_command_serialises_the_instances_it_changes(fleet, dumps):
    ok(fleet, 'StartInstances', instanceFilter='fleet01 fleet02')
    assert (dumps.instances, dumps.system) == (2, 1)
    dumps.reset()
    # Nothing left to start among these: nothing to serialise but the system part.
    ok(fleet, 'StartInstances', instanceFilter='fleet01 fleet02 .stopped')
    ok(fleet, 'ThawInstances', instanceFilter='*')
    assert dumps.instances == 0
    # A command over the whole fleet persists every instance it changed.
    ok(fleet, 'StartInstances', instanceFilter='*')
    assert dumps.instances == FLEET - 2
    disk = fleet.sim.store.read_disk()['instances']
    assert {inst['status'] for inst in disk.values()} == {'running'}
    assert_disk_is_memory(fleet)


def test_delete_instances_serialises_no_instance(fleet, dumps):
    result = ok(fleet, 'DeleteInstances', instanceFilter='fleet10 fleet11')
    assert result['deleted'] == ['fleet10', 'fleet11']
    assert (dumps.instances, dumps.system) == (0, 1)
    assert not {'fleet10', 'fleet11'} & set(fleet.sim.store.read_disk()['instances'])
    assert_disk_is_memory(fleet)


def test_failed_system_command_restores_what_it_touched(fleet, dumps):
    ok(fleet, 'StartInstances', instanceFilter='fleet05')
    ok(fleet, 'SetArchiveAdminEnabled', instanceID='fleet05', enabled=True)
    job = ok(
        fleet, 'CreateJob', instanceID='fleet05', name='nightly', action='VerifyStores', date='2030-01-01T00:00:00'
    )
    on_disk = fleet.sim.store.read_disk()
    dumps.reset()
    # SetJobSchedule sets the time zone, then fails on the schedule: the instance is restored.
    env = invoke(fleet, 'SetJobSchedule', id=job['id'], timeZoneId='UTC', date='not a date')
    assert env['statusCode'] == 'failed'
    assert dumps.instances == 0
    assert fleet.sim.store.data == on_disk
    assert fleet.sim.store.data['instances']['fleet05']['jobs'][0]['timeZoneId'] == '$Local'
