# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # What every mailstore.spe module shares: attributes (each module adds check_mode and diff_mode) and notes.
    DOCUMENTATION = r"""
attributes:
  platform:
    support: full
    platforms: all
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  action_group:
    description: Use C(group/mailstore.spe.spe) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - mailstore.spe.spe
notes:
  - The task runs in-process on the Ansible controller, through the collection's action plugin
    of the same name. Set the environment variable E(MAILSTORE_SPE_EXECUTION=module) to run it
    as an ordinary module process instead.
"""
