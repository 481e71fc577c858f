// The side panel (a note, its links and backlinks; the plan), the search
// box, the legend, and the page's start. Note HTML was made safe by
// notegraph; every other text goes in as text, never as markup.
const KIND_NAMES = NG.kinds.map((k) => k.name);
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const noteLink = (i, text) => {
  const a = el("a", text === undefined ? NG.title[i] : text);
  a.href = "#n" + i;
  return a;
};

function openNote(i, centreIt) {
  if (i < 0 || i >= N) return;
  state.selected = i;
  const ghost = i >= NOTES;
  $("start").hidden = true;
  $("note").hidden = false;
  if (plan) $("plan").open = false;
  $("note-title").textContent = NG.title[i];
  $("note-path").textContent = ghost ? "A missing note: links lead here, no file holds it." : NG.path[i];
  const facts = $("note-facts");
  facts.replaceChildren();
  if (!ghost) {
    if (NG.status[i]) facts.append(el("span", "status: " + NG.status[i]));
    for (const t of NG.tags[i] || []) facts.append(el("span", "#" + t));
    if (STEP[i]) facts.append(el("span", "plan step " + STEP[i]));
    if (LEARNED[i]) facts.append(el("span", "learned"));
    if (!shown[i]) facts.append(el("span", "not drawn on this map"));
  }
  $("tick-row").hidden = !ticksOn || ghost;
  $("tick").checked = isTicked(i);
  const body = $("note-body");
  body.innerHTML = ghost ? "" : NG.html[i];
  // A first heading that repeats the title is shown once.
  const head = body.firstElementChild;
  if (head && head.tagName === "H1" && head.textContent.trim() === NG.title[i].trim()) head.remove();
  for (const img of body.querySelectorAll("img[data-img]")) {
    const uri = NG.img[Number(img.dataset.img)];
    if (typeof uri === "string" && uri.startsWith("data:image/")) img.src = uri;
  }
  fillLinks($("note-links"), OUT[i]);
  fillLinks($("note-back"), IN[i]);
  if (location.hash !== "#n" + i && location.hash !== "#selftest") {
    history.replaceState(null, "", "#n" + i);
  }
  $("side").scrollTop = 0;
  if (centreIt) centre(i);
  redraw();
}

function closeNote() {
  state.selected = -1;
  $("note").hidden = true;
  $("start").hidden = false;
  redraw();
}

/** Links of one direction, grouped by kind, prerequisites first. */
function fillLinks(list, pairs) {
  list.replaceChildren();
  const byKind = KIND_NAMES.map(() => []);
  for (let j = 0; j < pairs.length; j += 2) byKind[pairs[j + 1]].push(pairs[j]);
  byKind.forEach((nodes, kind) => {
    nodes.sort((a, b) => NG.title[a].localeCompare(NG.title[b]));
    for (const n of nodes) {
      const li = el("li");
      li.append(noteLink(n), el("small", KIND_NAMES[kind] + (n >= NOTES ? ", missing" : "")));
      list.append(li);
    }
  });
  if (!list.children.length) list.append(el("li", "none", "none"));
}

$("tick").addEventListener("change", (ev) => {
  const i = state.selected;
  if (i < 0 || i >= NOTES) return;
  if (ev.target.checked) TICKED.add(NG.path[i]); else TICKED.delete(NG.path[i]);
  saveTicks();
  fillPlan();
  showProgress();
  redraw();
});

// Links in notes, the lists and the plan lead to `#nN`.
function route() {
  const m = /^#n(\d+)$/.exec(location.hash);
  if (m && Number(m[1]) < N) openNote(Number(m[1]), true);
}
window.addEventListener("hashchange", route);

// Search over titles and text: every word must appear.
let TEXT = null;
function searchText() {
  if (TEXT) return TEXT;
  const decode = (s) => s.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  TEXT = NG.title.map((t, i) => (t + "\n" + (i < NOTES ? decode(NG.html[i]) : "")).toLowerCase());
  return TEXT;
}
let hits = [], cursor = 0;
function search(query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const results = $("results");
  if (!words.length) {
    state.match = null;
    hits = [];
    results.hidden = true;
    $("count").textContent = countLine();
    redraw();
    return;
  }
  const text = searchText();
  const match = new Uint8Array(N);
  const inTitle = [], inText = [];
  for (let i = 0; i < N; i++) {
    if (!words.every((w) => text[i].includes(w))) continue;
    match[i] = 1;
    const title = NG.title[i].toLowerCase();
    (words.every((w) => title.includes(w)) ? inTitle : inText).push(i);
  }
  state.match = match;
  hits = inTitle.concat(inText);
  cursor = 0;
  $("count").textContent = hits.length + " of " + countLine();
  showResults();
  redraw();
}
function showResults() {
  const results = $("results");
  results.replaceChildren();
  hits.slice(0, 40).forEach((i, k) => {
    const li = el("li", NG.title[i], k === cursor ? "on" : "");
    if (i < NOTES) li.append(el("small", NG.path[i]));
    li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
    results.append(li);
  });
  if (hits.length > 40) results.append(el("li", "… " + (hits.length - 40) + " more, drawn on the map"));
  results.hidden = !hits.length;
}
function pick(i) {
  $("results").hidden = true;
  openNote(i, true);
}
let typing = 0;
const q = $("q");
q.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => search(q.value), N > 3000 ? 150 : 40);
});
q.addEventListener("keydown", (ev) => {
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    ev.preventDefault();
    cursor = Math.max(0, Math.min(Math.min(hits.length, 40) - 1, cursor + (ev.key === "ArrowDown" ? 1 : -1)));
    showResults();
  } else if (ev.key === "Enter" && hits.length) {
    pick(hits[cursor]);
  } else if (ev.key === "Escape") {
    q.value = "";
    search("");
    q.blur();
  }
});
q.addEventListener("blur", () => { $("results").hidden = true; });
q.addEventListener("focus", () => { if (hits.length) showResults(); });
document.addEventListener("keydown", (ev) => {
  if (ev.key === "/" && document.activeElement !== q) { ev.preventDefault(); q.focus(); }
  if (ev.key === "Escape" && document.activeElement !== q) closeNote();
});

function countLine() {
  const notes = Math.min(NOTES, N);
  return notes.toLocaleString("en") + " notes";
}

function showProgress() {
  if (!ticksOn) return;
  let learned = 0, ticked = 0;
  for (let i = 0; i < NOTES; i++) {
    if (LEARNED[i]) learned++;
    else if (isTicked(i)) ticked++;
  }
  const parts = [];
  if (NG.learned) parts.push("learned " + learned + " of " + NOTES);
  parts.push("ticked here " + ticked);
  $("progress").textContent = parts.join(" · ");
}

function fillPlan() {
  if (!plan) return;
  const list = $("plan-steps");
  list.replaceChildren();
  let done = 0;
  plan.steps.forEach(([n, learned, cycle]) => {
    const li = el("li");
    const box = el("input");
    box.type = "checkbox";
    box.checked = learned || LEARNED[n] === 1 || isTicked(n);
    box.disabled = learned || LEARNED[n] === 1;
    box.title = box.disabled ? "learned" : "tick when learned (kept in this browser only)";
    box.addEventListener("change", () => {
      if (box.checked) TICKED.add(NG.path[n]); else TICKED.delete(NG.path[n]);
      saveTicks();
      fillPlan();
      showProgress();
      if (state.selected === n) $("tick").checked = box.checked;
      redraw();
    });
    if (box.checked) { li.className = "done"; done++; }
    li.append(box, noteLink(n));
    if (learned) li.append(el("small", " learned"));
    if (cycle !== null) li.append(el("small", " prerequisite cycle " + cycle));
    list.append(li);
  });
  $("plan-sum").textContent = plan.steps.length + " step(s), " + done + " done";
}

function setupPlan() {
  if (!plan) return;
  $("plan").hidden = false;
  const targets = plan.targets.map((n) => NG.title[n]);
  $("plan-title").textContent = "Study plan for " + (targets.length ? targets.join(", ") : "the whole vault");
  fillPlan();
  const implied = $("implied");
  for (const [n, by] of plan.implied) {
    const p = el("p", "Implied learned by " + (by.length ? by.map((b) => NG.title[b]).join(", ") : "learned notes") + ": ");
    p.append(noteLink(n));
    implied.append(p);
  }
  const button = $("plan-only");
  button.hidden = false;
  button.setAttribute("aria-pressed", "false");
  button.addEventListener("click", () => {
    state.planOnly = !state.planOnly;
    button.setAttribute("aria-pressed", String(state.planOnly));
    redraw();
  });
}

function setupLegend() {
  const legend = $("legend");
  const dot = (color, cls) => {
    const i = el("i", undefined, cls);
    if (cls === "edge" || cls === "ring") i.style.borderColor = color; else i.style.background = color;
    return i;
  };
  const item = (color, label, cls) => {
    const s = el("span");
    s.append(dot(color, cls), document.createTextNode(label));
    return s;
  };
  const items = NG.legend.items.slice(0, 12);
  if (items.length) {
    legend.append(el("b", "Colour: " + NG.legend.by));
    for (const [label, color] of items) legend.append(item(color, label));
    legend.append(el("br"));
  }
  NG.kinds.forEach((k) => legend.append(item(dark() ? k.dark : k.light, k.name, "edge")));
  if (NG.learned) legend.append(item(LEARNED_RING, "learned", "ring"));
  if (ticksOn) legend.append(item(TICK_RING, "ticked here", "ring"));
}

/** The ten notes with the most links, to start from. */
function fillHubs() {
  const hubs = Array.from({ length: NOTES }, (_, i) => i)
    .sort((a, b) => degree(b) - degree(a) || a - b)
    .slice(0, 10)
    .filter((i) => degree(i) > 0);
  for (const i of hubs) {
    const li = el("li");
    li.append(noteLink(i), el("small", degree(i) + " links"));
    $("hubs").append(li);
  }
  if (!hubs.length) $("hubs").append(el("li", "none"));
}

function start() {
  $("vault").textContent = NG.vault;
  fillHubs();
  $("count").textContent = countLine();
  setupLegend();
  setupPlan();
  showProgress();
  const rect = canvas.getBoundingClientRect();
  state.w = Math.max(1, rect.width); state.h = Math.max(1, rect.height);
  fit(plan && state.planOnly ? plan.steps.map(([n]) => n) : ORDER);
  resize();
  draw();
  if (location.hash === "#selftest") selftest();
  else route();
}
