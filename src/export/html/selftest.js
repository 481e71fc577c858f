// `map.html#selftest`: what the browser test checks, through the page's
// own controls, written as JSON into #selftest: nodes drawn, a search
// that narrows them, and a click on a node that shows its note.
function selftest() {
  const out = { nodes: N, drawn: stats.nodes, labels: stats.labels, ready_ms: Math.round(stats.firstFrame - START) };
  out.first_frame_ms = Math.round(stats.firstFrame);
  // One whole frame of the fitted map, as a pan or hover redraws it.
  const t0 = performance.now();
  for (let k = 0; k < 5; k++) draw();
  out.frame_ms = Math.round((performance.now() - t0) / 5);
  // A word of the first drawn note's title: the search must keep it and
  // leave others out.
  const first = ORDER.find((i) => i < NOTES);
  const word = first === undefined ? "" : (NG.title[first].split(/\s+/).find((w) => w.length >= 3) || NG.title[first]);
  out.query = word;
  q.value = word;
  search(word);
  draw();
  let matched = 0;
  if (state.match) for (let i = 0; i < N; i++) if (state.match[i] && shown[i]) matched++;
  out.matched = matched;
  out.results = hits.length;
  q.value = "";
  search("");
  // A click: pointer down and up on the node's centre, as a mouse does.
  if (first !== undefined) {
    centre(first);
    draw();
    const rect = canvas.getBoundingClientRect();
    const at = { clientX: rect.left + toScreenX(X[first]), clientY: rect.top + toScreenY(Y[first]), bubbles: true, pointerId: 1 };
    canvas.dispatchEvent(new PointerEvent("pointerdown", at));
    canvas.dispatchEvent(new PointerEvent("pointerup", at));
    out.clicked = NG.title[first];
    out.shown_title = $("note-title").textContent;
    out.body_chars = $("note-body").textContent.length;
  }
  out.scripts = document.scripts.length;
  out.elapsed_ms = Math.round(performance.now() - START);
  const pre = $("selftest");
  pre.textContent = JSON.stringify(out);
  pre.hidden = false;
}

start();
