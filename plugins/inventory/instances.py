# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: instances
short_description: The instances of a MailStore SPE system as inventory hosts
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
description:
  - Reads the instances of a MailStore Service Provider Edition (SPE) system through its Management API
    and makes each one a host, named by its instance ID.
  - Groups them by instance host (C(spe_host_<host>)) and by status (C(spe_status_running),
    C(spe_status_stopped), C(spe_status_frozen)); every instance is in C(spe_instances).
  - The instance's configuration becomes host variables, each prefixed with O(prefix) (for example
    C(spe_instance_display_name), C(spe_instance_status)).
  - Ansible's constructed features (O(compose), O(groups), O(keyed_groups), O(strict)) and inventory
    caching are supported.
  - The configuration file's name must end in C(spe_instances.yml) or C(spe_instances.yaml).
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: The name of this plugin; it makes the file a configuration of this plugin.
    type: str
    required: true
    choices: [mailstore.spe.instances]
  server:
    description:
      - Host name or IP address of the Management Server, optionally with C(https://) in front and
        C(:<port>) behind. HTTPS only, as for the modules.
    type: str
    required: true
    env:
      - name: MAILSTORE_SPE_SERVER
  port:
    description: TCP port of the Management API.
    type: int
    default: 8474
    env:
      - name: MAILSTORE_SPE_PORT
  username:
    description: Name of the SPE system administrator the API is used as.
    type: str
    required: true
    env:
      - name: MAILSTORE_SPE_USERNAME
  password:
    description:
      - Password (or API password) of O(username). Prefer the environment variable (an AWX/AAP
        credential injects it) or an C(!vault) value to writing it in the file.
    type: str
    required: true
    env:
      - name: MAILSTORE_SPE_PASSWORD
  validate_certs:
    description: Whether the server's TLS certificate is verified; prefer O(ca_path) to V(false).
    type: bool
    default: true
    env:
      - name: MAILSTORE_SPE_VALIDATE_CERTS
  ca_path:
    description: PEM file (or directory) of the certificate authority that signed the server's certificate.
    type: path
    env:
      - name: MAILSTORE_SPE_CA_PATH
  timeout:
    description: Seconds to wait for a connection and for each answer.
    type: int
    default: 30
    env:
      - name: MAILSTORE_SPE_TIMEOUT
  filter:
    description:
      - Which instances become hosts, in the SPE instance filter syntax (V(*), V(acme globex),
        V(*spe-host01), V(* .running)).
    type: str
    default: '*'
  include_configuration:
    description:
      - Whether to read each instance's whole configuration (one more API call per instance), for host
        variables such as C(spe_instance_base_directory). Without it, the variables hold what the instance
        list holds (ID, names, host, start mode, status).
    type: bool
    default: true
  prefix:
    description: The prefix of every host variable this plugin sets.
    type: str
    default: spe_instance_
"""

EXAMPLES = r"""
# tenants.spe_instances.yml - the connection comes from the MAILSTORE_SPE_* environment variables
plugin: mailstore.spe.instances
filter: '*'
compose:
  # The instances are reached through the API from the controller, never over SSH.
  ansible_connection: "'local'"
keyed_groups:
  - key: spe_instance_start_mode
    prefix: start_mode
groups:
  hosted_on_first_host: spe_instance_instance_host == 'spe-host01'
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/mailstore-spe-inventory
cache_timeout: 600
"""

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.mailstore.spe.plugins.module_utils.connection import (
    CONNECTION_ARGUMENT_SPEC,
    check_connection,
    client_from_params,
)
from ansible_collections.mailstore.spe.plugins.module_utils.errors import SpeApiError
from ansible_collections.mailstore.spe.plugins.module_utils.fields import snake

ALL_GROUP = 'spe_instances'
HOST_GROUP = 'spe_host_%s'
STATUS_GROUP = 'spe_status_%s'
FILE_ENDINGS = ('spe_instances.yml', 'spe_instances.yaml')


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = 'mailstore.spe.instances'

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith(FILE_ENDINGS)

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        update_cache = self.get_option('cache') and not cache
        instances = None
        if use_cache:
            try:
                instances = self._cache[cache_key]
            except KeyError:
                update_cache = True
        if instances is None:
            instances = self.read_instances()
        if update_cache:
            self._cache[cache_key] = instances  # the instances only: never the connection options
        self.populate(instances)

    # -- reading ------------------------------------------------------------------------
    def connection_params(self):
        params = {option: self.get_option(option) for option in CONNECTION_ARGUMENT_SPEC}
        problems = check_connection(params)
        if problems:
            raise AnsibleParserError('mailstore.spe.instances: %s; nothing was sent' % '; '.join(problems))
        return params

    def read_instances(self):
        """[{API key: value}] of every instance the filter selects, configuration included if asked."""
        client = client_from_params(self.connection_params())
        try:
            instances = []
            for entry in client.call('GetInstances', instanceFilter=self.get_option('filter')):
                instance = dict(entry)
                if self.get_option('include_configuration'):
                    instance.update(client.call('GetInstanceConfiguration', instanceID=entry['instanceID']))
                instances.append(instance)
            return instances
        except SpeApiError as exc:
            raise AnsibleParserError('mailstore.spe.instances: reading the instances failed: %s' % exc) from None
        finally:
            client.close()

    # -- populating ---------------------------------------------------------------------
    def populate(self, instances):
        strict = self.get_option('strict')
        prefix = self.get_option('prefix')
        self.inventory.add_group(ALL_GROUP)
        for instance in instances:
            host = instance['instanceID']
            self.inventory.add_host(host, group=ALL_GROUP)
            for group in (HOST_GROUP % instance.get('instanceHost'), STATUS_GROUP % instance.get('status')):
                group = self._sanitize_group_name(group)
                self.inventory.add_group(group)
                self.inventory.add_child(group, host)
            host_vars = {prefix + snake(key): value for key, value in instance.items()}
            for name, value in host_vars.items():
                # What the API returns is data, never a template (a display name of '{{ ... }}').
                self.inventory.set_variable(host, name, wrap_var(value))
            variables = self.inventory.get_host(host).get_vars()
            self._set_composite_vars(self.get_option('compose'), variables, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), variables, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, host, strict=strict)
