# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The state option of a resource that exists or not (Resource.states = present, absent).
    DOCUMENTATION = r"""
options:
  state:
    description:
      - V(present) - the object exists, with the options the task sets.
      - V(absent) - the object does not exist. Removing one that is already gone changes nothing.
    type: str
    choices: [present, absent]
    default: present
"""
