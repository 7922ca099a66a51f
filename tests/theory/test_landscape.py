"""Landscape theory (Axelrod & Bennett 1993): identities, brute-force agreement, invariance, heuristic,
the First World War case on the real data, a firm example, the CLI and bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancelab.errors import ParameterError
from alliancelab.theory import landscape as L
from alliancelab.theory import landscape_data as D

EUROPE_1913 = "UKG NTH BEL FRN SWZ SPN POR GMY AUH ITA YUG GRC BUL ROM RUS SWD NOR DEN TUR"


def random_instance(n, seed):
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1.0, n)
    p = rng.normal(size=(n, n))
    return s, (p + p.T) / 2


def as_dict(result):
    return {tuple(c): (e, b) for c, e, b in zip(result.configurations, result.energies, result.basin_sizes)}


# ------------------------------------------------------------------ identities


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 9), st.integers(0, 10**6), st.integers(2, 4))
def test_energy_is_size_weighted_frustration_and_a_switch_moves_it_by_twice_the_change(n, seed, k):
    s, p = random_instance(n, seed)
    rng = np.random.default_rng(seed + 1)
    config = rng.integers(0, k, n)
    f = L.frustration(s, p, config)
    e = L.energy(s, p, config)
    assert e == pytest.approx(float(s @ f), abs=1e-12)
    d = config[:, None] != config[None, :]
    pairs = sum(s[i] * s[j] * p[i, j] * d[i, j] for i in range(n) for j in range(i + 1, n))
    assert e == pytest.approx(2 * pairs, abs=1e-12)  # ordered pairs = twice THEORY.md's i<j sum
    actor = int(rng.integers(n))
    moved = config.copy()
    moved[actor] = (config[actor] + 1 + int(rng.integers(k - 1))) % k
    df = L.frustration(s, p, moved)[actor] - f[actor]
    assert L.energy(s, p, moved) - e == pytest.approx(2 * s[actor] * df, abs=1e-12)


def test_affinity_across_camps_adds_energy_antipathy_removes_it():
    s = np.ones(2)
    friends = np.array([[0, 1.0], [1.0, 0]])
    assert L.energy(s, friends, [0, 1]) == 2.0 and L.energy(s, friends, [0, 0]) == 0.0
    assert L.energy(s, -friends, [0, 1]) == -2.0
    assert L.landscape(s, friends).configurations.tolist() == [[0, 0]]
    assert L.landscape(s, -friends).configurations.tolist() == [[0, 1]]


# ------------------------------------------------------------------ exact search


@pytest.mark.parametrize("rule", L.RULES)
@pytest.mark.parametrize("n,seed", [(3, 1), (6, 2), (9, 3), (11, 4)])
def test_gray_code_search_agrees_with_brute_force(n, seed, rule):
    s, p = random_instance(n, seed)
    mine = as_dict(L.exact_two_camps(s, p, rule=rule))
    ref = L.brute_force(s, p, rule=rule)
    assert set(mine) == set(ref)
    for key, (e, b) in ref.items():
        assert mine[key][0] == pytest.approx(e, abs=1e-9)
        assert mine[key][1] == b


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 7), st.data())
def test_integer_instances_with_ties_agree_with_brute_force(n, data):
    sizes = np.array(data.draw(st.lists(st.integers(1, 5), min_size=n, max_size=n)), dtype=float)
    upper = data.draw(st.lists(st.integers(-3, 3), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2))
    p = np.zeros((n, n))
    p[np.triu_indices(n, 1)] = upper
    p = p + p.T
    k = data.draw(st.sampled_from([2, 3] if n >= 3 else [2]))
    rule = data.draw(st.sampled_from(L.RULES))
    result = L.exact_two_camps(sizes, p, rule=rule) if k == 2 else L.exact_many_camps(sizes, p, k, rule=rule)
    ref = L.brute_force(sizes, p, camps=k, rule=rule)
    mine = as_dict(result)
    assert set(mine) == set(ref)
    for key, (e, b) in ref.items():
        assert mine[key][0] == pytest.approx(e, abs=1e-9) and mine[key][1] == b
    assert result.basin_sizes.sum() == k ** (n - 1)
    for c in result.configurations:
        assert L.is_local_minimum(sizes, p, c, camps=k)


@pytest.mark.parametrize("n,k,seed", [(6, 3, 5), (7, 3, 6), (6, 4, 7)])
def test_many_camps_exact_agrees_with_brute_force(n, k, seed):
    s, p = random_instance(n, seed)
    mine = as_dict(L.exact_many_camps(s, p, k))
    ref = L.brute_force(s, p, camps=k)
    assert set(mine) == set(ref)
    for key, (e, b) in ref.items():
        assert mine[key] == (pytest.approx(e, abs=1e-9), b)


def test_exact_energies_and_minima_match_the_numpy_reference():
    s, p = random_instance(15, 11)
    result = L.exact_two_camps(s, p, keep_energies=True)
    ref = L.reference_energies(s, p)
    np.testing.assert_allclose(result.all_energies, ref, atol=1e-9)
    minima = L.local_minima_from_energies(s, p, ref)
    assert len(minima) == result.n_minima
    assert result.basin_sizes.sum() == 2**14
    assert result.energies[0] == pytest.approx(ref.min(), abs=1e-9)
    assert list(result.energies) == sorted(result.energies)
    for r in range(result.n_minima):
        np.testing.assert_allclose(result.frustrations[r], L.frustration(s, p, result.configurations[r]))


@pytest.mark.parametrize("rule", L.RULES)
def test_relabelling_actors_permutes_the_answer_and_nothing_else(rule):
    s, p = random_instance(12, 21)
    perm = np.random.default_rng(3).permutation(12)
    a = L.exact_two_camps(s, p, rule=rule)
    b = L.exact_two_camps(s[perm], p[np.ix_(perm, perm)], rule=rule)
    np.testing.assert_allclose(a.energies, b.energies, atol=1e-9)
    if rule == "steepest":  # the ordered rule's basins depend on the order by definition
        assert list(a.basin_sizes) == list(b.basin_sizes)
    back = {tuple(L.canonical(c[np.argsort(perm)])) for c in b.configurations}
    assert back == {tuple(c) for c in a.configurations}


def test_adjustment_path_goes_downhill_to_a_minimum():
    s, p = random_instance(14, 8)
    start = np.random.default_rng(0).integers(0, 2, 14)
    path = L.adjustment_path(s, p, start)
    assert (np.diff(path.energy) < 0).all()
    assert (path.frustration_after.iloc[1:] < path.frustration_before.iloc[1:]).all()
    names = [str(i) for i in range(14)]
    for row in path.iloc[1:].itertuples():
        i = names.index(row.actor)
        # the energy drop is twice the mover's size times its frustration change
        drop = 2 * s[i] * (row.frustration_after - row.frustration_before)
        previous = path.energy[row.step - 1]
        assert row.energy - previous == pytest.approx(drop, abs=1e-9)
    end = np.array(path.configuration.iloc[-1].split(), dtype=int)
    assert L.is_local_minimum(s, p, end)
    minima = {tuple(c) for c in L.exact_two_camps(s, p).configurations}
    assert tuple(L.canonical(end)) in minima
    assert L.switch_costs(s, p, end).min() >= -1e-9


# ------------------------------------------------------------------ heuristic


@pytest.mark.parametrize("n,seed", [(12, 31), (18, 32), (22, 33)])
def test_heuristic_matches_exact_search(n, seed):
    s, p = random_instance(n, seed)
    exact = L.exact_two_camps(s, p)
    heur = L.heuristic(s, p, n_starts=3000, seed=seed)
    ex = {tuple(c): b for c, b in zip(exact.configurations, exact.basin_shares)}
    he = {tuple(c): b for c, b in zip(heur.configurations, heur.basin_shares)}
    assert set(he) <= set(ex)  # every heuristic answer is a true local minimum
    assert tuple(heur.global_minimum) == tuple(exact.global_minimum)
    assert heur.energies[0] == pytest.approx(exact.energies[0], abs=1e-9)
    for c, share in ex.items():
        if share > 0.02:
            assert c in he
        assert abs(he.get(c, 0.0) - share) < 0.04  # 3000 starts: standard error < 0.01
    annealed = L.heuristic(s, p, n_starts=64, anneal=True, seed=seed)
    assert annealed.energies[0] == pytest.approx(exact.energies[0], abs=1e-9)


def test_heuristic_handles_a_thousand_actors_and_ends_in_local_minima():
    s, p = random_instance(1000, 41)
    result = L.landscape(s, p, n_starts=16, seed=1)
    assert result.method == "heuristic" and result.n_configurations == 16
    for c in result.configurations[:3]:
        assert L.is_local_minimum(s, p, c)
    assert result.energies[0] == pytest.approx(L.energy(s, p, result.configurations[0]), rel=1e-9)


def test_three_camp_heuristic_finds_the_exact_global_minimum():
    s, p = random_instance(8, 51)
    exact = L.exact_many_camps(s, p, 3)
    heur = L.landscape(s, p, camps=3, method="heuristic", n_starts=2000)
    assert heur.energies[0] == pytest.approx(exact.energies[0], abs=1e-9)
    assert {tuple(c) for c in heur.configurations} <= {tuple(c) for c in exact.configurations}


# ------------------------------------------------------------------ bad input


def test_bad_inputs_raise_parameter_errors():
    s, p = random_instance(4, 1)
    asym = p.copy()
    asym[0, 1] += 1
    with pytest.raises(ParameterError, match="symmetric"):
        L.landscape(s, asym)
    with pytest.raises(ParameterError, match="sizes"):
        L.landscape(np.array([1.0, -1, 1, 1]), p)
    with pytest.raises(ParameterError, match="4x4"):
        L.landscape(s, p[:3, :3])
    with pytest.raises(ParameterError, match="method"):
        L.landscape(s, p, method="magic")
    with pytest.raises(ParameterError, match="rule"):
        L.landscape(s, p, rule="random")
    with pytest.raises(ParameterError, match="config"):
        L.energy(s, p, [0, 1])


def write(path, text):
    path.write_text(text)
    return path


def test_bad_actor_files_name_file_row_and_column(tmp_path):
    sizes = write(tmp_path / "sizes.csv", "actor,size\nA,1\nB,2\nC,0.5\n")
    good = write(tmp_path / "p.csv", "actor1,actor2,propensity\nA,B,1\nB,C,-1\n")
    names, s, p = D.read_actor_csv(sizes, good)
    assert names == ["A", "B", "C"] and p[1, 0] == 1 and p[2, 1] == -1 and p[0, 2] == 0
    with pytest.raises(ParameterError, match=r"sizes2.csv, row 3, column size"):
        D.read_actor_csv(write(tmp_path / "sizes2.csv", "actor,size\nA,1\nB,big\n"), good)
    with pytest.raises(ParameterError, match="expected columns 'actor,size'"):
        D.read_actor_csv(write(tmp_path / "sizes3.csv", "name,share\nA,1\n"), good)
    with pytest.raises(ParameterError, match=r"row 2, column actor2: actor 'Z'"):
        D.read_actor_csv(sizes, write(tmp_path / "p2.csv", "actor1,actor2,propensity\nA,Z,1\n"))
    with pytest.raises(ParameterError, match="different values"):
        D.read_actor_csv(sizes, write(tmp_path / "p3.csv", "actor1,actor2,propensity\nA,B,1\nB,A,2\n"))
    with pytest.raises(ParameterError, match="not symmetric"):
        D.read_actor_csv(sizes, write(tmp_path / "p4.csv", ",A,B,C\nA,0,1,0\nB,2,0,0\nC,0,0,0\n"))
    with pytest.raises(ParameterError, match="does not exist"):
        D.read_actor_csv(tmp_path / "none.csv", good)


# ------------------------------------------------------------------ firms (built here, not bundled)


def firm_files(tmp_path):
    """Nine firms, market shares as sizes; propensities from a made-up table of joint ventures
    (+) and patent suits (-): two standards camps {F1..F4} and {F5..F9}, F4 torn between them."""
    firms = [f"F{i}" for i in range(1, 10)]
    shares = [0.20, 0.15, 0.10, 0.05, 0.18, 0.12, 0.08, 0.07, 0.05]
    write(tmp_path / "firms.csv", "actor,size\n" + "".join(f"{f},{v}\n" for f, v in zip(firms, shares)))
    rows = []
    for i in range(9):
        for j in range(i + 1, 9):
            same = (i < 4) == (j < 4)
            value = 1.0 if same else -0.5
            if 3 in (i, j):
                value = 0.3 if j >= 4 or i >= 4 else 0.6  # F4 has ventures on both sides
            rows.append(f"{firms[i]},{firms[j]},{value}\n")
    write(tmp_path / "ventures.csv", "actor1,actor2,propensity\n" + "".join(rows))
    return tmp_path / "firms.csv", tmp_path / "ventures.csv"


def test_firm_example_splits_into_the_two_standards_camps(tmp_path):
    sizes, props = firm_files(tmp_path)
    names, s, p = D.read_actor_csv(sizes, props)
    result = L.landscape(s, p, names=names)
    camp = result.minimum(0)
    assert len({camp[f] for f in ["F1", "F2", "F3", "F4"]}) == 1
    assert len({camp[f] for f in ["F5", "F6", "F7", "F8", "F9"]}) == 1
    assert camp["F1"] != camp["F5"]
    table = result.frustration_table(0).set_index("actor")
    assert table.switch_cost.idxmin() == "F4"  # the torn firm is the closest to defecting


def test_cli_on_firm_files_and_plots(tmp_path):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    sizes, props = firm_files(tmp_path)
    actual = write(tmp_path / "actual.csv", "actor,camp\nF1,x\nF2,x\nF5,y\nF6,y\n")
    out = CliRunner().invoke(
        app,
        [
            "landscape",
            "--sizes",
            str(sizes),
            "--propensities",
            str(props),
            "--actual",
            str(actual),
            "--plot-dir",
            str(tmp_path / "plots"),
            "--start",
            "F1=1 F2=1",
        ],
    )
    assert out.exit_code == 0, out.output
    assert "4 of 4" in out.output and "adjustment path" in out.output
    written = sorted(x.name for x in (tmp_path / "plots").iterdir())
    assert written == [
        "landscape_firms_energy.html",
        "landscape_firms_energy.png",
        "landscape_firms_network.html",
        "landscape_firms_network.png",
    ]
    bad = CliRunner().invoke(app, ["landscape", "--sizes", str(sizes)])
    assert bad.exit_code == 2 and "--propensities" in bad.output


# ------------------------------------------------------------------ the real data: 1914


def test_war_106_is_the_first_world_war(con):
    sides = D.war_sides(106)
    side = dict(zip(sides.stateabb, sides.side))
    assert side["GMY"] == side["AUH"] == side["TUR"] == side["BUL"]
    assert side["UKG"] == side["FRN"] == side["RUS"] == side["ITA"] == side["USA"] != side["GMY"]
    assert sides.first_year.min() == 1914
    with pytest.raises(ParameterError, match="war=99999"):
        D.war_sides(99999)


def test_components_are_symmetric_bounded_and_read_the_1913_treaties(con):
    system = D.build_system(EUROPE_1913, 1913)
    pos = {n: i for i, n in enumerate(system.names)}
    for name, m in system.components.items():
        np.testing.assert_allclose(m, m.T, err_msg=name)
        assert np.abs(m).max() <= 1 + 1e-12 and np.all(np.diag(m) == 0), name
    comp = system.components
    assert comp["alliance"][pos["GMY"], pos["AUH"]] == 1  # Dual Alliance
    assert comp["alliance"][pos["FRN"], pos["RUS"]] == 1  # Franco-Russian alliance
    assert comp["opposed_alliances"][pos["GMY"], pos["FRN"]] == -1  # Triple Alliance names France
    assert comp["rivalry"][pos["GMY"], pos["UKG"]] == -1
    assert system.sizes[pos["GMY"]] > system.sizes[pos["ITA"]] > 0
    with pytest.raises(ParameterError, match="not a system member in 1913"):
        D.build_system("GMY ALB", 1913)
    with pytest.raises(ParameterError, match="unknown component"):
        system.propensity({"religion": 1.0})


def test_first_world_war_predicted_from_1913_data(con):
    """Worked case (docs/landscape.md): the European system of 1913, default weights, two camps.

    Computed: a single local minimum, GMY AUH ITA ROM TUR against the rest, placing 10 of the 13
    European belligerents on their actual side (Italy and Romania, bound to the Triple Alliance in
    1913, and Bulgaria are misplaced)."""
    system = D.build_system(EUROPE_1913, 1913)
    result = L.landscape(system.sizes, system.propensity(), names=system.names)
    assert result.method == "exact" and result.n_configurations == 2**18
    actual = D.actual_camps(system.codes, D.war_sides(106))
    right, scored, _ = D.placed_right(result.global_minimum, actual)
    assert scored == 13
    assert right >= 10
    camp = result.minimum(0)
    assert camp["GMY"] == camp["AUH"] != camp["FRN"] == camp["RUS"] == camp["UKG"]
    assert result.n_minima == 1


def test_weights_fitted_on_the_first_world_war_applied_to_the_second(con):
    """Fit on 1913 data + WWI sides, apply to 1938 data, compare with WWII (COW war 139) sides.
    Computed: 4 local minima; the global minimum places 11 of the 15 European belligerents right."""
    europe = (
        "SELECT stateabb FROM states WHERE styear <= {y} AND endyear >= {y} "
        "AND (ccode BETWEEN 200 AND 399 OR ccode = 640) ORDER BY ccode"
    )
    s13 = D.build_system(con.execute(europe.format(y=1913)).df().stateabb.tolist(), 1913)
    s38 = D.build_system(con.execute(europe.format(y=1938)).df().stateabb.tolist(), 1938)
    weights = D.fit_weights([(s13, D.actual_camps(s13.codes, D.war_sides(106)))])
    assert weights["rivalry"] > 0  # rivals (component -1) are less likely to share a camp
    result = L.landscape(s38.sizes, s38.propensity(weights), names=s38.names)
    right, scored, _ = D.placed_right(result.global_minimum, D.actual_camps(s38.codes, D.war_sides(139)))
    assert scored == 15 and right >= 11


def test_cli_first_world_war(con):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    out = CliRunner().invoke(app, ["landscape", "--year", "1913", "--states", EUROPE_1913, "--war", "106"])
    assert out.exit_code == 0, out.output
    assert "10 of 13" in out.output and "single local minimum" in out.output
    assert "Sarkees" in out.output and "Axelrod" in out.output
    bad = CliRunner().invoke(app, ["landscape", "--year", "1913", "--states", "GMY XYZ"])
    assert bad.exit_code == 2 and "'XYZ': not a COW state code, abbreviation or name" in bad.output


# ------------------------------------------------------------------ the certified two-camp minimum


def planted_instance(n, seed, noise):
    """Two blocs (affinity +1 inside, -1 across) plus symmetric Gaussian noise of sd ``noise``."""
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1.0, n)
    camp = rng.integers(0, 2, n)
    p = np.where(camp[:, None] == camp[None, :], 1.0, -1.0) + noise * rng.normal(size=(n, n))
    return s, (p + p.T) / 2, camp


@pytest.mark.parametrize("method", ["branch-and-bound", "milp"])
@pytest.mark.parametrize("n,seed", [(8, 1), (13, 2), (18, 3), (24, 4)])
def test_exact_minimum_agrees_with_enumeration_and_certifies_it(n, seed, method):
    if method == "milp" and n > 18:
        pytest.skip("the MILP is slow on dense random instances; checked up to 18 actors")
    s, p = random_instance(n, seed)
    truth = L.exact_two_camps(s, p)
    result = L.two_camp_minimum(s, p, method=method, time_limit=None, exact=True, seed=seed)
    assert result.status == "exact" and result.is_exact
    assert result.energy == pytest.approx(truth.energies[0], abs=1e-9)
    assert tuple(result.configuration) == tuple(truth.global_minimum)  # a unique minimum on continuous data
    assert result.energy == pytest.approx(L.energy(s, p, result.configuration), abs=1e-9)
    # the certificate: a bound no configuration beats, equal to the minimum
    assert result.lower_bound == pytest.approx(truth.energies[0], abs=1e-7)
    heur = L.two_camp_minimum(s, p, method="heuristic", seed=seed)
    assert result.energy <= heur.energy + 1e-12


@pytest.mark.parametrize("n,seed", [(10, 5), (16, 6), (22, 7)])
def test_bounds_never_exceed_the_true_minimum(n, seed):
    s, p = random_instance(n, seed)
    emin = L.exact_two_camps(s, p).energies[0]
    eig = L.eigenvalue_bound(s, p)
    sdp = L.sdp_bound(s, p)
    assert eig.value <= sdp.value + 1e-9 <= emin + 1e-9  # the SDP-type bound is at least the eigenvalue bound
    # the certificate is checkable by hand: E >= (W - sum(y) - n lambda_max(w - Diag(y))) / 2 with y = 0
    w = L.weight_matrix(s, p)
    assert eig.value == pytest.approx((w.sum() - n * np.linalg.eigvalsh(w).max()) / 2, rel=1e-9)
    # a time-limited search that stops early still returns a valid bound and says how far it is
    stopped = L.two_camp_minimum(s, p, method="branch-and-bound", time_limit=0)
    assert stopped.lower_bound <= emin + 1e-9 and stopped.energy >= emin - 1e-9
    assert stopped.status == "exact" or stopped.status.startswith("proven within")


def test_heuristic_status_and_planted_camps_at_scale():
    s, p, planted = planted_instance(120, 8, noise=2.0)
    proven = L.two_camp_minimum(s, p, time_limit=120)
    assert proven.status == "exact" and proven.method == "branch-and-bound"
    heur = L.two_camp_minimum(s, p, method="heuristic", bound=False)
    assert heur.status == "heuristic" and heur.lower_bound is None and heur.gap is None
    assert proven.energy <= heur.energy + 1e-9
    # low noise: the proven minimum is the planted split of the two blocs
    assert tuple(proven.configuration) == tuple(L.canonical(planted))


def test_landscape_reports_what_is_proven_beyond_enumeration():
    s, p = random_instance(40, 9)
    result = L.landscape(s, p, n_starts=200, seed=1, time_limit=120)
    assert result.method == "heuristic" and result.status == "exact"
    assert result.lower_bound == pytest.approx(result.energies[0], abs=1e-9)
    small = L.landscape(*random_instance(12, 9))
    assert small.status == "exact" and small.certified is None
    unproven = L.landscape(s, p, n_starts=50, certify=False)
    assert unproven.status == "heuristic"


def test_tabu_beats_annealing_and_stays_above_the_computed_bound():
    s, p = random_instance(400, 4)
    bound = L.sdp_bound(s, p)
    tabu = L.tabu_search(s, p, n_starts=4, vectors=bound.vectors, seed=0)
    _, annealed = L.anneal_two_camps(s, p, sweeps=200, n_starts=2)
    assert tabu.energies[0] <= annealed
    assert bound.value <= tabu.energies[0]
    assert tabu.energies[0] == pytest.approx(L.energy(s, p, tabu.configurations[0]), rel=1e-9)


def test_a_treaty_naming_its_own_member_sets_no_antipathy_among_its_members(con):
    """Locarno (1925, ATOP 2130) names France and Germany, both members, as threats: its members
    are not opposed to each other through it (UK-France, UK-Germany, Italy-anyone stay 0), while
    France's own treaties naming Germany (with Poland, 1921; with Belgium, 1920) still oppose them.
    ATOP 3130 (1990-) names Germany, a member: no -1 between Germany and its co-members."""
    locarno = D.build_system("UKG FRN GMY BEL ITA", 1926, components=["opposed_alliances"])
    m, pos = locarno.components["opposed_alliances"], {n: i for i, n in enumerate(locarno.names)}
    assert m[pos["UKG"], pos["FRN"]] == m[pos["UKG"], pos["GMY"]] == 0
    assert np.all(m[pos["ITA"]] == 0)
    assert m[pos["FRN"], pos["GMY"]] == m[pos["BEL"], pos["GMY"]] == -1
    members = (
        con.execute(
            "SELECT DISTINCT member FROM atop_members WHERE atopid = 3130 AND yrent <= 2000 "
            "AND (yrexit = 0 OR yrexit >= 2000)"
        )
        .df()
        .member.tolist()
    )
    assert 255 in members and len(members) >= 5
    post = D.build_system([str(c) for c in sorted(members)], 2000, components=["opposed_alliances"])
    assert np.all(post.components["opposed_alliances"] == 0)
    # a threat that is not a member still counts: the Triple Alliance of 1913 names France
    system = D.build_system("GMY AUH ITA FRN", 1913, components=["opposed_alliances"])
    assert system.components["opposed_alliances"][0, 3] == -1


# ------------------------------------------------------------------ the sides of real wars


@pytest.fixture(scope="module")
def war_cases(warehouse_path):
    return D.war_cases(warehouse=warehouse_path)


def test_every_cow_war_with_four_participants_is_listed_and_built_from_the_year_before(warehouse_path, war_cases):
    table = D.war_table(warehouse=warehouse_path)
    assert len(table) == 24 and table.participants.min() >= 4
    assert {c.warnum for c in war_cases} == set(table.war[table.evaluated])
    ww2 = table.set_index("war").loc[139]
    assert ww2.dropped == ["ETH"]  # occupied by Italy since 1936: no system member in 1938
    for case in war_cases:
        assert case.system.year == case.start - 1
        assert set(case.camps.tolist()) == {0, 1} and case.n >= 4


def test_war_sides_pinned_on_hand_checked_wars(war_cases):
    """Hand-checked: Vietnam (COW 163, data of 1964): North Vietnam against the US, South Vietnam
    and their allies; the default propensities put exactly those camps at the global minimum (8 of
    8, the actual alignment is the lowest energy), while capabilities alone (the most even split)
    set the US against everyone (6 of 8). Gulf War (COW 211, data of 1989): Iraq alone against 13
    states; the default minimum puts the Western states against the Arab states and Iraq (8 of 14):
    a case where the single minimum places few right. First World War (106, data of 1913): 11 of 15."""
    cases = {c.warnum: c for c in war_cases}
    vietnam = cases[163]
    side = dict(zip(vietnam.system.names, vietnam.camps))
    assert side["DRV"] != side["USA"] == side["RVN"] == side["ROK"] == side["AUL"]
    row = D.evaluate_case(vietnam, vietnam.system.propensity(D.DEFAULT_WEIGHTS))
    assert (row["right"], row["scored"], row["actual_rank"]) == (8, 8, 1)
    balance = D.evaluate_case(vietnam, -(np.ones((8, 8)) - np.eye(8)))
    assert balance["right"] == 6 and balance["predicted_b"] == "USA"
    gulf = cases[211]
    side = dict(zip(gulf.system.names, gulf.camps))
    assert [n for n in side if side[n] == side["IRQ"]] == ["IRQ"]
    row = D.evaluate_case(gulf, gulf.system.propensity(D.DEFAULT_WEIGHTS))
    assert (row["right"], row["scored"]) == (8, 14)
    assert set(row["predicted_a"].split()) == {"USA", "CAN", "UKG", "FRN", "ITA"}
    ww1 = cases[106]
    row = D.evaluate_case(ww1, ww1.system.propensity(D.DEFAULT_WEIGHTS))
    assert (row["right"], row["scored"]) == (11, 15)


def test_fitted_weights_never_see_the_war_they_predict(war_cases):
    from alliancelab.theory.landscape._wars import _weights_for

    small = [c for c in war_cases if c.n <= 16]
    target = next(c for c in small if c.warnum == 163)
    before = _weights_for("fitted (leave one war out)", target, small, 1.0)
    earlier = _weights_for("fitted (earlier wars)", target, small, 1.0)
    scrambled = np.random.default_rng(0).permutation(target.camps)
    original = target.camps
    target.camps = scrambled
    try:
        assert _weights_for("fitted (leave one war out)", target, small, 1.0) == before
        assert _weights_for("fitted (earlier wars)", target, small, 1.0) == earlier
        other = next(c for c in small if c.warnum == 211)
        # the target's (scrambled) sides do enter the weights used for another war
        with_scrambled = _weights_for("fitted (leave one war out)", other, small, 1.0)
        target.camps = original
        assert with_scrambled != _weights_for("fitted (leave one war out)", other, small, 1.0)
    finally:
        target.camps = original


def test_actual_rank_counts_the_alignments_below_it():
    s, p = random_instance(9, 3)
    result = L.exact_two_camps(s, p, keep_energies=True)
    camps = np.array([0, 1, 1, 0, 1, 0, 0, 1, 0])
    e = L.energy(s, p, camps)
    brute = 1 + sum(L.energy(s, p, [(x >> i) & 1 for i in range(8)] + [0]) < e - 1e-12 for x in range(256))
    assert D.actual_rank(result.all_energies, camps, 1.0) == brute
    assert D.actual_rank(result.all_energies, result.global_minimum, 1.0) == 1
    assert 0.5 <= D.chance_share_right(8) < 0.7


def test_the_certified_minimum_example_of_the_docs_runs():
    """The code block of docs/landscape.md that follows "The global minimum with a certificate"."""
    import re
    from pathlib import Path

    text = Path(__file__).resolve().parents[2].joinpath("docs", "landscape.md").read_text()
    section = text[text.index("## The global minimum with a certificate") :]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace = {}
    exec(compile(code, "docs/landscape.md", "exec"), namespace)  # noqa: S102 - the docs' own example
    assert namespace["best"].status == "exact" and namespace["best"].gap == 0.0
    assert namespace["rough"].status.startswith(("proven within", "exact"))


def test_cli_landscape_wars(con, tmp_path):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    out = CliRunner().invoke(
        app,
        [
            "landscape-wars",
            "--wars",
            "163 169 170 176 211",
            "--models",
            "default,capabilities only",
            "--out",
            str(tmp_path / "wars.csv"),
        ],
    )
    assert out.exit_code == 0, out.output
    assert "capabilities" in out.output and "Sarkees" in out.output
    table = __import__("pandas").read_csv(tmp_path / "wars.csv")
    row = table[(table.war == 163) & (table.model == "default")].iloc[0]
    assert (row.right, row.scored, row.actual_rank) == (8, 8, 1)
    bad = CliRunner().invoke(app, ["landscape-wars", "--models", "astrology"])
    assert bad.exit_code == 2 and "unknown model" in bad.output


def test_the_old_connection_first_calls_warn_and_give_the_same_results(con, warehouse_path):
    """warehouse= is the data source's one name; f(con, ...) and con= still work, with a DeprecationWarning."""
    new = D.build_system("United Kingdom, France, Germany, Russia", 1913, warehouse=warehouse_path)
    assert new.codes == [200, 220, 255, 365]
    with pytest.warns(DeprecationWarning, match="build_system.*warehouse="):
        old = D.build_system(con, "UKG FRN GMY RUS", 1913)
    assert old.codes == new.codes and np.array_equal(old.sizes, new.sizes)
    assert np.array_equal(old.propensity(), new.propensity())
    with pytest.warns(DeprecationWarning, match="war_sides"):
        assert D.war_sides(con, 106).equals(D.war_sides(106, warehouse=warehouse_path))
    with pytest.warns(DeprecationWarning, match="sizes"):
        assert D.sizes(con=con, codes=[2, 365], year=1950).equals(D.sizes([2, 365], 1950, warehouse=warehouse_path))
    with pytest.warns(DeprecationWarning, match="resolve_states"):
        old_states = D.resolve_states(con, "USA USSR", 1950)
    assert old_states.equals(D.resolve_states("United States, USSR", 1950, warehouse=warehouse_path))
    assert old_states.ccode.tolist() == [2, 365]
    with pytest.raises(ParameterError, match="not both"):
        D.war_sides(106, warehouse=warehouse_path, con=con)


def test_the_old_connection_first_war_evaluation_calls_warn_and_give_the_same_results(con, warehouse_path):
    """war_table, war_cases and evaluate_wars take warehouse=; (con, ...) and con= still work, with a warning."""
    new_table = D.war_table(wars=[22, 106], warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="war_table.*warehouse="):
        old_table = D.war_table(con, 4, [22, 106])
    assert old_table.drop(columns="sides").equals(new_table.drop(columns="sides"))
    new_cases = D.war_cases(wars=[22], warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="war_cases"):
        old_cases = D.war_cases(con=con, wars=[22])
    assert (
        [c.system.names for c in old_cases]
        == [c.system.names for c in new_cases]
        == [["UKG", "FRN", "ITA", "TUR", "RUS"]]
    )
    assert all(np.array_equal(o.camps, n.camps) for o, n in zip(old_cases, new_cases))
    cases = [c for c in D.war_cases(warehouse=warehouse_path) if c.n <= 8][:5]
    new = D.evaluate_wars(["default"], cases=cases, warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="evaluate_wars"):
        old = D.evaluate_wars(con, ["default"], cases=cases)
    assert old.per_war.equals(new.per_war) and old.citations == new.citations
    with pytest.raises(ParameterError, match="not both"):
        D.war_table(warehouse=warehouse_path, con=con)
