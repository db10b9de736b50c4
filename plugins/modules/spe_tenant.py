#!/usr/bin/python
# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Written by tests/tools/tenant_doc.py from the documentation of the per-object modules: do not edit by hand.
DOCUMENTATION = r"""
module: spe_tenant
short_description: Converge a whole tenant of MailStore SPE from its definition, in one task
version_added: 1.0.0
author: mailstore.spe contributors (@mailstore-spe)
extends_documentation_fragment:
- mailstore.spe.connection
- mailstore.spe.resource
description:
- 'Converges one tenant: its instance (created if needed, started, with service provider access), then its archive
  stores, users, jobs, SMTP and compliance settings, from one definition in the shape of the C(tenant) variable
  of the role C(mailstore.spe.tenant_onboarding).'
- 'Each object is converged by the same declaration and engine as its own module (M(mailstore.spe.spe_instance),
  M(mailstore.spe.spe_store), M(mailstore.spe.spe_user), M(mailstore.spe.spe_job), M(mailstore.spe.spe_smtp), M(mailstore.spe.spe_compliance)):
  the same options, comparisons, commands, check mode and C(--diff). What a definition leaves out is not managed.'
- 'Order: the instance before its contents; stores, users, jobs, then the settings; deletes (C(state=absent) entries
  and purges) after every create and update, jobs before users before stores.'
- The reads of a tenant run concurrently on a small pool of kept-alive connections when the server is slow to answer
  (O(parallel_reads)); the writes run one after the other, in that order.
- A failure stops the tenant. The result names the object and the command that failed (RV(failed_object), RV(failed_command))
  and lists every command the tenant applied before it (RV(commands)); a re-run converges.
notes:
- 'In check mode, a tenant whose instance does not exist (or does not run yet) is predicted whole: its contents
  as they would be created in an empty instance, with a warning.'
- In check mode, a change of the instance configuration that needs a restart the definition does not allow (O(allow_restart))
  is reported as a change with a warning, not as a failure; a real run fails on it.
seealso:
- module: mailstore.spe.spe_instance
- module: mailstore.spe.spe_user
options:
  alias:
    description:
    - The instance's alias.
    type: str
  allow_restart:
    description:
    - Whether the module may stop a running or frozen instance to change its configuration.
    - It brings the instance back to the state it was in afterwards (or to the one C(state) asks for).
    - Without it, such a change fails and names the fields. Not needed with C(state=stopped).
    type: bool
    default: false
  base_directory:
    description:
    - The directory on the instance host that holds the instance's data.
    - Changing it does not move the data; move the data there first (for example after moving the instance to another
      instance host).
    type: str
  compliance:
    description:
    - 'The instance''s compliance settings: the options of M(mailstore.spe.spe_compliance).'
    type: dict
    suboptions:
      legal_hold_enabled:
        description:
        - Whether legal hold is on. While it is on, nothing can be deleted from the archive, by users or by retention
          policies.
        type: bool
      admin_email_preview_enabled:
        description:
        - Whether administrators may preview the content of archived e-mails.
        type: bool
      log_successful_user_activities:
        description:
        - The successful user activities the auditing log records, all of them. Compared as a set.
        - V([]) logs none.
        type: list
        elements: str
        choices:
        - AdminRestored
        - ComplianceChangeSettings
        - FileGroupAttach
        - FileGroupCreate
        - FileGroupDetach
        - FileGroupRename
        - FileGroupSetProperties
        - FileGroupSetRequestedState
        - ProfileChangeUserName
        - UserAdd
        - UserDelete
        - UserRename
        - UserSetFolderAccess
        - UserSetMappings
        - UserUpdate
  debug_log_enabled:
    description:
    - Whether the instance writes a debug log.
    type: bool
  definition:
    description:
    - 'The whole definition as one dictionary, in the shape of the C(tenant) variable of the role C(mailstore.spe.tenant_onboarding):
      its keys are the options of this module that describe the tenant (O(instance_id) and the instance options,
      O(stores), O(users), O(jobs), O(smtp), ...), with the same types, choices and defaults.'
    - 'A definition kept in a variable is best named by O(definition_var), or else passed whole, C(definition: "{{
      tenant }}"): Ansible then templates it once, not once per key. The purge flags, O(parallel_reads) and the
      connection options stay options of their own.'
    - A key given both here and as an option, or a key that is not one of the tenant options, fails the task before
      any API call.
    type: dict
  definition_var:
    description:
    - The name of the variable that holds the definition (what O(definition) takes), for example V(tenant), the
      variable the role C(mailstore.spe.tenant_onboarding) reads. The action reads it from the task's variables
      (a loop's V(item) too).
    - 'Cheaper than C(definition: "{{ tenant }}") for a large definition: a definition none of whose values holds
      a template is taken as it is, where Ansible would template and copy every value of it before the task runs
      (about 20 ms of CPU per task for a tenant of 27 objects). A definition with a template anywhere in it is templated
      whole by the task''s templar, as the template would have been.'
    - Mutually exclusive with O(definition). A variable that is not defined fails the task before any API call.
    type: str
  directory_services:
    description:
    - 'The instance''s directory services: the options of M(mailstore.spe.spe_directory_services).'
    type: dict
    suboptions:
      type:
        description:
        - The kind of directory. V(none) means the users are managed in the instance alone; a sync then fails.
        - The reference's spellings (V(activeDirectory), V(genericLdap), ...) are accepted too.
        type: str
        choices:
        - none
        - active_directory
        - generic_ldap
        - microsoft_365
        - google_workspace
        - mdaemon
        - ice_warp
        - kerio
        - application_integration
      directory_server:
        description:
        - The host name or address of the directory server (the API key C(server)).
        type: str
      directory_port:
        description:
        - The port of the directory server (the API key C(port)), 1 to 65535.
        type: int
      encryption:
        description:
        - How the connection to the directory server is protected.
        type: str
        choices:
        - none
        - ssl
        - starttls
      base_dn:
        description:
        - The distinguished name below which users and groups are searched (the API key C(baseDN)).
        type: str
      bind_user:
        description:
        - The account the instance binds to the directory with.
        type: str
      bind_password:
        description:
        - The password of O(directory_services.bind_user). Write-only; see O(directory_services.update_password).
        type: str
      user_filter:
        description:
        - An LDAP filter that selects the users to synchronize.
        type: str
      group:
        description:
        - Synchronize only the members of this group. V("") synchronizes every user the filter selects.
        type: str
      delete_users:
        description:
        - Whether a sync deletes the instance's directory users that the directory no longer holds. Their archives
          stay.
        type: bool
      update_password:
        description:
        - V(on_change) sends O(directory_services.bind_password) only when another option changes (the API cannot
          say whether the stored password differs).
        - V(always) sends it on every run, which then always reports a change.
        type: str
        choices:
        - on_change
        - always
        default: on_change
      sync:
        description:
        - When to synchronize the users with the directory (SyncUsersWithDirectoryServices), after the configuration
          is set.
        - V(never) does not synchronize. V(on_change) synchronizes when this task changed the configuration. V(always)
          synchronizes on every run, but a run whose sync would add, update and delete no user (its dry run says
          so) sends no sync and reports no change.
        - In check mode the sync runs as the API's dry run (C(dryRun=true)), which changes nothing, and C(sync)
          reports what it would do. When the task also changes the configuration, the dry run can only use the stored
          configuration; a warning says so.
        - The sync is a long-running operation; the task waits for it up to O(directory_services.wait_timeout).
        type: str
        choices:
        - never
        - on_change
        - always
        default: never
      wait_timeout:
        description:
        - How many seconds the task waits for the sync before it fails (the sync goes on in the server).
        type: int
        default: 600
  display_name:
    description:
    - The name shown for the instance, for example the customer's name.
    type: str
  imap_server_connection_log_enabled:
    description:
    - Whether the instance's IMAP server logs its connections.
    type: bool
  instance_host:
    description:
    - The instance host (server name) the instance runs on.
    - When a new instance is created without it, the module places it on the Management Server's only instance host,
      or, when there are several, on the one with the fewest instances (ties - by name); it fails when there is
      none. A host that is named must exist. Check mode predicts the same host.
    type: str
  instance_id:
    description:
    - The instance's ID, which identifies it.
    - 3 to 32 characters, lower-case letters V(a-z), digits and V(-), starting with a letter.
    type: str
    required: true
  jobs:
    description:
    - 'The instance''s jobs: each item takes the options of M(mailstore.spe.spe_job).'
    type: list
    elements: dict
    suboptions:
      name:
        description:
        - The job's name, which identifies it.
        type: str
        required: true
      action:
        description:
        - The Management API command line the job runs, for example V(SyncUsersWithDirectoryServices) or V(RunProfile
          --id=3).
        - Required to create a job.
        - Changing it deletes the job and creates it again (with a new ID).
        type: str
      owner:
        description:
        - The user the job runs as; must be a user of the instance with the V(admin) privilege.
        - When not given to a new job, the server chooses the owner.
        - Changing it deletes the job and creates it again (with a new ID).
        type: str
      time_zone_id:
        description:
        - The time zone the schedule's dates and times are in, as the server names it, for example V($Local) (the
          time zone of the server's operating system) or V(W. Europe Standard Time).
        - The C(GetTimeZones) command of the API lists the names (see M(mailstore.spe.spe_command)).
        type: str
      schedule:
        description:
        - When the job runs. Exactly one of its options.
        - Compared by meaning, for example V(02:30) and V(02:30:00) are the same time.
        - Changing it, or O(jobs[].time_zone_id), sends the whole schedule again.
        type: dict
        suboptions:
          once:
            description:
            - Run once, at this date and time (V(YYYY-MM-DDThh:mm:ss)).
            type: str
          interval:
            description:
            - Run every this many minutes.
            type: int
            choices:
            - 5
            - 10
            - 15
            - 20
            - 30
            - 60
            - 120
            - 180
            - 240
            - 360
            - 720
          daily:
            description:
            - Run every day at this time (V(hh:mm) or V(hh:mm:ss)).
            type: str
          weekly:
            description:
            - Run every week on this day, at this time.
            type: dict
            suboptions:
              day:
                description: The day of the week.
                type: str
                required: true
                choices:
                - sunday
                - monday
                - tuesday
                - wednesday
                - thursday
                - friday
                - saturday
              time:
                description: The time of day (V(hh:mm) or V(hh:mm:ss)).
                type: str
                required: true
          monthly:
            description:
            - Run every month on this day, at this time.
            type: dict
            suboptions:
              day:
                description: The day of the month, V(1) to V(31), or V(last) for the last day of the month.
                type: str
                required: true
              time:
                description: The time of day (V(hh:mm) or V(hh:mm:ss)).
                type: str
                required: true
              weekday:
                description: A day of the week that further defines the day (passed to the API as C(dayOfWeek) with
                  C(dayOfMonth)).
                type: str
                choices:
                - sunday
                - monday
                - tuesday
                - wednesday
                - thursday
                - friday
                - saturday
      enabled:
        description:
        - Whether the job runs on its schedule. A new job without O(jobs[].enabled) is enabled.
        type: bool
      rename_from:
        description:
        - The job's name before a rename in the definition.
        - When a job of this name exists and none named O(jobs[].name), it is renamed (C(RenameJob)) to O(jobs[].name)
          and converged in the same run; C(renamed_from) says so. When a job named O(jobs[].name) exists, there
          is nothing to rename. When both exist, the task fails without a change. When neither exists, the job O(jobs[].name)
          is created.
        - Only with O(jobs[].state=present).
        type: str
      state:
        description:
        - V(present) - the object exists, with the options the task sets.
        - V(absent) - the object does not exist. Removing one that is already gone changes nothing.
        type: str
        choices:
        - present
        - absent
        default: present
  parallel_reads:
    description:
    - How many reads of the tenant run at most at once, each worker on its own kept-alive connection (V(1) to V(16)).
      V(1) reads one object after the other.
    - The reads start one after the other on the task's own connection; the other connections open only once the
      reads so far took 10 ms or more on average (a server far away, or busy). Against a server that answers faster,
      a new connection (a TLS handshake on both ends) costs more than it saves.
    - Writes always run one after the other, in dependency order.
    type: int
    default: 4
  profiles:
    description:
    - 'The instance''s archiving and export profiles: each item takes the options of M(mailstore.spe.spe_profile).'
    type: list
    elements: dict
    suboptions:
      name:
        description:
        - The profile's name, which identifies it.
        type: str
        required: true
      properties:
        description:
        - The profile's raw properties, without C(id), C(version), C(name) and C(serverSideExecution) (those are
          the server's or have their own options) and without passwords (O(profiles[].profile_passwords)).
        - Required to create a profile.
        type: dict
      profile_passwords:
        description:
        - Passwords of the profile, each at the key of O(profiles[].properties) where the API takes it.
        - Sent only when the profile is created or re-created; re-creating a profile that has a password needs it
          here again, since the API never returns it.
        type: list
        elements: dict
        suboptions:
          key:
            description:
            - Where the password goes in O(profiles[].properties), nested keys joined with dots, such as V(password)
              or V(details.password). The last key must contain C(password).
            type: str
            required: true
          value:
            description:
            - The password.
            type: str
            required: true
      automatic:
        description:
        - Whether the server runs the profile automatically (SetProfileServerSideExecution).
        - V(false) also resets O(profiles[].pause_between_executions) and O(profiles[].maintenance_windows), as
          the API does.
        type: bool
      pause_between_executions:
        description:
        - With O(profiles[].automatic=true), the seconds to pause between two runs, 0 to 2147483647.
        type: int
      maintenance_windows:
        description:
        - With O(profiles[].automatic=true), the time windows C(hh:mm-hh:mm) in which the profile does not run,
          such as V(22:00-04:00). Compared as a set.
        type: list
        elements: str
      allow_recreate:
        description:
        - Whether a profile whose O(profiles[].properties) differ may be deleted and created again (with a new id).
        type: bool
        default: false
      run:
        description:
        - Run the profile (RunProfile) after it is converged, and wait for the run to end (O(profiles[].wait_timeout)).
          A run always reports a change. C(run) holds its result.
        - Only profiles that the server executes can be run this way (see the reference's RunProfile).
        type: bool
        default: false
      wait_timeout:
        description:
        - How many seconds the task waits for a run before it fails (the run goes on in the server).
        type: int
        default: 3600
      state:
        description:
        - V(present) - the object exists, with the options the task sets.
        - V(absent) - the object does not exist. Removing one that is already gone changes nothing.
        type: str
        choices:
        - present
        - absent
        default: present
  purge_jobs:
    description:
    - Whether the jobs of the instance that O(jobs) does not list are deleted.
    type: bool
    default: false
  purge_jobs_var:
    description:
    - The name of the variable that holds O(purge_jobs), for example V(tenant_purge_jobs), the variable the role
      C(mailstore.spe.tenant_onboarding) reads. The action reads it from the task's variables, and templates it
      only when it holds a template.
    - 'Cheaper than C(purge_jobs: "{{ tenant_purge_jobs }}") in a task run for many tenants: a template in a task
      has every worker set up Jinja (about 8 ms of CPU per task).'
    - Mutually exclusive with O(purge_jobs). A variable that is not defined fails the task before any API call.
    type: str
  purge_stores:
    description:
    - Whether the archive stores of the instance that O(stores) does not list, by name or ID, are detached (their
      data stays on disk).
    type: bool
    default: false
  purge_stores_var:
    description:
    - The name of the variable that holds O(purge_stores), for example V(tenant_purge_stores), the variable the
      role C(mailstore.spe.tenant_onboarding) reads. The action reads it from the task's variables, and templates
      it only when it holds a template.
    - 'Cheaper than C(purge_stores: "{{ tenant_purge_stores }}") in a task run for many tenants: a template in a
      task has every worker set up Jinja (about 8 ms of CPU per task).'
    - Mutually exclusive with O(purge_stores). A variable that is not defined fails the task before any API call.
    type: str
  purge_users:
    description:
    - Whether the users of the instance that O(users) does not list are deleted (after everything else is converged).
      V(admin) and V($archiveadmin) are never deleted. Names compare case-insensitively.
    type: bool
    default: false
  purge_users_var:
    description:
    - The name of the variable that holds O(purge_users), for example V(tenant_purge_users), the variable the role
      C(mailstore.spe.tenant_onboarding) reads. The action reads it from the task's variables, and templates it
      only when it holds a template.
    - 'Cheaper than C(purge_users: "{{ tenant_purge_users }}") in a task run for many tenants: a template in a task
      has every worker set up Jinja (about 8 ms of CPU per task).'
    - Mutually exclusive with O(purge_users). A variable that is not defined fails the task before any API call.
    type: str
  search_index:
    description:
    - 'The instance''s search index settings: the options of M(mailstore.spe.spe_search_index).'
    type: dict
    suboptions:
      attachment_file_types:
        description:
        - The file types whose attachments are indexed, all of them, such as V(pdf) or V(docx). Compared as a set
          of extensions, without case and without a leading dot.
        - V([]) indexes no attachment.
        type: list
        elements: str
      rebuild:
        description:
        - V(on_change) selects every store's index for a rebuild (SelectAllStoreIndexesForRebuild) and rebuilds
          them (RebuildSelectedStoreIndexes) after this task changed the configuration. The rebuild is a long-running
          operation; the task waits for it up to O(search_index.wait_timeout).
        - V(never) leaves the existing indexes as they are; new mail is indexed by the new rules.
        type: str
        choices:
        - never
        - on_change
        default: never
      wait_timeout:
        description:
        - How many seconds the task waits for the rebuild before it fails (the rebuild goes on in the server).
        type: int
        default: 3600
  service_provider_access:
    description:
    - Whether the service provider has archive admin access to the instance.
    - 'The tenant''s contents can only be managed with it: it is on unless the definition says otherwise.'
    type: bool
    default: true
  smtp:
    description:
    - 'The instance''s SMTP settings: the options of M(mailstore.spe.spe_smtp).'
    type: dict
    suboptions:
      hostname:
        description:
        - Host name or IP address of the SMTP server.
        type: str
      smtp_port:
        description:
        - TCP port of the SMTP server, for example V(25), V(465) or V(587).
        - Not O(port), which is the port of the Management API connection.
        type: int
      protocol:
        description:
        - V(SMTP) - no encryption.
        - V(SMTP-TLS) - the connection is upgraded to TLS (STARTTLS).
        - V(SMTPS) - TLS from the start.
        type: str
        choices:
        - SMTP
        - SMTP-TLS
        - SMTPS
      ignore_ssl_policy_errors:
        description:
        - Whether errors in the SMTP server's TLS certificate are ignored.
        type: bool
      authentication_required:
        description:
        - Whether the SMTP server needs a user name and password (O(smtp.smtp_username), O(smtp.smtp_password)).
        type: bool
      smtp_username:
        description:
        - The user name to log on to the SMTP server with (C(username) in the API's settings).
        - Not to be confused with O(username), the user name of the API connection.
        type: str
      smtp_password:
        description:
        - The password to log on to the SMTP server with (C(password) in the API's settings).
        - Not to be confused with O(password), the password of the API connection.
        - Write-only; the API never returns it. When it is sent depends on O(smtp.update_password).
        type: str
      update_password:
        description:
        - V(on_change) - O(smtp.smtp_password) is sent whenever any other setting changes (the settings are always
          written together), and not otherwise.
        - V(always) - O(smtp.smtp_password) is sent on every run. As the module cannot know whether it differs from
          the current one, the task then reports a change on every run.
        type: str
        choices:
        - on_change
        - always
        default: on_change
      from_display_name:
        description:
        - The sender name of the notifications.
        type: str
      from_email_address:
        description:
        - The sender address of the notifications.
        type: str
      recipient_email_addresses:
        description:
        - The addresses that receive the instance's notifications, all of them. Compared as a set.
        - Only with C(instance_id).
        type: list
        elements: str
      test:
        description:
        - Whether to run the server's SMTP test (C(TestSmtpSettings) or C(TestSystemSmtpConfiguration)) after the
          settings were changed.
        - When the test fails, the task fails with the server's message; the settings stay as they were written.
        - The test is not run when nothing changed.
        type: bool
        default: false
  start_mode:
    description:
    - V(automatic) instances start with their instance host, V(manual) instances only when asked to (for example
      with C(state=started)), V(disabled) instances cannot be started.
    type: str
    choices:
    - automatic
    - manual
    - disabled
  store_auto_create:
    description:
    - 'Where new archive stores are created: the options of M(mailstore.spe.spe_store_auto_create).'
    type: dict
    suboptions:
      size_threshold:
        description:
        - The size of the current store at which a new one is created, a number with an optional unit (B, KB, MB,
          GB, TB), such as V(50GB) or V(51200 MB). Sizes compare by value (V(50GB) is V(51200 MB)).
        - V("") turns the automatic creation off (the API's null).
        type: str
      base_directory:
        description:
        - The directory in which new stores are created.
        type: str
      content_base_directory:
        description:
        - The directory for the content of new stores, when it is not the O(store_auto_create.base_directory).
        type: str
      index_base_directory:
        description:
        - The directory for the search indexes of new stores, when it is not the O(store_auto_create.base_directory).
        type: str
  stores:
    description:
    - 'The instance''s archive stores: each item takes the options of M(mailstore.spe.spe_store).'
    type: list
    elements: dict
    suboptions:
      name:
        description:
        - The store's name, which identifies it when O(stores[].id) is not given.
        - Two stores with that name in the instance are an error; give O(stores[].id) to choose one.
        - With O(stores[].id), the name the store gets (renaming it).
        - One of O(stores[].name) and O(stores[].id) is required. A new store needs O(stores[].name).
        type: str
      id:
        description:
        - The store's ID, which identifies an existing store.
        - A store with this ID must exist (except with O(stores[].state=absent)); an ID cannot be given to a new
          store.
        type: int
      requested_state:
        description:
        - V(current) - like V(normal), and new messages are archived into this store. Only one store of an instance
          is current.
        - V(normal) - the content is available to users and can be changed by those allowed to.
        - V(write_protected) - the content is available to users but cannot be changed (no deleting or moving of
          messages, no renaming or moving of folders).
        - V(disabled) - the store is not in use; the instance still knows it, but its content is not available to
          users.
        - A new store without it gets the server's default.
        type: str
        choices:
        - current
        - normal
        - write_protected
        - disabled
      database_path:
        description:
        - The directory of the store's database (for an existing store to attach, the directory that holds its C(MailStoreFileGroup.fdb)).
        - Required to create or attach a store.
        - Changing it on an existing store needs O(stores[].allow_path_change=true).
        type: str
      content_path:
        description:
        - The directory of the store's content, if it is kept apart from the database.
        - When not given to a new store, the server derives it from O(stores[].database_path).
        - Changing it on an existing store needs O(stores[].allow_path_change=true). When only O(stores[].database_path)
          changes, the store keeps its current content path.
        type: str
      index_path:
        description:
        - The directory of the store's search indexes, if they are kept apart from the database.
        - When not given to a new store, the server derives it from O(stores[].database_path).
        - Changing it on an existing store needs O(stores[].allow_path_change=true). When only O(stores[].database_path)
          changes, the store keeps its current index path.
        type: str
      attach:
        description:
        - When the store does not exist, attach the existing store found at O(stores[].database_path) (C(AttachStore))
          instead of creating a new one (C(CreateStore)).
        - Has no effect on a store that is already part of the instance.
        type: bool
        default: false
      allow_path_change:
        description:
        - Whether the module may change the paths of an existing store.
        - The module does not move any data. Move the data to the new location first; the module then disables the
          store, sets the new paths and restores the requested state.
        - Without it, a path change fails and names the paths that would change.
        type: bool
        default: false
      state:
        description:
        - V(present) - the object exists, with the options the task sets.
        - V(absent) - the object does not exist. Removing one that is already gone changes nothing.
        type: str
        choices:
        - present
        - absent
        default: present
  users:
    description:
    - 'The instance''s users: each item takes the options of M(mailstore.spe.spe_user).'
    type: list
    elements: dict
    suboptions:
      user_name:
        description:
        - The user's name, which identifies the user.
        type: str
        required: true
      full_name:
        description:
        - The user's full name.
        type: str
      distinguished_name:
        description:
        - The user's LDAP distinguished name, for users synchronized with a directory service.
        type: str
      authentication:
        description:
        - How the user's password is checked.
        - V(integrated) - by MailStore, against the password set with O(users[].user_password).
        - V(directory_services) - by the instance's directory service.
        type: str
        choices:
        - integrated
        - directory_services
      email_addresses:
        description:
        - The user's e-mail addresses, all of them. Compared as a set.
        - V([]) removes every address.
        type: list
        elements: str
      pop3_user_names:
        description:
        - The user's POP3 user names, all of them. Compared as a set.
        - V([]) removes every name.
        type: list
        elements: str
      privileges:
        description:
        - The user's global privileges, all of them. Compared as a set.
        - V(none) - no global privileges; the same as V([]). Only alone.
        - V(admin) - administrator privileges. Only alone.
        - V(login) - may log on to the instance.
        - V(change_password) - may change the own password (for O(users[].authentication=integrated)).
        - V(archive) - may run archiving profiles.
        - V(modify_archive_profiles) - may create, change and delete archiving profiles.
        - V(export) - may run export profiles.
        - V(modify_export_profiles) - may create, change and delete export profiles.
        - V(delete) - may delete messages (in folders with delete access; compliance settings may still prevent
          it).
        - A new user without O(users[].privileges) gets V(none).
        type: list
        elements: str
        choices:
        - none
        - admin
        - login
        - change_password
        - archive
        - modify_archive_profiles
        - export
        - modify_export_profiles
        - delete
      folder_access:
        description:
        - The user's access to archive folders.
        - Each folder listed gets exactly the privileges listed for it. V(none) or V([]) removes the user's access
          to that folder.
        - Folders not listed keep their access, unless O(users[].purge_folder_access=true). So O(users[].folder_access=[])
          changes nothing unless O(users[].purge_folder_access=true).
        type: list
        elements: dict
        suboptions:
          folder:
            description:
            - The folder's name, for example the user's own archive folder V(jdoe).
            type: str
            required: true
          privileges:
            description:
            - V(read), V(write) (messages may be moved within the archive), V(delete), or V(none) alone for no access.
            type: list
            elements: str
            required: true
            choices:
            - none
            - read
            - write
            - delete
      purge_folder_access:
        description:
        - Whether the user loses the access to every folder not listed in O(users[].folder_access).
        - Only used with O(users[].folder_access). O(users[].folder_access=[]) and O(users[].purge_folder_access=true)
          remove the user's access to every folder.
        type: bool
        default: false
      user_password:
        description:
        - The user's password, for O(users[].authentication=integrated).
        - Not to be confused with O(password), the password of the API connection.
        - Write-only; the API never returns it. When it is sent depends on O(users[].update_password).
        type: str
      update_password:
        description:
        - V(on_create) - O(users[].user_password) is sent only when the user is created.
        - V(always) - O(users[].user_password) is sent on every run. As the module cannot know whether it differs
          from the current one, the task then reports a change on every run.
        type: str
        choices:
        - on_create
        - always
        default: on_create
      rename_from:
        description:
        - The user's name before a rename in the definition.
        - When a user of this name exists and none named O(users[].user_name), it is renamed (C(RenameUser), which
          also renames the user's archive folder and keeps its folder access) to O(users[].user_name) and converged
          in the same run; C(renamed_from) says so. When a user named O(users[].user_name) exists, there is nothing
          to rename. When both exist, the task fails without a change. When neither exists, the user O(users[].user_name)
          is created.
        - Names are compared case-insensitively, as the server does. Only with O(users[].state=present).
        type: str
      state:
        description:
        - V(present) - the object exists, with the options the task sets.
        - V(absent) - the object does not exist. Removing one that is already gone changes nothing.
        type: str
        choices:
        - present
        - absent
        default: present
  vss_writer_enabled:
    description:
    - Whether the instance takes part in Volume Shadow Copy Service (VSS) backups.
    type: bool
  vss_writer_exclude_indexes:
    description:
    - Whether VSS backups leave out the instance's search indexes.
    type: bool
"""

EXAMPLES = r"""
- name: Converge ACME Corp, whole
  mailstore.spe.spe_tenant:
    instance_id: acme
    display_name: ACME Corp
    allow_restart: true  # the display name of a running instance changes while it is stopped
    stores:
      - name: Archive 2026
        database_path: 'E:\Archive\acme\Archive-2026'
        requested_state: current
    users:
      - user_name: jdoe
        full_name: John Doe
        email_addresses: [john.doe@acme.example]
        privileges: [login, change_password]
        folder_access:
          - folder: jdoe
            privileges: [read]
      - user_name: it-admin
        privileges: [admin]
    jobs:
      - name: Nightly store verification
        action: VerifyStores --includeIndexes=false
        owner: admin
        schedule:
          daily: "02:30"
    smtp:
      hostname: mail.acme.example
      smtp_port: 587
      protocol: SMTP-TLS
    compliance:
      legal_hold_enabled: false
  register: acme

- name: Show what changed, object by object
  ansible.builtin.debug:
    msg: "{{ acme.objects | selectattr('changed') | map(attribute='kind') | list }}"

- name: Converge a tenant kept in a variable (host_vars/hooli.yml, for example), named by definition_var
  mailstore.spe.spe_tenant:
    definition_var: tenant  # read by the action; templated only if a value in it holds a template
    purge_users_var: offboard_leavers  # a flag named the same way: the task holds no template
  vars:
    offboard_leavers: true
    tenant:
      instance_id: hooli
      display_name: Hooli
      users:
        - user_name: hank
          full_name: Hank Scorpio
          privileges: [login]

- name: Delete the users and jobs of ACME Corp that the definition does not list
  mailstore.spe.spe_tenant:
    instance_id: acme
    users:
      - user_name: jdoe
      - user_name: it-admin
    jobs:
      - name: Nightly store verification
    purge_users: true
    purge_jobs: true
"""

RETURN = r"""
objects:
  description:
    - One entry per object of the tenant, in the order they were converged (in check mode, predicted).
    - C(kind) (V(instance), V(store), V(user), V(job), V(smtp settings), V(compliance settings)),
      C(identity) (the instance ID, the store's name or V(id N), the user's or job's name; none for settings),
      C(changed), C(commands) (sent, or in check mode to be sent), C(object) for an object that changed (as it
      now is, or in check mode as predicted; one that did not change is as the definition says),
      C(diff) with C(--diff) when it changes, C(purged) for an object a purge deletes, and what the object's
      own module adds to its result (C(recreated), C(data_retained_at), C(msg), C(changed_fields)).
    - On failure, the objects converged before it, and the one that failed (C(failed)).
  returned: always
  type: list
  elements: dict
  sample:
    - kind: instance
      identity: acme
      changed: false
      commands: []
      object: {instance_id: acme, display_name: ACME Corp, status: running}
    - kind: user
      identity: jdoe
      changed: true
      commands: [SetUserFullName]
      object: {user_name: jdoe, full_name: John Doe}
report:
  description:
    - >-
      One line per object of RV(objects), for people to read (the role C(mailstore.spe.tenant_onboarding)
      registers it in C(tenant_onboarding_result)) - C(object) (kind and identity, followed by
      C(\(not in the definition: deleted\)) for an object a purge deletes), C(changed), C(commands), and C(note)
      for an instance change that waits for O(allow_restart) (check mode only).
  returned: success
  type: list
  elements: dict
  sample:
    - {object: instance acme, changed: false, commands: []}
    - {object: user jdoe, changed: true, commands: [SetUserFullName]}
    - {object: 'user leaver (not in the definition: deleted)', changed: true, commands: [DeleteUser]}
diff:
  description:
    - With C(--diff), the tenant before and after in the shape of its definition, for the objects that change
      (the instance's options at the top, the changed stores, users and jobs in lists, the settings as dicts).
      Write-only secrets that are sent show as V(********).
  returned: in diff mode
  type: dict
failed_object:
  description: On failure, the object that failed (C(kind) and C(identity)).
  returned: on failure
  type: dict
  sample: {kind: user, identity: jdoe}
commands_undone: {description: Sent on failure to put back what the run had changed., returned: when something was undone, type: list, elements: str}
commands: {description: API commands sent in order (check mode - would send; failure - applied then failing)., returned: always, type: list, elements: str}
commands_uncertain: {description: Sent without an answer - the server may have applied it; a re-run converges., returned: on failure, type: list, elements: str}
failed_command: {description: The API command that failed., returned: when an API command failed, type: str}
error: {description: 'Without passwords: kind, command, message, details, http_status, token.', returned: when an API call failed, type: dict}
"""

from ansible_collections.mailstore.spe.plugins.module_utils.declarations.tenant import TENANT
from ansible_collections.mailstore.spe.plugins.module_utils.runner import run_module


def main():
    """spe_tenant in a module process (MAILSTORE_SPE_EXECUTION=module); in-process, the action plugin runs the same spec."""
    run_module(TENANT.module_spec())


if __name__ == '__main__':
    main()
