"""Modularity of notegraph's communities against networkx's Louvain on the
same graph (notes only, undirected, edges weighted by link count).

    python3 examples/peers/modularity.py VAULT [notegraph binary]

Needs networkx (install it in a scratch virtualenv, not in the repo)."""
import json, os, re, subprocess, sys, time
import networkx as nx

vault = sys.argv[1]
binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/notegraph"
graph = json.loads(subprocess.run([binary, "export", vault, "--format", "json"],
                                  capture_output=True, check=True).stdout)
g = nx.Graph()
notes = [n["index"] for n in graph["nodes"] if not n["ghost"]]
g.add_nodes_from(notes)
ghost = {n["index"] for n in graph["nodes"] if n["ghost"]}
for e in graph["edges"]:
    a, b = e["source"], e["target"]
    if a in ghost or b in ghost or a == b:
        continue
    w = g[a][b]["weight"] if g.has_edge(a, b) else 0
    g.add_edge(a, b, weight=w + e["count"])
# The time the communities took is in the debug log, not the JSON.
run = subprocess.run([binary, "analyze", vault, "--json"], capture_output=True, check=True,
                     env={**os.environ, "RUST_LOG": "notegraph=debug"})
ours = json.loads(run.stdout)
ours_ms = float(re.search(rb"analyze: communities ([0-9.]+) ms", run.stderr).group(1))
index = {n["path"]: n["index"] for n in graph["nodes"] if not n["ghost"]}
partition = [{index[p] for p in c["members"]} for c in ours["communities"]]
q_ours = nx.community.modularity(g, partition, weight="weight")
t = time.time()
theirs = nx.community.louvain_communities(g, weight="weight", seed=1)
ms = (time.time() - t) * 1000
q_theirs = nx.community.modularity(g, theirs, weight="weight")
print(json.dumps({"vault": vault, "notes": len(notes), "edges": g.number_of_edges(),
                  "notegraph_modularity": round(q_ours, 4), "notegraph_reported": round(ours["modularity"], 4),
                  "notegraph_communities": len(partition), "notegraph_ms": round(ours_ms, 1),
                  "networkx_modularity": round(q_theirs, 4), "networkx_communities": len(theirs),
                  "networkx_ms": round(ms), "ratio": round(q_ours / q_theirs, 4)}))
