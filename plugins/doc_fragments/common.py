# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The attributes every module of the collection shares (where and how it runs), and the in-process note.
    DOCUMENTATION = r"""
attributes:
  platform:
    description: The platforms the tasks can run against; the API is reached over HTTPS from the controller.
    support: full
    platforms: all
  action:
    description: Runs through the collection's action plugin, in-process on the controller.
    support: full
  bypass_host_loop:
    description: Runs once per host of the play, as any task does.
    support: none
  action_group:
    description: Use C(group/mailstore.spe.spe) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - mailstore.spe.spe
notes:
  - The task runs in-process on the Ansible controller. Set the environment variable
    E(MAILSTORE_SPE_EXECUTION=module) to run it as an ordinary module process instead.
seealso:
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""
