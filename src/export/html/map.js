// notegraph's HTML map: the state shared by drawing, the panel and the
// self-test, the camera, and the pointer. Positions come laid out from
// notegraph; nothing is laid out here, and nothing is ever fetched.
const START = performance.now();
const $ = (id) => document.getElementById(id);
const N = NG.title.length;
const NOTES = NG.notes;
const canvas = $("map");
const ctx = canvas.getContext("2d");

// Nodes: place, size, colour; `shown` is whether the node is drawn.
const X = new Float64Array(N), Y = new Float64Array(N), R = new Float32Array(N);
const shown = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  const x = NG.pos[2 * i], y = NG.pos[2 * i + 1];
  if (x !== null && y !== null) { X[i] = x; Y[i] = y; shown[i] = 1; }
  R[i] = NG.r[i];
}
const COLOR = NG.c.map((c) => NG.colors[c]);

// Links both ways, by node: [other, kind] pairs.
const OUT = Array.from({ length: N }, () => []);
const IN = Array.from({ length: N }, () => []);
const E = NG.edges;
for (let e = 0; e < E.length; e += 3) {
  OUT[E[e]].push(E[e + 1], E[e + 2]);
  IN[E[e + 1]].push(E[e], E[e + 2]);
}
const degree = (i) => (OUT[i].length + IN[i].length) / 2;

// Labels are tried most important first: well linked and big; a note
// alone comes after every linked one.
const WEIGHT = Float64Array.from({ length: N }, (_, i) => (degree(i) > 0 ? 1e6 : 0) + R[i] * (1 + Math.sqrt(degree(i))));
const ORDER = Array.from({ length: N }, (_, i) => i)
  .filter((i) => shown[i])
  .sort((a, b) => WEIGHT[b] - WEIGHT[a] || a - b);

// The plan: step number by node (0: not a step).
const STEP = new Int32Array(N);
const plan = NG.plan;
if (plan) plan.steps.forEach(([n], k) => { STEP[n] = k + 1; });
const LEARNED = new Uint8Array(N);
if (NG.learned) NG.learned.forEach((n) => { LEARNED[n] = 1; });

// A reader's own ticks, in this browser only.
const TICKS_KEY = "notegraph-ticks:" + NG.vault;
const TICKED = new Set();
const ticksOn = !!(NG.learned || plan);
try {
  const saved = JSON.parse(localStorage.getItem(TICKS_KEY) || "[]");
  if (Array.isArray(saved)) saved.forEach((p) => TICKED.add(String(p)));
} catch (_) { /* no storage on this page: ticks last the visit */ }
function saveTicks() {
  try { localStorage.setItem(TICKS_KEY, JSON.stringify([...TICKED])); } catch (_) { /* ignored */ }
}
const isTicked = (i) => i < NOTES && TICKED.has(NG.path[i]);

// What the reader is doing.
const state = {
  hover: -1, selected: -1,
  match: null,          // Uint8Array of search hits, or null
  planOnly: false,
  k: 1, cx: 0, cy: 0,   // zoom, and the world point at the canvas centre
  w: 0, h: 0, dpr: 1,
};
const stats = { nodes: 0, labels: 0, frames: 0, firstFrame: 0 };

const dark = () => !matchMedia("(prefers-color-scheme: light)").matches;

function resize() {
  const rect = canvas.getBoundingClientRect();
  state.dpr = window.devicePixelRatio || 1;
  state.w = Math.max(1, rect.width);
  state.h = Math.max(1, rect.height);
  canvas.width = Math.round(state.w * state.dpr);
  canvas.height = Math.round(state.h * state.dpr);
  redraw();
}

// Zoomed in, discs grow slower than the map, so that notes drawn close
// come apart; zoomed out they shrink with it. `rad` is in world units.
const nodeScale = () => (state.k <= 1 ? 1 : Math.pow(state.k, -0.6));
const rad = (i) => R[i] * nodeScale();

const toScreenX = (x) => (x - state.cx) * state.k + state.w / 2;
const toScreenY = (y) => (y - state.cy) * state.k + state.h / 2;
const toWorldX = (sx) => (sx - state.w / 2) / state.k + state.cx;
const toWorldY = (sy) => (sy - state.h / 2) / state.k + state.cy;

function fit(nodes) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const i of nodes) {
    if (!shown[i]) continue;
    x0 = Math.min(x0, X[i] - R[i]); x1 = Math.max(x1, X[i] + R[i]);
    y0 = Math.min(y0, Y[i] - R[i]); y1 = Math.max(y1, Y[i] + R[i]);
  }
  if (!isFinite(x0)) { state.k = 1; state.cx = 0; state.cy = 0; return; }
  // The legend keeps the bottom of the canvas: the map fits above it.
  const legend = $("legend").offsetHeight;
  const below = legend ? Math.min(legend + 12, state.h / 3) : 0;
  const pad = 0.92;
  const room = Math.max(state.h - below, 1);
  state.k = Math.min(4, pad * Math.min(state.w / Math.max(x1 - x0, 1), room / Math.max(y1 - y0, 1)));
  state.cx = (x0 + x1) / 2;
  state.cy = (y0 + y1) / 2 + below / 2 / state.k;
}

// A grid of nodes for finding the one under the pointer.
const GRID = new Map();
let cell = 40;
(function buildGrid() {
  let maxR = 4;
  for (let i = 0; i < N; i++) if (shown[i]) maxR = Math.max(maxR, R[i]);
  cell = Math.max(20, 2 * maxR);
  for (let i = 0; i < N; i++) {
    if (!shown[i]) continue;
    const key = Math.floor(X[i] / cell) + "," + Math.floor(Y[i] / cell);
    let list = GRID.get(key);
    if (!list) GRID.set(key, (list = []));
    list.push(i);
  }
})();

/** The node at screen point (sx, sy), or -1: within its disc, or a few
 * pixels of it when zoomed out. */
function nodeAt(sx, sy) {
  const wx = toWorldX(sx), wy = toWorldY(sy);
  const slack = 6 / state.k;
  const reach = Math.ceil((cell + slack) / cell);
  const gx = Math.floor(wx / cell), gy = Math.floor(wy / cell);
  let best = -1, bestD = Infinity;
  for (let dx = -reach; dx <= reach; dx++) {
    for (let dy = -reach; dy <= reach; dy++) {
      const list = GRID.get(gx + dx + "," + (gy + dy));
      if (!list) continue;
      for (const i of list) {
        const d = Math.hypot(X[i] - wx, Y[i] - wy);
        const r = rad(i);
        if (d <= r + slack && d - r < bestD) { bestD = d - r; best = i; }
      }
    }
  }
  return best;
}

let pending = false;
function redraw() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; draw(); });
}

// Pointer: drag pans, a click without a drag selects, the wheel zooms
// about the pointer.
const drag = { on: false, moved: false, x: 0, y: 0, id: -1 };
function local(ev) {
  const rect = canvas.getBoundingClientRect();
  return [ev.clientX - rect.left, ev.clientY - rect.top];
}
canvas.addEventListener("pointerdown", (ev) => {
  const [x, y] = local(ev);
  Object.assign(drag, { on: true, moved: false, x, y, id: ev.pointerId });
  if (canvas.setPointerCapture && ev.pointerId !== undefined) {
    try { canvas.setPointerCapture(ev.pointerId); } catch (_) { /* synthetic */ }
  }
});
canvas.addEventListener("pointermove", (ev) => {
  const [x, y] = local(ev);
  if (drag.on) {
    const dx = x - drag.x, dy = y - drag.y;
    if (drag.moved || Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      canvas.classList.add("dragging");
      state.cx -= dx / state.k; state.cy -= dy / state.k;
      drag.x = x; drag.y = y;
      redraw();
    }
    return;
  }
  const i = nodeAt(x, y);
  if (i !== state.hover) {
    state.hover = i;
    canvas.classList.toggle("over", i >= 0);
    canvas.title = i >= 0 ? NG.title[i] : "";
    redraw();
  }
});
canvas.addEventListener("pointerup", (ev) => {
  const [x, y] = local(ev);
  const click = drag.on && !drag.moved;
  drag.on = false;
  canvas.classList.remove("dragging");
  if (click) {
    const i = nodeAt(x, y);
    if (i >= 0) openNote(i, false); else closeNote();
  }
});
canvas.addEventListener("pointerleave", () => {
  if (state.hover >= 0) { state.hover = -1; redraw(); }
});
canvas.addEventListener("wheel", (ev) => {
  ev.preventDefault();
  const [x, y] = local(ev);
  const wx = toWorldX(x), wy = toWorldY(y);
  const factor = Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015));
  state.k = Math.min(40, Math.max(0.005, state.k * factor));
  state.cx = wx - (x - state.w / 2) / state.k;
  state.cy = wy - (y - state.h / 2) / state.k;
  redraw();
}, { passive: false });

/** Centres node `i`, zooming in when the map is far out. */
function centre(i) {
  if (!shown[i]) return;
  state.cx = X[i]; state.cy = Y[i];
  state.k = Math.max(state.k, Math.min(2, 14 / Math.max(R[i], 1)));
  redraw();
}

$("fit").addEventListener("click", () => { fit(ORDER); redraw(); });
window.addEventListener("resize", resize);
matchMedia("(prefers-color-scheme: light)").addEventListener("change", redraw);
