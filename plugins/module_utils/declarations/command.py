# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``spe_command``: any API command, the escape hatch (its logic: ``module_utils/command.py``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mailstore.spe.plugins.module_utils.command import SPE_COMMAND


class Command:
    module = 'spe_command'

    def module_specs(self):
        return {self.module: SPE_COMMAND}


COMMAND = Command()
