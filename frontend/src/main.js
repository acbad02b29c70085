// lagebild dashboard: plain DOM, hash routes, Chart.js for the timeline, Cytoscape for the network.
import "./style.css";
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement,
  CategoryScale, LinearScale, Legend, Tooltip,
} from "chart.js";
import cytoscape from "cytoscape";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement,
  CategoryScale, LinearScale, Legend, Tooltip);

const app = document.getElementById("app");
const TYPE_COLORS = {
  AGREE: "#2e7d32", CONSULT: "#66bb6a", SUPPORT: "#9ccc65", CONCEDE: "#26a69a", COOPERATE: "#00897b",
  AID: "#4db6ac", RETREAT: "#80cbc4", REQUEST: "#42a5f5", ACCUSE: "#ffb74d", REJECT: "#ff8a65",
  THREATEN: "#f4511e", PROTEST: "#ab47bc", SANCTION: "#8d6e63", MOBILIZE: "#78909c", COERCE: "#c62828",
  ASSAULT: "#6d0000",
  "verbal cooperation": "#66bb6a", "material cooperation": "#2e7d32", "verbal conflict": "#ffa726",
  "material conflict": "#c62828", unknown: "#9e9e9e",
};
const PLOVER = Object.keys(TYPE_COLORS).slice(0, 16);

// ---- helpers -------------------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  const token = localStorage.getItem("lagebild-token");
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { ...options, headers });
  if (res.status === 401) {
    document.getElementById("token-box").hidden = false;
    throw new Error("API-Token erforderlich");
  }
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function parseHash() {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: Object.fromEntries(new URLSearchParams(query)) };
}

const day = (s) => (s || "").slice(0, 10);
const actorText = (parts) => (parts || []).map((p) => p.code ? `${p.text} (${p.code})` : p.text).join(", ") || "–";

function eventCard(e, { link = true, onClick = null } = {}) {
  const color = TYPE_COLORS[(e.type || "").toUpperCase()] || TYPE_COLORS.unknown;
  return el("li", { class: "event", dataset: { index: e.index }, onclick: onClick },
    el("span", { class: "badge", style: `background:${color}` }, e.type || "?"),
    el("span", { class: "cameo" }, e.cameo ? `CAMEO ${e.cameo}` : ""),
    el("span", { class: "gs" }, e.goldstein !== null && e.goldstein !== undefined ? `GS ${e.goldstein}` : ""),
    el("div", { class: "who" }, actorText(e.source), " → ", actorText(e.target)),
    el("div", { class: "trig" }, "Auslöser: ", el("q", {}, (e.trigger && e.trigger.text) || e.trigger || "–"),
      e.negated ? " (verneint)" : "", e.modality && e.modality !== "asserted" ? ` (${e.modality})` : ""),
    link && e.article_id ? el("a", { class: "article-link", href: `#/article/${encodeURIComponent(e.article_id)}?ev=${e.index}` },
      `${day(e.day || e.published)} · ${e.article_title || e.article_id}`) : null,
  );
}

function quoteRow(q) {
  return el("tr", {},
    el("td", {}, day(q.published)),
    el("td", { class: "speaker" }, (q.speaker && q.speaker.text) || "–", q.speaker_code ? ` (${q.speaker_code})` : ""),
    el("td", { class: "cue" }, (q.cue && q.cue.text) || ""),
    el("td", { class: "message" }, (q.message && q.message.text) || ""),
    el("td", {}, el("a", { href: `#/article/${encodeURIComponent(q.article_id)}?q=${q.index}` }, q.article_title || q.article_id)),
  );
}

// ---- text with highlighted spans (displaCy-like) ------------------------------------------------
// The pieces of a span: a split span (`haben … beschlossen`) lists them in `parts`,
// as {start, end} objects or [start, end] pairs; only the pieces are highlighted.
function pieces(s) {
  const ok = (a, b) => Number.isInteger(a) && Number.isInteger(b) && b > a;
  if (!s || !ok(s.start, s.end)) return [];
  if (Array.isArray(s.parts) && s.parts.length > 1) {
    const out = s.parts.map((p) => Array.isArray(p) ? { start: p[0], end: p[1] } : { start: p.start, end: p.end })
      .filter((p) => ok(p.start, p.end));
    if (out.length) return out;
  }
  return [{ start: s.start, end: s.end }];
}

function spansOf(record) {
  const spans = [];
  const add = (s, extra) => { for (const p of pieces(s)) spans.push({ ...p, ...extra }); };
  for (const e of record.entities || []) add(e, { cls: `ent ent-${e.label}`, label: e.label, kind: "ent" });
  (record.quotes || []).forEach((q, i) => {
    add(q.message, { cls: "q-msg", kind: "msg", quote: i });
    add(q.cue, { cls: "q-cue", kind: "cue", quote: i });
    add(q.speaker, { cls: "q-speaker", kind: "speaker", quote: i });
  });
  (record.events || []).forEach((e, i) => add(e.trigger, { cls: "trigger", kind: "trigger", event: i, type: e.type }));
  return spans;
}

function renderText(record) {
  const text = record.text || "";
  const spans = spansOf(record).filter((s) => s.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const box = el("div", { class: "doc-text", id: "doc-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const on = spans.filter((s) => s.start <= a && s.end >= b);
    if (!on.length) { box.append(piece); continue; }
    const classes = on.map((s) => s.cls).join(" ");
    const mark = el("mark", { class: classes, title: on.map((s) => s.kind === "trigger" ? `Ereignis ${s.type}` : s.kind === "ent" ? s.label : s.kind).join(" · ") }, piece);
    for (const s of on) {
      if (s.event !== undefined) mark.dataset.event = s.event;
      if (s.quote !== undefined) mark.dataset.quote = s.quote;
    }
    box.append(mark);
    const ent = on.find((s) => s.kind === "ent" && s.end === b);
    if (ent) box.append(el("span", { class: "ent-label" }, ent.label));
  }
  return box;
}

function focusEvent(index) {
  document.querySelectorAll(".focus").forEach((n) => n.classList.remove("focus"));
  const marks = document.querySelectorAll(`mark.trigger[data-event="${index}"]`);
  marks.forEach((m) => m.classList.add("focus"));
  const card = document.querySelector(`.side .event[data-index="${index}"]`);
  if (card) card.classList.add("focus");
  if (marks[0]) marks[0].scrollIntoView({ block: "center" });
}

function readerView(record, { focus = null } = {}) {
  const legend = el("div", { class: "legend" },
    el("mark", { class: "ent ent-PER" }, "Person"), el("mark", { class: "ent ent-ORG" }, "Organisation"),
    el("mark", { class: "ent ent-GPE" }, "Staat/Ort"), el("mark", { class: "q-speaker" }, "Sprecher"),
    el("mark", { class: "q-cue" }, "Redeeinleitung"), el("mark", { class: "q-msg" }, "Zitat"),
    el("mark", { class: "trigger" }, "Ereignis-Auslöser"));
  const layers = el("p", { class: "meta" }, `Schichten: ${(record.layers || []).join(", ") || "–"}`,
    record.published ? ` · ${record.published}` : "", record.author ? ` · ${record.author}` : "",
    record.source && record.source.path ? ` · ${record.source.path}` : "");
  const events = (record.events || []).map((e, i) => ({ ...e, index: i }));
  const side = el("aside", { class: "side" },
    el("h3", {}, `Ereignisse (${events.length})`),
    events.length ? el("ol", { class: "events" }, events.map((e) => eventCard(e, { link: false, onClick: () => focusEvent(e.index) })))
      : el("p", { class: "empty" }, (record.layers || []).includes("events") ? "Keine Ereignisse." : "Ereignisschicht nicht gelaufen."),
    el("h3", {}, `Akteure (${(record.actors || []).length})`),
    el("ul", { class: "actors" }, (record.actors || []).map((a) =>
      el("li", {}, el("a", { href: `#/actor/${encodeURIComponent(a.dictionary_id || a.name)}` }, a.name),
        ` ${a.code || ""} ${a.sector || ""} ${a.role || ""} · ${(a.mentions || []).length}×`))),
    el("h3", {}, `Zitate (${(record.quotes || []).length})`),
    el("ul", { class: "quotes" }, (record.quotes || []).map((q) =>
      el("li", {}, el("b", {}, (q.speaker && q.speaker.text) || "?"), `: „${(q.message && q.message.text) || ""}“`))),
  );
  const view = el("section", { class: "reader" },
    el("div", { class: "main-col" }, el("h2", { id: "doc-title" }, record.title || "(ohne Titel)"), layers, legend, renderText(record)),
    side);
  if (focus !== null) setTimeout(() => focusEvent(focus), 0);
  return view;
}

// ---- pages ----------------------------------------------------------------------------------------
async function articlesPage(params) {
  const limit = 25;
  const offset = Number(params.offset || 0);
  const data = await api(`/api/articles${qs({ q: params.q, limit, offset })}`);
  const rows = data.items.map((a) => el("tr", {},
    el("td", {}, day(a.published)),
    el("td", {}, el("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id),
      a.snippet ? el("div", { class: "snippet" }, a.snippet) : null),
    el("td", { class: "num" }, a.counts.actors), el("td", { class: "num" }, a.counts.quotes), el("td", { class: "num" }, a.counts.events)));
  const page = (o) => `#/${qs({ q: params.q, offset: o })}`;
  return el("section", {},
    el("h2", {}, params.q ? `Suche: ${params.q} (${data.total} Treffer)` : `Artikel (${data.total})`),
    el("table", { class: "list", id: "articles" },
      el("thead", {}, el("tr", {}, el("th", {}, "Datum"), el("th", {}, "Titel"), el("th", {}, "Akteure"), el("th", {}, "Zitate"), el("th", {}, "Ereignisse"))),
      el("tbody", {}, rows)),
    el("p", { class: "pager" },
      offset > 0 ? el("a", { href: page(Math.max(0, offset - limit)) }, "« zurück") : null, " ",
      offset + limit < data.total ? el("a", { href: page(offset + limit) }, "weiter »") : null));
}

async function articlePage(id, params) {
  const record = await api(`/api/articles/${encodeURIComponent(id)}`);
  return readerView(record, { focus: params.ev !== undefined ? Number(params.ev) : null });
}

function filterForm(fields, values, onSubmit, id) {
  const form = el("form", { class: "filters", id },
    fields.map(([name, label, type, options]) => el("label", {}, label,
      type === "select"
        ? el("select", { name }, options.map(([v, t]) => el("option", { value: v, selected: (values[name] || "") === v }, t)))
        : el("input", { name, type, value: values[name] || "", size: type === "date" ? null : 8 }))),
    el("button", { type: "submit" }, "Anwenden"));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); onSubmit(formValues(form)); });
  return form;
}

const typeOptions = [["", "alle Typen"], ...PLOVER.map((t) => [t, t])];
const quadOptions = [["", "alle Quad-Klassen"], ["1", "verbale Kooperation"], ["2", "materielle Kooperation"], ["3", "verbaler Konflikt"], ["4", "materieller Konflikt"]];

function bucketRange(bucket, interval) {
  const d = new Date(`${bucket}T00:00:00Z`);
  const end = new Date(d);
  if (interval === "week") end.setUTCDate(end.getUTCDate() + 6);
  else if (interval === "month") { end.setUTCMonth(end.getUTCMonth() + 1); end.setUTCDate(0); }
  return [bucket, end.toISOString().slice(0, 10)];
}

async function timelinePage(params) {
  const v = { by: "type", interval: "month", ...params };
  const filters = filterForm([
    ["by", "Stapeln nach", "select", [["type", "PLOVER-Typ"], ["quad", "Quad-Klasse"]]],
    ["interval", "Intervall", "select", [["day", "Tag"], ["week", "Woche"], ["month", "Monat"]]],
    ["type", "Typ", "select", typeOptions], ["quad", "Quad", "select", quadOptions],
    ["actor_code", "Akteurscode", "text"], ["date_from", "von", "date"], ["date_to", "bis", "date"],
  ], v, (vals) => { location.hash = `#/timeline${qs(vals)}`; }, "timeline-filters");
  const f = { type: v.type, quad: v.quad, actor_code: v.actor_code, date_from: v.date_from, date_to: v.date_to };
  const ts = await api(`/api/timeseries${qs({ ...f, by: v.by, interval: v.interval })}`);
  const canvas = el("canvas", { id: "timeline-chart" });
  const list = el("div", { id: "bucket-events" }, el("p", { class: "hint" }, "Balken anklicken: Ereignisse des Zeitraums."));
  const view = el("section", {}, el("h2", {}, "Ereignisse im Zeitverlauf"), filters,
    ts.buckets.length ? el("div", { class: "chart-box" }, canvas) : el("p", { class: "empty" }, "Keine Ereignisse für diese Filter."),
    list);
  if (!ts.buckets.length) return view;
  const datasets = Object.entries(ts.series).map(([k, values]) => ({
    type: "bar", label: k, data: values, backgroundColor: TYPE_COLORS[k] || TYPE_COLORS.unknown, stack: "events", yAxisID: "y", order: 2,
  }));
  datasets.push({ type: "line", label: "Goldstein (Mittel)", data: ts.goldstein, borderColor: "#111", backgroundColor: "#111",
    yAxisID: "y2", spanGaps: true, order: 1, pointRadius: 3 });
  setTimeout(() => {
    const chart = new Chart(canvas, {
      data: { labels: ts.buckets, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "Ereignisse" } },
          y2: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "Goldstein" } } },
        onClick: async (evt) => {
          const hit = chart.getElementsAtEventForMode(evt, "index", { intersect: false }, false)[0];
          if (!hit) return;
          const [from, to] = bucketRange(ts.buckets[hit.index], v.interval);
          await showBucket(list, { ...f, date_from: from, date_to: to }, `${from} – ${to}`);
        },
      },
    });
    window.__timelineChart = chart;
  }, 0);
  return view;
}

async function showBucket(list, filters, label) {
  const data = await api(`/api/events${qs({ ...filters, limit: 100 })}`);
  list.replaceChildren(el("h3", {}, `${label}: ${data.total} Ereignisse`),
    el("ol", { class: "events", id: "bucket-list" }, data.items.map((e) => eventCard(e))));
}

async function networkPage(params) {
  const v = { min_count: "1", ...params };
  const filters = filterForm([
    ["type", "Typ", "select", typeOptions], ["quad", "Quad", "select", quadOptions],
    ["min_count", "min. Ereignisse", "text"], ["date_from", "von", "date"], ["date_to", "bis", "date"],
  ], v, (vals) => { location.hash = `#/network${qs(vals)}`; }, "network-filters");
  const net = await api(`/api/network${qs({ type: v.type, quad: v.quad, min_count: v.min_count, date_from: v.date_from, date_to: v.date_to })}`);
  const graph = el("div", { id: "graph" });
  const panel = el("aside", { class: "side", id: "actor-panel" }, el("p", { class: "hint" }, "Akteur anklicken: Ereignisse und Zitate."));
  const view = el("section", {}, el("h2", {}, "Akteursnetzwerk"), filters,
    net.nodes.length ? el("div", { class: "reader" }, el("div", { class: "main-col" }, graph), panel) : el("p", { class: "empty" }, "Keine Akteurspaare für diese Filter."));
  if (!net.nodes.length) return view;
  setTimeout(() => {
    const maxCount = Math.max(...net.edges.map((e) => e.count));
    const cy = cytoscape({
      container: graph,
      elements: [
        ...net.nodes.map((n) => ({ data: { id: n.id, label: n.label, weight: n.events } })),
        ...net.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, count: e.count,
          color: e.goldstein === null ? "#999" : e.goldstein < 0 ? "#c62828" : "#2e7d32" } })),
      ],
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": "#1e88e5", color: "#fff", "font-size": 11, "font-weight": 700,
          width: "mapData(weight, 1, 50, 22, 70)", height: "mapData(weight, 1, 50, 22, 70)", "text-valign": "center", "text-halign": "center" } },
        { selector: "edge", style: { width: `mapData(count, 1, ${Math.max(2, maxCount)}, 1, 10)`, "line-color": "data(color)",
          "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.7 } },
        { selector: "node:selected", style: { "background-color": "#f4511e" } },
      ],
      layout: { name: "cose", animate: false, randomize: false },
    });
    cy.on("tap", "node", (evt) => actorPanel(panel, evt.target.id()));
    window.__cy = cy;
  }, 0);
  return view;
}

async function actorPanel(panel, code) {
  const [events, quotes] = await Promise.all([
    api(`/api/events${qs({ actor_code: code, limit: 50 })}`), api(`/api/quotes${qs({ actor_code: code, limit: 50 })}`)]);
  panel.replaceChildren(el("h3", { id: "actor-title" }, `${code}: ${events.total} Ereignisse, ${quotes.total} Zitate`),
    el("ol", { class: "events" }, events.items.map((e) => eventCard(e))),
    el("h3", {}, "Zitate"),
    el("ul", { class: "quotes" }, quotes.items.map((q) => el("li", {}, el("b", {}, q.speaker ? q.speaker.text : "?"), `: „${q.message ? q.message.text : ""}“ `,
      el("a", { href: `#/article/${encodeURIComponent(q.article_id)}` }, "Artikel")))));
}

async function actorPage(key) {
  const a = await api(`/api/actors/${encodeURIComponent(key)}`);
  return el("section", {}, el("h2", {}, `${a.name} ${a.code ? `(${a.code})` : ""}`),
    el("p", { class: "meta" }, `${a.kind} · ${a.sector || "–"} · ${a.role || ""} · ${a.mentions} Erwähnungen in ${a.articles.length} Artikeln`),
    el("div", { class: "reader" },
      el("div", { class: "main-col" }, el("h3", {}, `Ereignisse (${a.total_events})`), el("ol", { class: "events" }, a.events.map((e) => eventCard(e))),
        el("h3", {}, `Zitate (${a.total_quotes})`), el("table", { class: "list" }, el("tbody", {}, a.quotes.map(quoteRow)))),
      el("aside", { class: "side" }, el("h3", {}, "Artikel"), el("ul", {}, a.articles.map((r) =>
        el("li", {}, el("a", { href: `#/article/${encodeURIComponent(r.id)}` }, r.title || r.id), ` ${day(r.published)}`))))));
}

async function quotesPage(params) {
  const limit = 50;
  const offset = Number(params.offset || 0);
  const filters = filterForm([
    ["speaker", "Sprecher", "text"], ["actor_code", "Akteurscode", "text"], ["q", "Zitat enthält", "text"],
    ["date_from", "von", "date"], ["date_to", "bis", "date"],
  ], params, (vals) => { location.hash = `#/quotes${qs(vals)}`; }, "quote-filters");
  const { offset: _o, ...f } = params;
  const data = await api(`/api/quotes${qs({ ...f, limit, offset })}`);
  return el("section", {}, el("h2", {}, `Zitate (${data.total})`), filters,
    el("table", { class: "list", id: "quotes" },
      el("thead", {}, el("tr", {}, ["Datum", "Sprecher", "Einleitung", "Zitat", "Artikel"].map((h) => el("th", {}, h)))),
      el("tbody", {}, data.items.map(quoteRow))),
    el("p", { class: "pager" }, offset + limit < data.total ? el("a", { href: `#/quotes${qs({ ...f, offset: offset + limit })}` }, "weiter »") : null));
}

function analyzePage() {
  const out = el("div", { id: "analysis" });
  const area = el("textarea", { id: "paste", rows: 12, placeholder: "Artikeltext oder HTML hier einfügen …" });
  const button = el("button", { id: "analyze-btn", type: "button", onclick: async () => {
    button.disabled = true;
    out.replaceChildren(el("p", {}, "Analysiere …"));
    try {
      const record = await api("/api/analyze", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: area.value }) });
      out.replaceChildren(readerView(record));
    } catch (e) { out.replaceChildren(el("p", { class: "error" }, e.message)); }
    finally { button.disabled = false; }
  } }, "Analysieren");
  return el("section", {}, el("h2", {}, "Artikel analysieren (wird nicht gespeichert)"), area, el("p", {}, button), out);
}

// ---- router ----------------------------------------------------------------------------------------
async function route() {
  const { parts, params } = parseHash();
  const name = parts[0] || "articles";
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.nav === name));
  showError("");
  app.setAttribute("aria-busy", "true");
  try {
    let view;
    if (name === "article" && parts[1]) view = await articlePage(parts[1], params);
    else if (name === "actor" && parts[1]) view = await actorPage(parts[1]);
    else if (name === "timeline") view = await timelinePage(params);
    else if (name === "network") view = await networkPage(params);
    else if (name === "quotes") view = await quotesPage(params);
    else if (name === "analyze") view = analyzePage();
    else view = await articlesPage(params);
    app.replaceChildren(view);
    app.dataset.page = name;
  } catch (e) {
    app.replaceChildren(el("p", { class: "error" }, e.message));
    showError(e.message);
  } finally {
    app.removeAttribute("aria-busy");
  }
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("search").value.trim();
  location.hash = `#/${qs({ q })}`;
});
document.getElementById("token-save").addEventListener("click", () => {
  localStorage.setItem("lagebild-token", document.getElementById("token").value);
  document.getElementById("token-box").hidden = true;
  route();
});
window.addEventListener("hashchange", route);
route();
