# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_folder and spe_folder_info against the simulator: a move that is done once (check mode
exact, --diff, the second run without writes, both or neither an error), empty folders deleted
as predicted, a user's folder access cleared once, child folders and statistics read back."""

from __future__ import annotations

import json


def task(module, options):
    return """
- name: Task
  mailstore.spe.%s: %s
  register: result
""" % (module, json.dumps(dict(instance_id='acme', **options)))


def run(spe, options, module='spe_folder', **kwargs):
    spe.reset_stats()
    outcome = spe.playbook(task(module, options), **kwargs)
    return outcome, spe.stats()


def tree(spe):
    """jdoe's archive with a full and an empty branch; asmith's empty archive."""
    spe.new_instance()
    for user in ('jdoe', 'asmith'):
        spe.api('CreateUser', instanceID='acme', userName=user, privileges='login')
    spe.hook('folder', {'instanceID': 'acme', 'folder': 'jdoe/Projects/2024', 'count': 12, 'size': 1200})
    spe.hook('folder', {'instanceID': 'acme', 'folder': 'jdoe/Old/Empty'})


def folders(spe, folder='jdoe'):
    return [f['folder'] for f in spe.api('GetChildFolders', instanceID='acme', folder=folder, maxLevels=0)]


def converges(spe, options, commands):
    outcome, stats = run(spe, options, check=True, diff=True)
    assert outcome.rc == 0 and outcome.changed() == 1 and stats['writes'] == 0, outcome
    predicted = spe.result()
    assert predicted['commands'] == commands
    outcome, stats = run(spe, options, diff=True)
    assert outcome.rc == 0 and outcome.changed() == 1 and stats['writes'] == len(commands), outcome
    done = spe.result()
    assert done['diff'] == predicted['diff']
    outcome, stats = run(spe, options)
    assert outcome.rc == 0 and outcome.changed() == 0 and stats['writes'] == 0, stats
    return done


def test_a_move_is_made_once(spe):
    tree(spe)
    done = converges(spe, dict(folder='jdoe/Projects', move_to='asmith/Projects'), ['MoveFolder'])
    assert done['diff'] == {'before': {'folder': 'jdoe/Projects'}, 'after': {'folder': 'asmith/Projects'}}
    assert folders(spe, 'asmith') == ['asmith/Projects', 'asmith/Projects/2024'] and 'jdoe/Projects' not in folders(spe)


def test_a_move_with_both_or_neither_folder_fails_without_a_write(spe):
    tree(spe)
    spe.hook('folder', {'instanceID': 'acme', 'folder': 'asmith/Projects'})
    for options, message in (
        (dict(folder='jdoe/Projects', move_to='asmith/Projects'), "'asmith/Projects' exists already"),
        (dict(folder='jdoe/Nothing', move_to='asmith/Nothing'), "'jdoe/Nothing' does not exist"),
    ):
        outcome, stats = run(spe, options)
        assert outcome.rc != 0 and message in outcome.output and stats['writes'] == 0, outcome


def test_empty_folders_are_deleted_as_predicted(spe):
    tree(spe)
    done = converges(spe, dict(delete_empty=True), ['DeleteEmptyFolders'])
    assert done['deleted_folders'] == ['jdoe/Old', 'jdoe/Old/Empty']
    assert folders(spe) == ['jdoe/Projects', 'jdoe/Projects/2024']
    assert {f['folder'] for f in spe.api('GetChildFolders', instanceID='acme')} >= {'jdoe', 'asmith'}


def test_empty_folders_below_an_entry_point_only(spe):
    tree(spe)
    spe.hook('folder', {'instanceID': 'acme', 'folder': 'asmith/Empty'})
    done = converges(spe, dict(folder='asmith', delete_empty=True), ['DeleteEmptyFolders'])
    assert done['deleted_folders'] == ['asmith/Empty'] and 'jdoe/Old/Empty' in folders(spe)


def test_a_users_folder_access_is_cleared_once(spe):
    tree(spe)
    for folder in ('jdoe', 'asmith'):
        spe.api('SetUserPrivilegesOnFolder', instanceID='acme', userName='asmith', folder=folder, privileges='read')
    done = converges(spe, dict(clear_privileges_of='asmith'), ['ClearUserPrivilegesOnFolders'])
    assert [entry['folder'] for entry in done['cleared']] == ['asmith', 'jdoe']
    assert spe.api('GetUserInfo', instanceID='acme', userName='asmith')['privilegesOnFolders'] == []


def test_info_lists_child_folders_and_their_statistics(spe):
    tree(spe)
    outcome, stats = run(spe, dict(folder='jdoe', max_levels=0, statistics=True), module='spe_folder_info')
    assert outcome.rc == 0 and outcome.changed() == 0 and stats['writes'] == 0
    result = spe.result()
    assert [f['folder'] for f in result['folders']] == folders(spe)
    counts = {row['folder']: row['count'] for row in result['statistics']}
    assert counts == {'jdoe': 0, 'jdoe/Old': 0, 'jdoe/Old/Empty': 0, 'jdoe/Projects': 0, 'jdoe/Projects/2024': 12}
    outcome, stats = run(spe, dict(), module='spe_folder_info')
    assert {f['name'] for f in spe.result()['folders']} >= {'jdoe', 'asmith'} and 'statistics' not in spe.result()
