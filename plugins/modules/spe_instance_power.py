#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: spe_instance_power
short_description: Start, stop, restart, freeze or thaw every MailStore SPE instance a filter selects
description:
  - A fleet operation on the instances of a MailStore Service Provider Edition (SPE) system. Reads the
    instances O(filter) selects and acts only on those not already in the wanted O(state), with one API
    call per command for all of them.
  - A converged fleet costs one read. RV(changed_instances) names the instances acted on; with C(--diff)
    the status of each selected instance is shown before and after.
  - To manage one instance's configuration as well as its running state, use M(mailstore.spe.spe_instance).
options:
  filter:
    description:
      - The instances to act on, in the SPE instance filter syntax.
      - V(*) - all instances.
      - V(acme globex initech) - these instances. Each must exist, or the task fails before any change.
      - V(*spe-host01) - all instances on the instance host C(spe-host01).
      - V(* .running), V(* .stopped), V(* .frozen) - all instances in that status; status tokens narrow
        the other tokens.
    type: str
    required: true
    aliases:
      - instance_filter
  state:
    description:
      - V(started) - stopped instances are started, frozen ones thawed.
      - V(stopped) - running and frozen instances are stopped.
      - V(restarted) - always acts - running instances are restarted, frozen ones thawed and restarted,
        stopped ones started.
      - V(frozen) - running instances are frozen. Stopped instances are left stopped and listed in
        RV(left_alone) - their data is at rest already, and freezing would first start them, which a later
        thaw would leave running.
      - V(thawed) - frozen instances are thawed (they run again); running and stopped ones are left alone.
      - A stopped instance whose start mode is C(disabled) cannot be started; V(started) and V(restarted)
        leave it stopped, list it in RV(left_alone) and warn.
    type: str
    required: true
    choices: [started, stopped, restarted, frozen, thawed]
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment: [mailstore.spe.connection, mailstore.spe.common, mailstore.spe.resource]
seealso:
  - module: mailstore.spe.spe_instance
  - module: mailstore.spe.spe_instance_info
"""

EXAMPLES = r"""
- name: Freeze every running instance on spe-host01 before a volume snapshot
  mailstore.spe.spe_instance_power:
    filter: '*spe-host01'
    state: frozen
  register: frozen

- name: Thaw what was frozen
  mailstore.spe.spe_instance_power:
    filter: '*spe-host01'
    state: thawed

- name: Restart two tenants' instances (always acts)
  mailstore.spe.spe_instance_power:
    filter: acme globex
    state: restarted

- name: Make sure every instance runs
  mailstore.spe.spe_instance_power:
    filter: '*'
    state: started
"""

RETURN = r"""
selection:
  description:
    - The filter and the status of each instance it selected, as it now is (in check mode, as predicted).
  returned: success
  type: dict
  sample:
    filter: acme globex
    state: {acme: running, globex: running}
instances:
  description: Each selected instance, with its status before and after the task and whether it was acted on.
  returned: success
  type: list
  elements: dict
  sample:
    - {instance_id: acme, status_before: frozen, status: running, changed: true}
    - {instance_id: globex, status_before: running, status: running, changed: false}
changed_instances:
  description: The IDs of the instances acted on (in check mode, those that would be).
  returned: success
  type: list
  elements: str
  sample: [acme]
left_alone:
  description: Instances not in the wanted state that were left alone, each with its status and the reason.
  returned: success
  type: list
  elements: dict
  sample:
    - {instance_id: initech, status: stopped, reason: 'stopped: its data is at rest already; it is not started to be frozen'}
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.power import INSTANCE_POWER
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_instance_power in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(INSTANCE_POWER.module_spec())


if __name__ == '__main__':
    main()
