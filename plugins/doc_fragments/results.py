# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The canonical text of the return values every resource module shares (instance and store modules,
    # which can undo a step, document commands_undone too). ansible-core < 2.20 has no
    # RETURN fragments, so each module's RETURN holds a copy of these lines;
    # tests/unit/plugins/modules/test_documentation.py fails when a copy differs from this text.
    RETURN = r"""
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""
