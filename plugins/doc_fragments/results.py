# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The canonical text of the return values every resource module shares. ansible-core < 2.20 has no
    # RETURN fragments, so each module's RETURN holds a copy of these lines;
    # tests/unit/plugins/modules/test_documentation.py fails when a copy differs from this text.
    RETURN = r"""
commands: {description: 'The API commands sent, in order (in check mode, those that would be sent); on failure, those applied and the one that failed.', returned: always, type: list, elements: str}
commands_uncertain: {description: 'On failure, the command sent that got no answer: the server may have applied it, and a re-run converges.', returned: when a call got no answer, type: list, elements: str}
commands_undone: {description: 'On failure, the commands sent to put back what the run had changed before it failed (for example an instance started again).', returned: when something was undone, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: "The failing call's error, without any password: kind (failed, http, transport, timeout, cancelled, auth), command, message, details, http_status, token.", returned: when an API call failed, type: dict}
"""
