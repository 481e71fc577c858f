"""Does the layout show topics? For every note with a link, the share of
its 10 nearest notes on the settled layout that are in its own community,
communities from networkx's louvain_communities (seed 1), so that the
measure does not depend on notegraph's own clustering. notegraph against
d3-force and ForceAtlas2 on the same graph.

    python3 examples/peers/layout_topics.py VAULT [notegraph] [scratch]

`scratch` is a folder with node_modules holding d3-force, graphology and
graphology-layout-forceatlas2 (installed there, never in the repo), and
networkx importable by this Python."""
import json, os, subprocess, sys
import networkx as nx
import numpy as np

vault = sys.argv[1]
binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/notegraph"
scratch = sys.argv[3] if len(sys.argv) > 3 else "/tmp/scratch"
doc = json.loads(subprocess.run([binary, "export", vault, "--format", "json", "--layout"],
                                capture_output=True, check=True).stdout)
n = len(doc["nodes"])
is_note = [not v["ghost"] for v in doc["nodes"]]
pairs = sorted({(min(e["source"], e["target"]), max(e["source"], e["target"]))
                for e in doc["edges"] if e["source"] != e["target"]})
g = nx.Graph()
g.add_nodes_from(i for i in range(n) if is_note[i])
g.add_edges_from((a, b) for a, b in pairs if is_note[a] and is_note[b])
community, size = {}, {}
for c, members in enumerate(nx.community.louvain_communities(g, seed=1)):
    for m in members:
        community[m], size[m] = c, len(members)
here = os.path.dirname(os.path.abspath(__file__))
peers = json.loads(subprocess.run(
    ["node", os.path.join(here, "layouts.mjs")], input=json.dumps({"n": n, "edges": pairs}),
    capture_output=True, text=True, check=True,
    env={**os.environ, "NODE_PATH": os.path.join(scratch, "node_modules")}).stdout)
layouts = {"notegraph": [[v["x"], v["y"]] for v in doc["nodes"]], "d3-force": peers["d3"], "forceatlas2": peers["fa2"]}
notes = [i for i in range(n) if is_note[i]]
linked = [i for i in notes if g.degree(i) > 0]
# The best any layout can score: a note of a community of k can have at
# most k - 1 of its 10 nearest in it.
ceiling = np.mean([min(1.0, (size[i] - 1) / 10) for i in linked])
result = {"vault": vault, "notes": len(notes), "linked": len(linked), "ceiling": round(float(ceiling), 3)}
for name, pos in layouts.items():
    p = np.array([pos[i] for i in notes], dtype=float)
    where = {v: k for k, v in enumerate(notes)}
    shares = []
    for i in linked:
        d = np.sum((p - p[where[i]]) ** 2, axis=1)
        d[where[i]] = np.inf
        near = np.argpartition(d, min(10, len(d) - 1))[:10]
        shares.append(np.mean([community[notes[k]] == community[i] for k in near]))
    result[name] = round(float(np.mean(shares)), 3)
print(json.dumps(result))
