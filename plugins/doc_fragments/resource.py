# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # What the engine (module_utils/engine.py) gives every resource and settings module.
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying the target.
    support: full
    details:
      - Predicts exactly the commands that would be sent (RV(commands)) and the object as it would
        be, and writes nothing.
      - When the instance the object lives in does not exist or does not run yet (an earlier task
        in check mode only predicted creating or starting it), predicts as for an empty instance
        and warns, instead of failing.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
    details:
      - Before and after of the options the task sets, and of the options that identify the
        object. A write-only secret that is sent shows as V(********).
  async:
    description: Supports being used with the C(async) keyword.
    support: full
    details:
      - A task with C(async) runs as a module process, which Ansible's async wrapper runs in the background.
notes:
  - An option left unset is not managed. An option set to an empty value (V("") or V([])) makes
    that value empty.
  - Enumerated values may be given as the module documents them or as the API's reference spells
    them, in any case (V(write_protected) or V(writeProtected), V(sunday) or V(Sunday)).
  - A converged object costs reads only. Invalid input fails before any API call.
  - A failing API call fails the task with the command (RV(failed_command)), the server's message
    (RV(error)) and the commands already applied (RV(commands)). A call that got no answer is
    listed in RV(commands_uncertain); C(changed) is then true, and a re-run converges.
"""
