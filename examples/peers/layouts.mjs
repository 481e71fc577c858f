// Lays a graph out with d3-force (default forces, 300 ticks) and
// ForceAtlas2 (graphology, 500 iterations, inferred settings), for
// layout_topics.py. Reads {"n": N, "edges": [[a, b], ...]} on stdin and
// prints {"d3": [[x, y], ...], "fa2": [[x, y], ...]}.
// Run from a scratch folder where d3-force, graphology and
// graphology-layout-forceatlas2 are installed (NODE_PATH=.../node_modules).
import { createRequire } from "module";
const require = createRequire(process.env.NODE_PATH + "/");
const d3 = require("d3-force");
const Graph = require("graphology");
const forceAtlas2 = require("graphology-layout-forceatlas2");

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const nodes = Array.from({ length: input.n }, (_, i) => ({ index: i }));
const links = input.edges.map(([a, b]) => ({ source: a, target: b }));
const sim = d3.forceSimulation(nodes)
  .force("link", d3.forceLink(links))
  .force("charge", d3.forceManyBody())
  .force("center", d3.forceCenter())
  .stop();
for (let i = 0; i < 300; i++) sim.tick();
const d3pos = nodes.map((n) => [n.x, n.y]);

const g = new Graph({ type: "undirected", multi: false });
for (let i = 0; i < input.n; i++) {
  // FA2 needs a start; the golden-angle spiral d3 also starts from.
  const r = 10 * Math.sqrt(0.5 + i), a = i * Math.PI * (3 - Math.sqrt(5));
  g.addNode(i, { x: r * Math.cos(a), y: r * Math.sin(a) });
}
for (const [a, b] of input.edges) if (a !== b && !g.hasEdge(a, b)) g.addEdge(a, b);
const settings = forceAtlas2.inferSettings(g);
forceAtlas2.assign(g, { iterations: 500, settings });
const fa2 = Array.from({ length: input.n }, (_, i) => [g.getNodeAttribute(i, "x"), g.getNodeAttribute(i, "y")]);
process.stdout.write(JSON.stringify({ d3: d3pos, fa2 }));
