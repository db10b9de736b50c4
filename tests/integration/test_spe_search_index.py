# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""spe_search_index and spe_store_auto_create against a real simulator: file types and paths compare
as SPE compares them, and a change of the index configuration rebuilds the store indexes (S24, S33, S34)."""

from __future__ import annotations

INDEX = """
- name: Search index
  mailstore.spe.spe_search_index:
    instance_id: acme
    attachment_file_types: %s
    rebuild: on_change
  register: result
"""
AUTO = """
- name: Store auto-creation
  mailstore.spe.spe_store_auto_create:
    instance_id: acme
    size_threshold: "%s"
    base_directory: '%s'
  register: result
"""


def stores(spe):
    return spe.api('GetStores', instanceID='acme')


def test_a_change_rebuilds_every_store_index_and_file_types_compare_as_extensions(spe):
    spe.new_instance()
    for name in ('A', 'B'):
        spe.api('CreateStore', instanceID='acme', name=name, databasePath='D:\\' + name)
    ids = sorted(s['id'] for s in stores(spe))

    spe.reset_stats()
    run = spe.playbook(INDEX % '[pdf, docx]', check=True)
    assert run.changed() == 1 and spe.stats()['writes'] == 0
    assert spe.result()['commands'] == [
        'SetIndexConfiguration',
        'SelectAllStoreIndexesForRebuild',
        'RebuildSelectedStoreIndexes',
    ]

    run = spe.playbook(INDEX % '[pdf, docx]')
    assert run.rc == 0, run
    assert spe.api('GetIndexConfiguration', instanceID='acme') == {'attachmentFileTypes': ['pdf', 'docx']}
    assert sorted(spe.result()['rebuilt_stores']) == ids
    assert not any(s.get('searchIndexesNeedRebuild') for s in stores(spe))

    spe.reset_stats()  # the same set, spelled otherwise: no change, no rebuild
    assert spe.playbook(INDEX % '[.DOCX, PDF]').changed() == 0 and spe.stats()['writes'] == 0


def test_store_auto_create_compares_paths_and_sizes_by_value(spe):
    spe.new_instance()
    assert spe.playbook(AUTO % ('50GB', 'D:\\MailStore\\Stores')).changed() == 1
    assert spe.api('GetStoreAutoCreateConfiguration', instanceID='acme') == {
        'sizeThreshold': '50GB',
        'baseDirectory': 'D:\\MailStore\\Stores',
        'contentBaseDirectory': '',
        'indexBaseDirectory': '',
    }
    spe.reset_stats()
    assert spe.playbook(AUTO % ('51200 MB', 'd:/mailstore/stores/')).changed() == 0 and spe.stats()['writes'] == 0

    run = spe.playbook(AUTO % ('', 'D:\\MailStore\\Stores'), diff=True)
    assert run.changed() == 1
    assert spe.api('GetStoreAutoCreateConfiguration', instanceID='acme')['sizeThreshold'] is None
    assert spe.result()['diff']['before']['size_threshold'] == '50GB'
    spe.reset_stats()
    assert spe.playbook(AUTO % ('', 'D:\\MailStore\\Stores')).changed() == 0 and spe.stats()['writes'] == 0
