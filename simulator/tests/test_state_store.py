# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# S44: the split state layout (system file + one file per instance), partial commits,
# crash consistency and rollback.

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from _client import ADMIN, PASSWORD, SIM_DIR, Api, make_instance

from spe_simulator.server import start
from spe_simulator.state import ALL, StateError, StateStore


def _inodes(store):
    files = {'system': store.path}
    for name in os.listdir(store.shard_dir):
        files[name] = os.path.join(store.shard_dir, name)
    return {k: os.stat(p).st_ino for k, p in files.items()}


def _store(tmp_path):
    return StateStore(str(tmp_path / 'state.json'), 'spe-host01', ADMIN, PASSWORD)


def test_instance_write_rewrites_only_that_shard(sim, api):
    for iid in ('acme', 'beta', 'gamma'):
        make_instance(api, iid)
    store = sim.sim.store
    before = _inodes(store)
    written = store.files_written
    api.ok('CreateUser', instanceID='beta', userName='bob', privileges='login', password='UserPassw0rd!')
    after = _inodes(store)
    assert store.files_written == written + 1
    assert after['beta.json'] != before['beta.json']
    assert {k: v for k, v in after.items() if k != 'beta.json'} == {k: v for k, v in before.items() if k != 'beta.json'}
    # A command that changes nothing writes nothing.
    api.ok('GetUsers', instanceID='beta')
    assert store.files_written == written + 1
    assert 'bob' in [u['userName'] for u in store.read_disk()['instances']['beta']['users']]


def test_layout_and_restart(tmp_path, tls_dir):
    state_file = str(tmp_path / 'state.json')
    server = start('127.0.0.1', 0, state_file, tls_dir, ADMIN, PASSWORD, async_duration=0.1)
    api = Api(server)
    try:
        make_instance(api, 'acme')
        make_instance(api, 'beta')
        api.ok('CreateUser', instanceID='acme', userName='ann', privileges='login', password='UserPassw0rd!')
        api.ok('StopInstances', instanceFilter='beta')
        api.ok('DeleteInstances', instanceFilter='beta')
        expected = json.loads(json.dumps(server.state))
    finally:
        api.session.close()
        server.stop()
    with open(state_file, encoding='utf-8') as f:
        system = json.load(f)
    assert system['instance_ids'] == ['acme'] and 'instances' not in system
    assert sorted(os.listdir(state_file + '.d')) == ['acme.json']
    assert not os.path.exists(state_file + '.journal')
    store = StateStore(state_file, 'spe-host01', ADMIN, PASSWORD)
    assert store.data == expected


def test_failed_write_rolls_back(sim, api):
    acme = make_instance(api, 'acme')
    make_instance(api, 'beta')
    store = sim.sim.store
    on_disk = store.read_disk()
    written = store.files_written
    # Handlers that change the instance and the system part, then fail.
    calls = []

    def boom(ctx, inst):
        inst['users'].append({'userName': 'ghost'})
        ctx.state['next_job_id'] += 100
        ctx.state['instances']['beta']['status'] = 'frozen'
        calls.append(1)
        raise RuntimeError('boom')

    def boom_system(ctx):
        ctx.state['instances']['beta']['status'] = 'frozen'
        ctx.state['instances']['zzz-new'] = {'config': {}}
        del ctx.state['instances']['acme']
        ctx.state['branding_reloads'] += 5
        raise RuntimeError('boom')

    from spe_simulator.registry import COMMANDS, INSTANCE, SYSTEM, Command, arg

    COMMANDS['_TestBoom'] = Command('_TestBoom', boom, INSTANCE, [arg('instanceID')], False, False, False, False)
    COMMANDS['_TestBoomSystem'] = Command('_TestBoomSystem', boom_system, SYSTEM, [], False, False, False, False)
    try:
        status, env = sim.sim.invoke('_TestBoom', [('instanceID', acme)], ADMIN)
        assert status == 500 and env['statusCode'] == 'failed' and calls
        status, env = sim.sim.invoke('_TestBoomSystem', [], ADMIN)
        assert status == 500 and env['statusCode'] == 'failed'
    finally:
        del COMMANDS['_TestBoom'], COMMANDS['_TestBoomSystem']
    assert store.files_written == written
    assert store.read_disk() == on_disk
    # Memory is back to the last committed state for everything the instance command touched.
    assert [u['userName'] for u in store.data['instances']['acme']['users']] == [
        u['userName'] for u in on_disk['instances']['acme']['users']
    ]
    assert store.data['next_job_id'] == on_disk['next_job_id']
    assert store.data['branding_reloads'] == on_disk['branding_reloads']
    assert sorted(store.data['instances']) == ['acme', 'beta']
    assert store.data['instances']['beta']['status'] == on_disk['instances']['beta']['status']
    # A validation error of a real command also leaves no trace.
    assert 'already exists' in api.err('CreateInstance', config={'instanceID': 'acme', 'instanceHost': 'spe-host01'})
    assert store.read_disk() == on_disk and store.files_written == written


def test_orphan_shard_is_ignored_and_removed(tmp_path):
    store = _store(tmp_path)
    # As if CreateInstance was killed after writing the shard but before the state file.
    orphan = os.path.join(store.shard_dir, 'orphan.json')
    with open(orphan, 'w', encoding='utf-8') as f:
        json.dump({'config': {'instanceID': 'orphan'}}, f)
    with open(os.path.join(store.shard_dir, '.acme.json.tmp1.2'), 'w', encoding='utf-8') as f:
        f.write('{half')
    store = _store(tmp_path)
    assert store.data['instances'] == {}
    assert os.listdir(store.shard_dir) == []


def test_listed_shard_missing_is_a_load_error(tmp_path):
    store = _store(tmp_path)
    with open(store.path, encoding='utf-8') as f:
        system = json.load(f)
    system['instance_ids'] = ['acme']
    with open(store.path, 'w', encoding='utf-8') as f:
        json.dump(system, f)
    with pytest.raises(StateError, match='acme.*missing'):
        _store(tmp_path)


def test_create_and_delete_ordering(tmp_path):
    store = _store(tmp_path)
    store.data['instances']['acme'] = {'config': {'instanceID': 'acme'}, 'n': 1}
    order = []
    real_replace = os.replace

    def spy(src, dst):
        order.append(os.path.relpath(dst, str(tmp_path)))
        return real_replace(src, dst)

    os.replace = spy
    try:
        store.commit(ALL)
    finally:
        os.replace = real_replace
    # journal first, then the shard, then the state file that lists it
    assert order == ['state.json.journal', os.path.join('state.json.d', 'acme.json'), 'state.json']
    assert not os.path.exists(store.journal_path)
    del store.data['instances']['acme']
    store.commit(ALL)
    assert os.listdir(store.shard_dir) == [] and _store(tmp_path).data['instances'] == {}


def test_journal_is_replayed(tmp_path):
    store = _store(tmp_path)
    store.data['instances']['acme'] = {'n': 1}
    store.data['instances']['beta'] = {'n': 1}
    store.commit(ALL)
    # As if killed after the journal was written but before it was applied.
    store.data['instances']['acme']['n'] = 2
    del store.data['instances']['beta']
    store.data['next_job_id'] = 77
    journal = {'system': store._system_text(), 'write': {'acme': json.dumps({'n': 2})}, 'delete': ['beta']}  # pylint: disable=protected-access
    with open(store.journal_path, 'w', encoding='utf-8') as f:
        json.dump(journal, f)
    loaded = _store(tmp_path)
    assert loaded.data['instances'] == {'acme': {'n': 2}} and loaded.data['next_job_id'] == 77
    assert not os.path.exists(store.journal_path) and os.listdir(store.shard_dir) == ['acme.json']


def test_old_single_file_format_is_loaded(tmp_path):
    store = _store(tmp_path)
    old = store.read_disk()
    old['version'] = 1
    old['instances']['acme'] = {'config': {'instanceID': 'acme'}, 'users': []}
    with open(store.path, 'w', encoding='utf-8') as f:
        json.dump(old, f, sort_keys=True, indent=1)
    loaded = _store(tmp_path)
    assert loaded.data['instances'] == {'acme': {'config': {'instanceID': 'acme'}, 'users': []}}
    with open(loaded.path, encoding='utf-8') as f:
        assert json.load(f)['instance_ids'] == ['acme']
    assert _store(tmp_path).data == loaded.data


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, %(sim_dir)r)
    from spe_simulator.state import ALL, StateStore
    store = StateStore(%(path)r, "spe-host01", "admin", "pw")
    ids = ["t%%02d" %% i for i in range(8)]
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        iid = ids[n %% len(ids)]
        with store.lock:
            inst = store.data["instances"].get(iid)
            if inst is None:
                store.data["instances"][iid] = {"id": iid, "counter": 0, "blob": "x" * 2000}
                store.data["next_job_id"] += 1
                store.commit(ALL)
            elif n %% 13 == 0:
                del store.data["instances"][iid]
                store.data["next_job_id"] += 1
                store.commit(ALL)
            elif n %% 7 == 0:
                for other in store.data["instances"].values():
                    other["counter"] += 1
                store.data["next_job_id"] += 1
                store.commit(ALL)
            else:
                inst["counter"] += 1
                store.commit(iid)
""")


def test_kill_9_during_burst_leaves_consistent_state(tmp_path):
    path = str(tmp_path / 'state.json')
    script = WRITER % {'sim_dir': SIM_DIR, 'path': path}
    for delay in (0.05, 0.13, 0.21, 0.3, 0.47):
        proc = subprocess.Popen([sys.executable, '-c', script], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b'ready'
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()
        store = StateStore(path, 'spe-host01', 'admin', 'pw')  # loads, replays any journal
        listed = sorted(store.data['instances'])
        assert sorted(n[:-5] for n in os.listdir(store.shard_dir)) == listed
        assert not os.path.exists(store.journal_path)
        for iid, inst in store.data['instances'].items():
            assert inst['id'] == iid and len(inst['blob']) == 2000
        assert store.read_disk() == store.data
