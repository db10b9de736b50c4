# Copyright: contributors to mailstore.spe
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench` is never timed here, but its verdicts are logic that can be wrong: the workload
it generates, the linearity judgement and the medians of the scale points."""

from __future__ import annotations

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'tools'))
import bench  # noqa: E402  pylint: disable=wrong-import-position

# importing bench put tools/bench on the path
import generate  # noqa: E402  pylint: disable=wrong-import-position


def test_each_tenant_has_the_workload_the_issue_asks_for():
    tenant = generate.tenant_definition(7)
    assert (tenant['instance_id'], len(tenant['stores']), len(tenant['users']), len(tenant['jobs'])) == (
        'bench007',
        2,
        20,
        3,
    )
    assert all(user['folder_access'] for user in tenant['users'])
    assert tenant['smtp']['hostname'] == 'mail.bench007.example'
    assert generate.declared_objects(20) == 540  # 1 instance + 2 stores + 20 users + 3 jobs + 1 SMTP, per tenant


def test_the_inventory_has_one_host_and_one_definition_per_tenant(tmp_path):
    names = generate.write_inventory(str(tmp_path), 3, python='/usr/bin/python3')
    assert names == ['bench001', 'bench002', 'bench003']
    assert sorted(os.listdir(tmp_path / 'host_vars')) == ['bench001.yml', 'bench002.yml', 'bench003.yml']
    generate.write_inventory(str(tmp_path), 1)  # fewer tenants: the stale definitions go
    assert os.listdir(tmp_path / 'host_vars') == ['bench001.yml']


def test_the_host_vars_probe_reads_the_same_definitions_as_yaml_and_as_json(tmp_path):
    inventory = str(tmp_path / 'inventory')
    generate.write_inventory(inventory, 2)
    results = {}
    bench.host_vars_load(results, inventory)
    assert set(results['host_vars']) == {'yaml', 'json'} and all(v > 0 for v in results['host_vars'].values())
    with open(os.path.join(inventory + '-json', 'host_vars', 'bench002.yml'), encoding='utf-8') as handle:
        plain = handle.read()
    assert not plain.startswith('---') and json.loads(plain) == {'tenant': generate.tenant_definition(2)}


def points(cost):
    return [dict(tenants=n, nochange=cost(n)) for n in (1, 5, 20, 50)]


def test_a_straight_line_is_linear():
    fit = bench.linear_fit(points(lambda n: 1.5 + 0.6 * n), 'nochange')
    assert fit['growth'] == pytest.approx(1.0)
    assert (fit['slope'], fit['intercept'], fit['r2']) == (pytest.approx(0.6), pytest.approx(1.5), pytest.approx(1.0))


def test_a_cost_per_tenant_that_grows_with_the_total_is_not():
    # 0.5 s per tenant plus 0.01 s per tenant for every other tenant: quadratic
    fit = bench.linear_fit(points(lambda n: 1.5 + 0.5 * n + 0.01 * n * n), 'nochange')
    assert fit['growth'] > bench.LINEAR_GROWTH
    assert fit['steps'][-1] == pytest.approx(0.5 + 0.01 * 70)  # (f(50) - f(20)) / 30


def test_fewer_than_three_points_give_no_verdict():
    assert bench.linear_fit(points(lambda n: n)[:2], 'nochange') is None


def run(wall, cpu, reads=28, writes=0):
    return dict(wall=wall, sim_cpu=cpu / 10, ansible_cpu=cpu, reads=reads, writes=writes, peak_rss_mb=wall * 10)


def test_a_scale_point_is_the_median_of_its_rounds_with_the_spread():
    rounds = [
        (run(21.0, 30.0), run(14.0, 25.0)),
        (run(19.0, 29.0), run(12.0, 24.0)),
        (run(25.0, 31.0), run(16.0, 26.0, writes=1)),
    ]
    point = bench.scale_point(20, rounds)
    assert (point['tenants'], point['rounds']) == (20, 3)
    assert (point['first'], point['first_min'], point['first_max']) == (21.0, 19.0, 25.0)
    assert (point['nochange'], point['nochange_min'], point['nochange_max']) == (14.0, 12.0, 16.0)
    assert (point['nochange_ansible_cpu'], point['first_sim_cpu']) == (25.0, 3.0)
    assert point['nochange_writes'] == 1  # the worst round counts: one write is a missed target
    assert point['first_peak_rss_mb'] == 250.0  # the peak memory of a point: the largest of its rounds
    assert 'object_first' not in point  # the per-object path was not measured at this point


def test_a_missing_cpu_figure_is_reported_as_missing():
    rounds = [(run(2.0, 3.0), dict(run(1.0, 2.0), sim_cpu=None))]
    assert bench.scale_point(1, rounds)['nochange_sim_cpu'] is None


def scale(ours, theirs, simulator_cpu):
    """Scale points at 1, 100 and 500 tenants; the per-object path measured up to 100."""
    result = []
    for n in (1, 100, 500):
        point = dict(tenants=n, nochange=ours(n), first=2 * ours(n), nochange_sim_cpu=simulator_cpu * n)
        if n <= 100:
            point.update(object_nochange=theirs(n), object_first=2 * theirs(n))
        result.append(point)
    return result


def test_spe_tenant_targets_compare_the_cost_per_added_tenant():
    targets = bench.tenant_targets(scale(lambda n: 2 + 0.05 * n, lambda n: 1 + 0.5 * n, simulator_cpu=0.02))
    texts = [text for _passed, text in targets]
    assert all(passed for passed, _text in targets), texts
    assert '10.0x cheaper' in texts[0]  # 0.5 s against 0.05 s per added tenant; start-up costs cancel out
    assert len(targets) == 2 + 2  # two comparisons, and the simulator factor at 100 and 500 tenants


def test_spe_tenant_targets_fail_when_the_gain_or_the_simulator_factor_falls_short():
    targets = bench.tenant_targets(scale(lambda n: 0.2 * n, lambda n: 0.5 * n, simulator_cpu=0.02))
    assert [passed for passed, _text in targets] == [False, True, False, False]


def test_a_stubbed_round_adds_the_floor_to_its_scale_point():
    rounds = [(run(21.0, 30.0), run(14.0, 25.0), None, None, run(9.0, 20.0))]
    point = bench.scale_point(20, rounds)
    assert (point['stub_nochange'], point['stub_nochange_ansible_cpu']) == (9.0, 20.0)
    assert 'stub_nochange' not in bench.scale_point(20, [(run(21.0, 30.0), run(14.0, 25.0), None, None, None)])


def test_the_floor_notes_say_what_the_budget_leaves_to_our_plugins():
    points = scale(lambda n: 2 + 0.1 * n, lambda n: 1 + 0.5 * n, simulator_cpu=0.02)
    for point in points:
        point['stub_nochange'] = 1.5 + 0.06 * point['tenants']
    notes = bench.floor_notes(points)
    assert len(notes) == 2  # at 100 and 500 tenants: slopes from the lowest point
    assert notes[0].startswith('at 100 tenants') and '0.060 s per added tenant = 3.0x the simulator' in notes[0]
    assert 'leaving 0.020 s of the 4x budget (0.080 s)' in notes[0] and 'which take 0.040 s' in notes[0]


def test_the_stub_finds_its_anchor_in_the_action_plugin():
    # Once the stub's anchor was a line that a later change rewrote, and the stubbed runs were
    # skipped without a word: the anchor is the method's definition now, and this test watches it.
    path = os.path.join(bench.REPO, 'plugins', 'plugin_utils', 'in_process.py')
    with open(path, encoding='utf-8') as handle:
        assert bench.STUB_AT in handle.read()
