#!/usr/bin/env python3
"""Turns the results of bench/run (target/bench/*.json) into the tables of BENCHMARKS.md.

Usage: bench/report.py RESULTS_DIR BENCHMARKS.md

Replaces what lies between the markers <!-- bench:begin --> and <!-- bench:end --> (appends them
when absent), so the hand-written notes around the tables survive a rerun.
"""

import json
import os
import statistics
import sys

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"

TARGET_LIST_MS = 10.0
TARGET_RATIO = 50.0
TARGET_RSS_MIB = 12.0
TARGET_FLEET_MS = 300.0
TARGET_LIGHT_LIST_MS = 4.0
TARGET_LIGHT_LIST_MIB = 7.0
TARGET_FLEET_5000_MIB = 20.0
TARGET_DETECT_MS = 100.0
TARGET_STATUS_MS = 500.0  # "well under a second" with every tier up: the median at most half of one


def load(out, name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def keyvalues(out, name):
    values = {}
    path = os.path.join(out, name)
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "=" in line:
                    key, value = line.rstrip("\n").split("=", 1)
                    values[key] = value
    return values


def ms(value):
    if value is None:
        return "-"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}"


def size(n):
    return f"{n / 1048576:.1f} MiB" if n >= 1048576 else f"{n / 1024:.0f} KiB"


def signed(value):
    # Rounded first, so that -0.04 prints as 0.0 rather than -0.0.
    return f"{round(value, 1) + 0.0:.1f}"


def dur(value):
    """A time in prose: "4.3 ms", "1.62 s"."""
    return ms(value) if value >= 1000 else f"{ms(value)} ms"


def spread(stat):
    return f"{ms(stat['median'])} [{ms(stat['min'])}–{ms(stat['max'])}]"


def mib(stat):
    return f"{stat['median']:.1f} (max {stat['max']:.1f})"


def ratio(slow, fast):
    if not slow or not fast:
        return "-"
    return f"{slow / fast:.0f}×" if slow / fast >= 10 else f"{slow / fast:.1f}×"


def by_label(result):
    return {c["label"]: c for c in result["commands"]} if result else {}


PATHS = ["direct", "haproxy", "pgbouncer"]


def probed_switchovers(out):
    """{(loop_wait, path): [{window, follows, lost, failed, leader_after_s}]} from target/bench/probed."""
    folder = os.path.join(out, "probed")
    runs = {}
    if not os.path.isdir(folder):
        return runs
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        loop_wait, path, _ = name[:-len(".json")].split("-")
        try:
            with open(os.path.join(folder, name)) as f:
                result = json.load(f)
        except (OSError, ValueError):
            result = {}
        probe = result.get("probe") or {}
        outcome = result.get("outcome") or {}
        runs.setdefault((int(loop_wait[len("lw"):]), path), []).append({
            "window": probe.get("unavailable_ms"),
            "follows": bool(probe.get("path_follows_leader")),
            "lost": len(probe.get("lost_writes") or []),
            "failed": probe.get("failed_attempts", 0),
            "leader_after_s": outcome.get("leader_after_s"),
        })
    return runs


def main():
    out, doc = sys.argv[1], sys.argv[2]
    conditions = keyvalues(out, "conditions.txt")
    parity = keyvalues(out, "parity.txt")
    lines = []
    add = lines.append
    checks = []  # (target, measured, met)

    add(f"Run of {conditions.get('date', '?')} on commit {conditions.get('commit', '?')}: "
        f"{conditions.get('cores', '?')} cores ({conditions.get('cpu', '?')}), Linux {conditions.get('kernel', '?')}; "
        f"{conditions.get('hactl', 'hactl')}, {conditions.get('patronictl', 'patronictl')}, "
        f"{conditions.get('etcd', 'etcd')}. Load average at the start {conditions.get('load_start', '?')}, "
        f"at the end {conditions.get('load_end', '?')}"
        + (" (quick run)." if conditions.get("quick") == "1" else "."))
    add("")
    add("Times are medians [min–max] over the runs; CPU is user + sys; peak RSS is the child's "
        "`ru_maxrss` from `wait4`. Each pair ran alternately (A B, B A, ...) after warm-up runs.")
    add("")

    # One cluster.
    add(f"### One cluster of 3 members ({conditions.get('runs', '?')} runs of each command)")
    add("")
    add("| command | hactl wall (ms) | other wall (ms) | wall ratio | hactl CPU (ms) | other CPU (ms) | "
        "CPU ratio | hactl peak RSS (MiB) | other peak RSS (MiB) | same output |")
    add("|---|---|---|---|---|---|---|---|---|---|")
    rss_medians = []
    rows = [("list", "`list`", "patronictl"), ("list-json", "`list -f json`", "patronictl"),
            ("topology", "`topology`", "patronictl"), ("show-config", "`show-config`", "patronictl"),
            ("etcd-health", "`etcd health` vs `etcdctl endpoint health`", "etcdctl")]
    singles = {}
    for name, title, other_label in rows:
        result = by_label(load(out, f"{name}.json"))
        if not result:
            note = parity.get(name, "not measured")
            add(f"| {title} | {note} | | | | | | | | |")
            continue
        h, o = result["hactl"], result[other_label]
        singles[name] = (h, o)
        rss_medians.append((name, h["maxrss_mib"]["median"], h["maxrss_mib"]["max"]))
        same = parity.get(name, "-" if name == "etcd-health" else "?")
        add(f"| {title} | {spread(h['wall_ms'])} | {spread(o['wall_ms'])} | "
            f"{ratio(o['wall_ms']['median'], h['wall_ms']['median'])} | {spread(h['cpu_ms'])} | "
            f"{spread(o['cpu_ms'])} | {ratio(o['cpu_ms']['median'], h['cpu_ms']['median'])} | "
            f"{mib(h['maxrss_mib'])} | {mib(o['maxrss_mib'])} | {same} |")
    add("")

    hyper = load(out, "hyperfine-list.json")
    if hyper and "list" in singles:
        medians = {r["command"]: statistics.median(r["times"]) * 1000 for r in hyper["results"]}
        h, o = singles["list"]
        add("Cross-check with hyperfine (`-N`, the same `list` commands, one after the other rather than "
            f"alternating): hactl {ms(medians.get('hactl'))} ms, patronictl {ms(medians.get('patronictl'))} ms "
            f"(helper: {ms(h['wall_ms']['median'])} and {ms(o['wall_ms']['median'])} ms).")
        add("")

    # Fleets.
    add("### `list --all` on fleets of synthetic clusters × 3 members")
    add("")
    add("hactl: `list --all` (the namespace in pages of 10,000 keys at one revision, each cluster printed when read). patronictl: `xargs -n 100 patronictl list` "
        "over the cluster names (`list c0001 … c0100`, then the next 100, ...).")
    add("")
    add("| clusters | keys (size) | hactl wall (ms) | per cluster (ms) | hactl CPU (ms) | hactl peak RSS (MiB) | "
        "patronictl wall (ms) | patronictl CPU (ms) | patronictl peak RSS (MiB) | wall ratio |")
    add("|---|---|---|---|---|---|---|---|---|---|")
    fleet_medians = {}
    for n in (10, 100, 1000, 5000):
        pair = by_label(load(out, f"fleet{n}.json"))
        alone = by_label(load(out, f"fleet{n}-hactl.json"))
        h = (alone or pair).get("hactl")
        if not h:
            continue
        fleet_medians[n] = h["wall_ms"]["median"]
        p = pair.get("patronictl")
        ph = pair.get("hactl")
        patronictl = (f"{spread(p['wall_ms'])} | {spread(p['cpu_ms'])} | {mib(p['maxrss_mib'])} | "
                      f"{ratio(p['wall_ms']['median'], ph['wall_ms']['median'])}") if p else "not run | | |"
        written = load(out, f"fleet{n}-write.json") or {}
        keys = f"{written['keys']:,} ({size(written['bytes'])})" if written else "?"
        add(f"| {n:,} | {keys} | {spread(h['wall_ms'])} | {h['wall_ms']['median'] / n:.3f} | "
            f"{spread(h['cpu_ms'])} | {mib(h['maxrss_mib'])} | {patronictl} |")
    add("")
    floor = by_label(load(out, "fleet1000-hactl.json")).get("etcdctl")
    if floor:
        add(f"etcd's own client on the 1,000 clusters in the same run, alternating with hactl "
            f"(`etcdctl get --prefix /fleet1000/ -w json`): {spread(floor['wall_ms'])} ms wall, "
            f"{spread(floor['cpu_ms'])} ms CPU, {mib(floor['maxrss_mib'])} MiB peak RSS.")
        add("")
    if "fleet1000" in parity:
        add(f"hactl's `list --all` and patronictl's batches print the {parity['fleet1000']} bytes on the 1,000 clusters.")
        add("")

    # Contexts.
    sites = by_label(load(out, "contexts.json"))
    if sites:
        h, p = sites["hactl"], sites["patronictl"]
        add("### `list --all --all-contexts`: three contexts of 10 clusters each")
        add("")
        add("hactl: `list --all --all-contexts`, the three contexts read at once. patronictl: a shell loop, "
            "one `patronictl -c siteX.yml list <its 10 clusters>` per context. The three contexts are three "
            "namespaces on the lab's one etcd, so the network of three sites is not in the figures.")
        add("")
        add("| | wall (ms) | CPU (ms) | peak RSS (MiB) |")
        add("|---|---|---|---|")
        add(f"| hactl | {spread(h['wall_ms'])} | {spread(h['cpu_ms'])} | {mib(h['maxrss_mib'])} |")
        add(f"| patronictl loop | {spread(p['wall_ms'])} | {spread(p['cpu_ms'])} | {mib(p['maxrss_mib'])} |")
        add(f"| ratio | {ratio(p['wall_ms']['median'], h['wall_ms']['median'])} | "
            f"{ratio(p['cpu_ms']['median'], h['cpu_ms']['median'])} | |")
        add("")

    # Switchovers.
    switch = load(out, "switchover.json")
    if switch:
        add("### Completion detection: the leader key's change → the engine's `LeaderChanged`")
        add("")
        add("| switchover | from → to | revision | after the key's change (ms) | leader key after (s) | converged after (s) |")
        add("|---|---|---|---|---|---|")
        for i, r in enumerate(switch["rounds"], 1):
            add(f"| {i} | {r['old_leader']} → {r['new_leader']} | {r['revision']} | {signed(r['detect_ms'])} | "
                f"{r['leader_after_s']:.2f} | {r['converged_after_s']:.2f} |")
        d = switch["detect_ms"]
        add("")
        add(f"Median {signed(d['median'])} ms, min {signed(d['min'])} ms, max {signed(d['max'])} ms (below zero: "
            "hactl's watch delivered the event before the independent watcher's).")
        add("")

    # status over five tiers.
    status = by_label(load(out, "status.json"))
    frozen = keyvalues(out, "frozen.txt")
    timeout_s = float(conditions.get("status_timeout", "2"))
    frozen_results = []
    if status:
        h, o = status["hactl"], status["five-tools"]
        add(f"### `status` over five tiers vs the tools it replaces ({h['runs']} runs of each)")
        add("")
        add("The lab above with Redis (a master, a replica, 3 Sentinels) and the proxy tier (a PgBouncer per "
            "member, an HAProxy) added. hactl: `status bench` with the lab's `ctl.yml` and its 3 Sentinels "
            "(etcd, Patroni and PostgreSQL, Sentinel and Redis, HAProxy, the 3 PgBouncers, all at once). "
            "The tools: one `bash -c` running `patronictl list`, `etcdctl endpoint health` (3 endpoints), "
            "`redis-cli SENTINEL get-master-addr-by-name` (1 Sentinel), `psql -c 'SHOW POOLS'` on one "
            "PgBouncer's admin console and `curl` of the HAProxy stats CSV, one after another; each exited 0 "
            "on its own before the runs. The tools' CPU and peak RSS are bash's and its children's (`wait4`): "
            "the peak is the largest tool's, patronictl's.")
        add("")
        add("| command | wall (ms) | CPU (ms) | peak RSS (MiB) |")
        add("|---|---|---|---|")
        add(f"| `hactl status` | {spread(h['wall_ms'])} | {spread(h['cpu_ms'])} | {mib(h['maxrss_mib'])} |")
        add(f"| the five tools one after another | {spread(o['wall_ms'])} | {spread(o['cpu_ms'])} | "
            f"{mib(o['maxrss_mib'])} |")
        add(f"| ratio | {ratio(o['wall_ms']['median'], h['wall_ms']['median'])} | "
            f"{ratio(o['cpu_ms']['median'], h['cpu_ms']['median'])} | |")
        add("")
        rows = []
        targets = [key[:-len(".tier")] for key in frozen if key.endswith(".tier")]
        for target in targets:
            title = "the HAProxy" if target == "haproxy" else (
                f"one PgBouncer ({target[len('pgbouncer-'):]}'s)" if target.startswith("pgbouncer-") else target)
            result = by_label(load(out, f"status-frozen-{target}.json")).get("hactl")
            if not result:
                continue
            frozen_results.append((title, result))
            verdict = frozen.get(f"{target}.tier", "?").strip()
            rows.append(f"| {title} | {spread(result['wall_ms'])} | {spread(result['cpu_ms'])} | "
                        f"{mib(result['maxrss_mib'])} | {verdict} |")
        if rows:
            add(f"With one tier frozen (`SIGSTOP` by pid: connections are accepted, no answer comes), "
                f"`hactl status --timeout {timeout_s:g}`, {frozen_results[0][1]['runs']} runs each (a run counts "
                "when status names that tier WARNING, CRITICAL or UNREACHABLE; the process is resumed after):")
            add("")
            add("| frozen | wall (ms) | CPU (ms) | peak RSS (MiB) | the tier's line in `status` |")
            add("|---|---|---|---|---|")
            for row in rows:
                add(row)
            add("")

    # Write downtime through the applications' paths.
    probed = probed_switchovers(out)
    if probed:
        add("### Write downtime of a switchover, where the applications stand (`switchover --probe`)")
        add("")
        add("A probe writes a row every 100 ms through the path (1 s per attempt, reconnecting after a failure); "
            "the window runs from the last write acknowledged before the switchover to the first the new "
            "leader acknowledged. HAProxy: the lab's write frontend (checks `GET /primary` every second, "
            "`fall 2`, sessions cut on down). PgBouncer: one whose only server is that frontend (session "
            "pooling). Direct: libpq's multi-host DSN with `target_session_attrs=read-write`, a client that "
            "finds the primary itself: the window inside Patroni.")
        add("")
        add("| path | loop_wait | switchovers | window median (ms) | window max (ms) | failed attempts (median) | "
            "path followed | lost writes | leader key after (s, median) |")
        add("|---|---|---|---|---|---|---|---|---|")
        for (loop_wait, path), runs in sorted(probed.items(), key=lambda kv: (-kv[0][0], PATHS.index(kv[0][1]))):
            windows = [r["window"] for r in runs if r["window"] is not None]
            followed = sum(1 for r in runs if r["follows"])
            lost = sum(r["lost"] for r in runs)
            failed = [r["failed"] for r in runs]
            keys = [r["leader_after_s"] for r in runs if r["leader_after_s"] is not None]
            median_window = f"{statistics.median(windows):.0f}" if windows else "-"
            max_window = f"{max(windows):.0f}" if windows else "-"
            key_after = f"{statistics.median(keys):.2f}" if keys else "-"
            add(f"| {path} | {loop_wait} | {len(runs)} | {median_window} | {max_window} | "
                f"{statistics.median(failed):.0f} | {followed}/{len(runs)} | {lost} | {key_after} |")
        add("")

    # Targets.
    if "list" in singles:
        h, o = singles["list"]
        med = h["wall_ms"]["median"]
        checks.append(("`list` ≤ 10 ms wall", f"{med:.1f} ms", med <= TARGET_LIST_MS))
        r = o["wall_ms"]["median"] / med
        checks.append(("`list` ≥ 50× faster than patronictl (same run)", f"{r:.0f}×", r >= TARGET_RATIO))
    if rss_medians:
        worst = max(rss_medians, key=lambda x: x[1])
        checks.append(("peak RSS ≤ 12 MiB (one-cluster commands, median)",
                       f"{worst[1]:.1f} MiB at most ({worst[0]}; max of any run {max(x[2] for x in rss_medians):.1f})",
                       worst[1] <= TARGET_RSS_MIB))
    if "list" in singles:
        h, _ = singles["list"]
        med, peak = h["wall_ms"]["median"], h["maxrss_mib"]["max"]
        checks.append(("`list` ≤ 4 ms wall (median)", f"{med:.1f} ms", med <= TARGET_LIGHT_LIST_MS))
        checks.append(("`list` ≤ 7 MiB peak RSS (max of any run)", f"{peak:.1f} MiB", peak <= TARGET_LIGHT_LIST_MIB))
    if floor and 1000 in fleet_medians:
        theirs = floor["wall_ms"]["median"]
        checks.append(("`list --all` on 1,000 clusters no slower than `etcdctl get --prefix -w json`",
                       f"{fleet_medians[1000]:.0f} vs {theirs:.0f} ms", fleet_medians[1000] <= theirs))
    big = by_label(load(out, "fleet5000-hactl.json")).get("hactl")
    if big:
        peak = big["maxrss_mib"]["max"]
        checks.append(("`list --all` on 5,000 clusters ≤ 20 MiB peak RSS", f"{peak:.1f} MiB",
                       peak <= TARGET_FLEET_5000_MIB))
    if 1000 in fleet_medians:
        checks.append(("`list --all` on 1,000 clusters ≤ 300 ms", f"{fleet_medians[1000]:.0f} ms",
                       fleet_medians[1000] <= TARGET_FLEET_MS))
    if "etcd-health" in singles:
        h, o = singles["etcd-health"]
        checks.append(("`etcd health` no slower than `etcdctl endpoint health`",
                       f"{h['wall_ms']['median']:.1f} vs {o['wall_ms']['median']:.1f} ms",
                       h["wall_ms"]["median"] <= o["wall_ms"]["median"]))
    if switch:
        d = switch["detect_ms"]
        checks.append(("leader change seen < 100 ms after the key changed",
                       f"median {signed(d['median'])} ms, max {signed(d['max'])} ms", d["max"] < TARGET_DETECT_MS))
    if status:
        med, top = status["hactl"]["wall_ms"]["median"], status["hactl"]["wall_ms"]["max"]
        checks.append(("`status` well under 1 s with every tier up (median ≤ 0.5 s)",
                       f"median {dur(med)}, max {dur(top)}", med <= TARGET_STATUS_MS and top < 1000))
    for title, result in frozen_results:
        top = result["wall_ms"]["max"]
        checks.append((f"`status --timeout {timeout_s:g}` within its timeout with {title} frozen",
                       f"median {dur(result['wall_ms']['median'])}, max {dur(top)}", top <= timeout_s * 1000))
    if probed:
        runs = [r for rs in probed.values() for r in rs]
        followed = sum(1 for r in runs if r["follows"])
        lost = sum(r["lost"] for r in runs)
        checks.append(("probed switchovers: every path follows the new leader, no acknowledged write lost",
                       f"{followed}/{len(runs)} followed, {lost} lost", followed == len(runs) and lost == 0))
    add("### Targets")
    add("")
    add("| target | measured | met |")
    add("|---|---|---|")
    for target, measured, met in checks:
        add(f"| {target} | {measured} | {'yes' if met else '**no**'} |")

    table = "\n".join(lines).rstrip() + "\n"
    text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = f"{head}{BEGIN}\n{table}{END}{tail}"
    else:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{table}{END}\n"
    with open(doc, "w") as f:
        f.write(text)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
