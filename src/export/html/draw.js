// Drawing the map on a 2D canvas: links batched by kind, discs batched
// by colour, then rings, plan numbers and labels, which are placed
// greedily, most important first, where they overlap no label already
// placed at this zoom.
const LABEL_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const BADGE_FONT = "bold 10px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const MAX_LABELS = 600;
const widths = new Float32Array(N).fill(-1);
const SEARCH_RING = "#ffb000", LEARNED_RING = "#40c057", TICK_RING = "#20c997";

/** The nodes to bring forward: the hovered (else the selected) node
 * and its neighbours. */
function near() {
  const at = state.hover >= 0 ? state.hover : state.selected;
  if (at < 0) return null;
  const set = new Set([at]);
  for (let j = 0; j < OUT[at].length; j += 2) set.add(OUT[at][j]);
  for (let j = 0; j < IN[at].length; j += 2) set.add(IN[at][j]);
  return set;
}

/** Whether node `i` is drawn faint: outside the search's hits, the
 * plan (with "plan only") or a hovered note's neighbours. */
function faint(i, close) {
  if (close) return !close.has(i);
  if (state.match && !state.match[i]) return true;
  return state.planOnly && !STEP[i];
}

function draw() {
  const { k, w, h, dpr } = state;
  const isDark = dark();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = isDark ? "#1b1e23" : "#f8f9fa";
  ctx.fillRect(0, 0, w, h);
  const close = near();
  // The world rectangle in view, with a margin.
  const m = 20 / k;
  const x0 = toWorldX(0) - m, x1 = toWorldX(w) + m, y0 = toWorldY(0) - m, y1 = toWorldY(h) + m;
  const inView = (i) => X[i] >= x0 && X[i] <= x1 && Y[i] >= y0 && Y[i] <= y1;
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * (w / 2 - state.cx * k), dpr * (h / 2 - state.cy * k));
  drawEdges(close, inView, isDark, x0, x1, y0, y1);
  const visible = drawNodes(close, inView);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  drawLabels(visible, close, isDark);
  drawBadges(visible);
  stats.nodes = visible.length;
  stats.frames++;
  if (!stats.firstFrame) stats.firstFrame = performance.now();
}

function drawEdges(close, inView, isDark, x0, x1, y0, y1) {
  const k = state.k;
  const at = state.hover >= 0 ? state.hover : state.selected;
  // Per kind: links in front, and links drawn faint.
  const front = NG.kinds.map(() => new Path2D()), back = NG.kinds.map(() => new Path2D());
  const lit = NG.kinds.map(() => new Path2D());
  let count = 0;
  for (let e = 0; e < E.length; e += 3) {
    const a = E[e], b = E[e + 1], kind = E[e + 2];
    if (!shown[a] || !shown[b]) continue;
    if (!inView(a) && !inView(b)) {
      // Both ends out of view: drawn only if the line crosses the view.
      if ((X[a] < x0 && X[b] < x0) || (X[a] > x1 && X[b] > x1)) continue;
      if ((Y[a] < y0 && Y[b] < y0) || (Y[a] > y1 && Y[b] > y1)) continue;
    }
    const path = (a === at || b === at) ? lit[kind]
      : (faint(a, close) || faint(b, close)) ? back[kind] : front[kind];
    path.moveTo(X[a], Y[a]);
    path.lineTo(X[b], Y[b]);
    count++;
  }
  if (!count) return;
  const dimmed = close || state.match || state.planOnly;
  // Thousands of links in view would cover the map: each is drawn
  // fainter the more there are.
  const crowd = Math.min(1, Math.sqrt(1200 / count));
  NG.kinds.forEach((kind, i) => {
    ctx.strokeStyle = isDark ? kind.dark : kind.light;
    const dash = kind.dash === 1 ? [5 / k, 4 / k] : kind.dash === 2 ? [1.5 / k, 2.5 / k] : [];
    // Dashes cost much at thousands of links: only when zoomed in.
    ctx.setLineDash(k > 0.6 ? dash : []);
    const base = kind.width * (kind.dash === 2 ? 0.8 : 1);
    ctx.lineWidth = base / k;
    ctx.globalAlpha = (kind.dash === 2 ? 0.10 : 0.16) * Math.max(crowd, 0.5);
    ctx.stroke(back[i]);
    ctx.globalAlpha = dimmed ? 0.75 : (kind.dash === 2 ? 0.45 : 0.6) * Math.max(crowd, 0.12);
    ctx.stroke(front[i]);
    ctx.globalAlpha = 1;
    ctx.lineWidth = (base + 1) / k;
    ctx.stroke(lit[i]);
  });
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

/** The discs in view, batched by colour and faintness; returns the
 * nodes drawn. */
function drawNodes(close, inView) {
  const k = state.k;
  const min = 1.6 / k;
  const batches = new Map();
  const visible = [];
  for (let i = 0; i < N; i++) {
    if (!shown[i] || !inView(i)) continue;
    visible.push(i);
    const key = COLOR[i] + (faint(i, close) ? "~" : "");
    let path = batches.get(key);
    if (!path) batches.set(key, (path = new Path2D()));
    const r = Math.max(rad(i), min);
    path.moveTo(X[i] + r, Y[i]);
    path.arc(X[i], Y[i], r, 0, 2 * Math.PI);
  }
  for (const [key, path] of batches) {
    const dim = key.endsWith("~");
    ctx.fillStyle = dim ? key.slice(0, -1) : key;
    ctx.globalAlpha = dim ? 0.18 : 1;
    ctx.fill(path);
  }
  ctx.globalAlpha = 1;
  rings(visible, close);
  return visible;
}

/** Rings: search hits, learned and ticked notes, the selected note. */
function rings(visible, close) {
  const k = state.k;
  const ring = (test, color, width, gap) => {
    const path = new Path2D();
    let any = false;
    for (const i of visible) {
      if (!test(i)) continue;
      const r = Math.max(rad(i), 1.6 / k) + gap / k;
      path.moveTo(X[i] + r, Y[i]);
      path.arc(X[i], Y[i], r, 0, 2 * Math.PI);
      any = true;
    }
    if (!any) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = width / k;
    ctx.stroke(path);
  };
  if (state.match) ring((i) => state.match[i] && !(close && !close.has(i)), SEARCH_RING, 2, 2);
  ring((i) => LEARNED[i] && !faint(i, close), LEARNED_RING, 2.5, 1.5);
  if (ticksOn) ring((i) => !LEARNED[i] && isTicked(i) && !faint(i, close), TICK_RING, 2, 1.5);
  if (state.selected >= 0) ring((i) => i === state.selected, dark() ? "#ffffff" : "#111111", 2.5, 3.5);
}

/** Plan step numbers, on each step in view. */
function drawBadges(visible) {
  if (!plan) return;
  ctx.font = BADGE_FONT;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const i of visible) {
    if (!STEP[i] || (state.match && !state.match[i])) continue;
    const text = String(STEP[i]);
    const sx = toScreenX(X[i]) + Math.max(rad(i) * state.k, 2) * 0.7;
    const sy = toScreenY(Y[i]) - Math.max(rad(i) * state.k, 2) * 0.7;
    const half = Math.max(7, ctx.measureText(text).width / 2 + 4);
    ctx.fillStyle = LEARNED[i] || isTicked(i) ? LEARNED_RING : "#f76707";
    ctx.beginPath();
    ctx.roundRect ? ctx.roundRect(sx - half, sy - 7, 2 * half, 14, 7) : ctx.rect(sx - half, sy - 7, 2 * half, 14);
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.fillText(text, sx, sy + 0.5);
  }
  ctx.textAlign = "start";
  ctx.textBaseline = "alphabetic";
}

/** Boxes on the screen, in a grid of cells, for the labels' overlaps. */
class Boxes {
  constructor() { this.cells = new Map(); }
  *cellsOf(x, y, w, h) {
    for (let gx = Math.floor(x / 120); gx <= Math.floor((x + w) / 120); gx++) {
      for (let gy = Math.floor(y / 24); gy <= Math.floor((y + h) / 24); gy++) yield gx * 100003 + gy;
    }
  }
  /** Whether (x, y, w, h) overlaps a box other than node `own`'s. */
  hits(x, y, w, h, own) {
    for (const key of this.cellsOf(x, y, w, h)) {
      const list = this.cells.get(key);
      if (list && list.some((b) => b[4] !== own && x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h)) return true;
    }
    return false;
  }
  add(x, y, w, h, own) {
    const box = [x, y, w, h, own];
    for (const key of this.cellsOf(x, y, w, h)) {
      const list = this.cells.get(key);
      if (list) list.push(box); else this.cells.set(key, [box]);
    }
  }
}

/** Labels, greedily: the hovered or selected note and its neighbours,
 * plan steps and search hits first, then by size and links. A label goes
 * below its note, else above, right or left, where it covers no label
 * and no other disc; one that fits nowhere is left out at this zoom. */
function drawLabels(visible, close, isDark) {
  ctx.font = LABEL_FONT;
  const onScreen = new Uint8Array(N);
  const labels = new Boxes(), discs = new Boxes();
  for (const i of visible) {
    onScreen[i] = 1;
    const r = rad(i) * state.k;
    if (r >= 2) discs.add(toScreenX(X[i]) - r, toScreenY(Y[i]) - r, 2 * r, 2 * r, i);
  }
  const first = [];
  if (state.selected >= 0) first.push(state.selected);
  if (state.hover >= 0) first.push(state.hover);
  if (close) first.push(...close);
  if (plan) plan.steps.forEach(([n]) => first.push(n));
  if (state.match) for (const i of ORDER) if (state.match[i] && first.length < 4000) first.push(i);
  const done = new Uint8Array(N);
  let placed = 0, tried = 0;
  const text = isDark ? "#e9ecef" : "#212529", halo = isDark ? "#1b1e23" : "#f8f9fa";
  ctx.lineJoin = "round";
  // The first few labels (hubs) may cover discs, as those brought
  // forward may; never another label, nor the canvas's edge.
  const HUBS = 24;
  const inside = ([x, y], bw, bh) => x >= 0 && y >= 0 && x + bw <= state.w && y + bh <= state.h;
  const place = (i, must) => {
    if (done[i] || !onScreen[i]) return;
    done[i] = 1;
    tried++;
    if (!must && faint(i, close)) return;
    // Far out, only the hubs and big notes get a label.
    if (!must && placed >= HUBS && rad(i) * state.k < 2.2) return;
    let title = NG.title[i];
    if (title.length > 42) title = title.slice(0, 40) + "…";
    if (widths[i] < 0) widths[i] = ctx.measureText(title).width;
    const bw = widths[i] + 6, bh = 15;
    const r = Math.max(rad(i) * state.k, 1.6);
    const sx = toScreenX(X[i]), sy = toScreenY(Y[i]);
    const spots = [
      [sx - bw / 2, sy + r + 1], [sx - bw / 2, sy - r - bh - 1],
      [sx + r + 2, sy - bh / 2], [sx - r - 2 - bw, sy - bh / 2],
    ];
    const free = spots.filter((p) => inside(p, bw, bh) && !labels.hits(p[0], p[1], bw, bh, -1));
    let at = free.find(([x, y]) => !discs.hits(x, y, bw, bh, i));
    if (!at && (must || placed < HUBS)) at = free[0];
    if (!at && i === state.selected) at = spots[0];
    if (!at) return;
    labels.add(at[0], at[1], bw, bh, i);
    placed++;
    ctx.lineWidth = 3;
    ctx.strokeStyle = halo;
    ctx.strokeText(title, at[0] + 3, at[1] + 11);
    ctx.fillStyle = text;
    ctx.fillText(title, at[0] + 3, at[1] + 11);
  };
  for (const i of first) place(i, true);
  for (const i of ORDER) {
    if (placed >= MAX_LABELS || tried > 6000) break;
    place(i, false);
  }
  stats.labels = placed;
}
