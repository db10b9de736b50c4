# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # What every read-only *_info module shares (module_utils/resource.py, Resource.run_info).
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
    support: full
    details:
      - Reads in check mode too.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
  platform:
    description: The platforms the tasks can run against; the API is reached over HTTPS from the controller.
    support: full
    platforms: all
  action:
    description: Runs through the collection's action plugin, in-process on the controller.
    support: full
  async:
    description: Supports being used with the C(async) keyword.
    support: none
  bypass_host_loop:
    description: Runs once per host of the play, as any task does.
    support: none
  action_group:
    description: Use C(group/mailstore.spe.spe) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - mailstore.spe.spe
notes:
  - Read-only. Reports C(changed=false), and reads in check mode too.
  - The output uses the option names of the matching resource module for what that module
    manages, so it can be fed back into it, plus every other key the API returns, in snake_case.
  - A failing API call fails the task with the server's message (C(msg), RV(error)).
  - The task runs in-process on the Ansible controller. Set the environment variable
    E(MAILSTORE_SPE_EXECUTION=module) to run it as an ordinary module process instead.
seealso:
  - name: MailStore SPE Management API
    description: The vendor's description of the API and its commands.
    link: https://help.mailstore.com/en/spe/Management_API_-_Function_Reference
"""
