# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where an instance creates new archive stores by itself (``spe_store_auto_create``, ``spe_store_auto_create_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, windows_path
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Settings

# A size as the reference's sizeThreshold takes it: a number and an optional unit (docs/simulator.md S34).
SIZE = re.compile(r'([0-9]+(?:\.[0-9]+)?) ?(B|KB|MB|GB|TB)?', re.IGNORECASE)
UNITS = {'': 1, 'B': 1, 'KB': 1024, 'MB': 1024**2, 'GB': 1024**3, 'TB': 1024**4}


def size_in_bytes(text):
    """``50GB`` and ``51200 MB`` are one threshold; ``''`` (no automatic creation) stays ``''``."""
    match = SIZE.fullmatch(text.strip()) if text else None
    if match is None:
        return text or ''
    number, unit = match.groups()
    return float(number) * UNITS[(unit or '').upper()]


class StoreAutoCreate(Settings):
    module = 'spe_store_auto_create'
    name = 'store_auto_create'
    read_command = 'GetStoreAutoCreateConfiguration'
    write_command = 'SetStoreAutoCreateConfiguration'
    fields = (
        Field('size_threshold', compare=size_in_bytes, pattern=SIZE),
        Field('base_directory', compare=windows_path),
        Field('content_base_directory', compare=windows_path),
        Field('index_base_directory', compare=windows_path),
    )

    def settings_object(self, change):
        settings = super().settings_object(change)
        # "" is how a task says "no automatic creation"; the API says it with null (S34).
        settings['sizeThreshold'] = settings.get('sizeThreshold') or None
        return settings


STORE_AUTO_CREATE = StoreAutoCreate()
