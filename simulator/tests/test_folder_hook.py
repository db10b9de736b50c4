# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""S53: the folder hook makes folders (and their missing parents) below a root folder."""


def test_the_hook_makes_a_folder_with_its_parents_and_delete_empty_folders_keeps_the_full_one(api, acme):
    api.ok('CreateUser', instanceID=acme, userName='jdoe', privileges='login')
    status, body = api.hook('POST', 'folder', {'instanceID': acme, 'folder': 'jdoe/A/B', 'count': 3, 'size': 30})
    assert (status, body) == (200, {'folder': 'jdoe/A/B', 'count': 3, 'size': 30})
    assert api.hook('POST', 'folder', {'instanceID': acme, 'folder': 'jdoe/Empty'})[0] == 200
    statistics = {r['folder']: r['count'] for r in api.ok('GetFolderStatistics', instanceID=acme)}
    assert statistics['jdoe/A'] == 0 and statistics['jdoe/A/B'] == 3 and statistics['jdoe/Empty'] == 0
    api.ok('DeleteEmptyFolders', instanceID=acme)
    left = [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme, folder='jdoe', maxLevels=0)]
    assert left == ['jdoe/A', 'jdoe/A/B']


def test_the_hook_refuses_what_is_not_a_folder_below_a_root(api, acme):
    api.ok('CreateUser', instanceID=acme, userName='jdoe', privileges='login')
    for body in (
        {'instanceID': acme, 'folder': 'jdoe'},
        {'instanceID': acme, 'folder': 'ghost/A'},
        {'instanceID': acme, 'folder': 'jdoe//A'},
        {'instanceID': acme, 'folder': 'jdoe/A', 'count': -1},
        {'instanceID': acme, 'folder': 'jdoe/A', 'colour': 'blue'},
        {'instanceID': 'nope', 'folder': 'jdoe/A'},
    ):
        assert api.hook('POST', 'folder', body)[0] == 400, body
    assert [f['folder'] for f in api.ok('GetChildFolders', instanceID=acme, folder='jdoe')] == []
