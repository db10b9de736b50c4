# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_tenant's tables: what a purge deletes, what names an object, which constraints a part keeps."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.tenant import PARTS, PURGES
from ansible_collections.mailstore.spe.plugins.module_utils.tenant import report_line

PURGE = {p.key: p for p in PURGES}
PART = {p.key: p for p in PARTS}


@pytest.mark.parametrize(
    'key, entries, definition, deleted',
    [
        # user names compare case-insensitively; admin and $archiveadmin stay
        (
            'users',
            [{'userName': n} for n in ('admin', '$archiveadmin', 'JDoe', 'leaver')],
            [{'user_name': 'jdoe'}],
            ['leaver'],
        ),
        # job names compare exactly
        ('jobs', [{'name': 'Nightly'}, {'name': 'nightly'}], [{'name': 'Nightly'}], ['nightly']),
        # a store is kept by name or by id
        (
            'stores',
            [{'id': 1, 'name': 'A'}, {'id': 2, 'name': 'B'}, {'id': 3, 'name': 'C'}],
            [{'name': 'A', 'id': None}, {'name': 'Renamed', 'id': 2}],
            ['C'],
        ),
    ],
)
def test_a_purge_deletes_what_the_definition_does_not_list(key, entries, definition, deleted):
    purge = PURGE[key]
    assert [e[purge.api_name] for e in purge.unlisted(entries, definition)] == deleted


def test_a_purged_store_is_detached_by_id_and_the_others_by_name():
    assert PURGE['stores'].delete_options({'id': 7, 'name': 'Twice'}) == {'id': 7, 'state': 'absent'}
    assert PURGE['users'].delete_options({'userName': 'leaver'}) == {'user_name': 'leaver', 'state': 'absent'}


def test_deletes_run_jobs_then_users_then_stores():
    assert [p.key for p in PURGES] == ['jobs', 'users', 'stores']


def test_what_names_an_object_in_the_result():
    assert PART['stores'].identity({'name': 'A', 'id': None}) == 'A'
    assert PART['stores'].identity({'name': None, 'id': 4}) == 'id 4'
    assert PART['users'].identity({'user_name': 'jdoe'}) == 'jdoe'
    assert PART['smtp'].identity({'hostname': 'x'}) is None


def test_a_part_keeps_its_modules_constraints_but_those_on_instance_id():
    assert PART['stores'].option_spec()['required_one_of'] == [('name', 'id')]
    assert 'mutually_exclusive' not in PART['smtp'].option_spec()  # it paired instance_id with system recipients


@pytest.mark.parametrize(
    'entry,line',
    [
        (
            dict(kind='instance', identity='acme', changed=False, commands=[]),
            dict(object='instance acme', changed=False, commands=[]),
        ),
        (
            dict(kind='smtp settings', identity=None, changed=True, commands=['SetSmtpSettings']),
            dict(object='smtp settings', changed=True, commands=['SetSmtpSettings']),
        ),
        (
            dict(kind='user', identity='leaver', changed=True, commands=['DeleteUser'], purged=True),
            dict(object='user leaver (not in the definition: deleted)', changed=True, commands=['DeleteUser']),
        ),
        (
            dict(kind='instance', identity='acme', changed=True, commands=[], changed_fields=['alias', 'display_name']),
            dict(
                object='instance acme',
                changed=True,
                commands=[],
                note='alias, display_name would change, which needs allow_restart: true',
            ),
        ),
    ],
)
def test_the_report_has_one_line_per_object_as_the_role_reports_it(entry, line):
    assert report_line(entry) == line


class FakeClock:
    """Each read of ``durations`` takes that long; the clock only moves when a read runs."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def pool_reads(monkeypatch, durations, size=4):
    from ansible_collections.mailstore.spe.plugins.module_utils import tenant

    class Client:
        def close(self):
            pass

    made = []
    monkeypatch.setattr(tenant, 'client_from_params', lambda params: made.append(Client()) or made[-1])
    clock = FakeClock()
    pool = tenant.ReadPool(size, {}, clock=clock)
    main = Client()
    used = []

    def read(index, client):
        clock.now += durations[index]
        used.append((index, threading.current_thread() is threading.main_thread()))
        return index * 10

    try:
        results = pool.map(read, list(range(len(durations))), main)
    finally:
        pool.close()
    return results, sorted(used), made


def test_reads_that_answer_fast_stay_on_the_tasks_own_connection(monkeypatch):
    results, used, made = pool_reads(monkeypatch, [0.002] * 6)
    assert results == [0, 10, 20, 30, 40, 50]
    assert used == [(i, True) for i in range(6)]
    assert made == []  # no new connection, no handshake


def test_once_the_reads_are_slow_on_average_the_rest_run_on_the_pool(monkeypatch):
    results, used, made = pool_reads(monkeypatch, [0.002, 0.05] + [0.002] * 6)
    assert results == [i * 10 for i in range(8)]  # in order, whatever ran where
    assert used[:2] == [(0, True), (1, True)]
    assert not any(in_task_thread for _index, in_task_thread in used[2:])  # the pool's threads read the rest
    assert len(made) <= 3  # a pool of 4 opens at most 3 connections: one worker borrows the task's


def test_one_slow_read_among_fast_ones_does_not_open_the_pool(monkeypatch):
    _results, used, made = pool_reads(monkeypatch, [0.002] * 4 + [0.03] + [0.002] * 4)
    assert made == [] and all(on_main for _index, on_main in used)


def test_parallel_reads_1_never_opens_another_connection(monkeypatch):
    _results, used, made = pool_reads(monkeypatch, [0.05] * 4, size=1)
    assert used == [(i, True) for i in range(4)] and made == []
