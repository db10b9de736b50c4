# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The instance_id option of everything that lives inside an instance (Resource.scope INSTANCE).
    DOCUMENTATION = r"""
options:
  instance_id:
    description:
      - The ID of the instance (3 to 32 characters, lower-case letters, digits and V(-), starting
        with a letter, as the API's reference requires). Matched exactly, never as a filter.
      - The instance must run and give the service provider archive admin access (see
        M(mailstore.spe.spe_instance) O(mailstore.spe.spe_instance#module:service_provider_access)).
    type: str
    required: true
"""
