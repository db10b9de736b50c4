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
  async:
    description: Supports being used with the C(async) keyword.
    support: none
notes:
  - Read-only. Reports C(changed=false), and reads in check mode too.
  - The output uses the option names of the matching resource module for what that module
    manages, so it can be fed back into it, plus every other key the API returns, in snake_case.
  - A failing API call fails the task with the server's message (C(msg), RV(error)).
"""
