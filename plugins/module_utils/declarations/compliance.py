# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance settings of an instance (``spe_compliance``, ``spe_compliance_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.fields import Field, as_set
from ansible_collections.mailstore.spe.plugins.module_utils.resource import Settings

# The activities the reference's SetComplianceConfiguration example names (docs/assumptions.md M15).
USER_ACTIVITIES = [
    'AdminRestored',
    'ComplianceChangeSettings',
    'FileGroupAttach',
    'FileGroupCreate',
    'FileGroupDetach',
    'FileGroupRename',
    'FileGroupSetProperties',
    'FileGroupSetRequestedState',
    'ProfileChangeUserName',
    'UserAdd',
    'UserDelete',
    'UserRename',
    'UserSetFolderAccess',
    'UserSetMappings',
    'UserUpdate',
]


class Compliance(Settings):
    module = 'spe_compliance'
    name = 'compliance'
    read_command = 'GetComplianceConfiguration'
    write_command = 'SetComplianceConfiguration'
    fields = (
        Field('legal_hold_enabled', type='bool'),
        Field('admin_email_preview_enabled', type='bool'),
        Field('log_successful_user_activities', type='list', elements='str', choices=USER_ACTIVITIES, compare=as_set),
    )


COMPLIANCE = Compliance()
