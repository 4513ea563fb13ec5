// Building blocks of the compliance report: figures that say which JSON value they show (data-figure, a JSON
// Pointer into the API's answer), tables, and charts drawn with Chart.js, each with its table as the text alternative.
const charts = new Set();

// Okabe–Ito: told apart with every common colour-vision deficiency, and in grey on paper.
const palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];
const numbers = new Intl.NumberFormat("en-US");
export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
// One formatter for every moment: making one per call costs more than the rest of a large report's table.
const dates = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone });

/** An element with properties and children (strings become text, never HTML). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key in node && !key.startsWith("aria") && !key.startsWith("data")) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** A number as the page shows it, e.g. 1,204; the same number is at <pointer> in the API's JSON. */
export function figure(value, pointer) {
  const text = typeof value === "number" ? numbers.format(value) : typeof value === "boolean" ? (value ? "yes" : "no") : String(value ?? "");
  return el("span", { "data-figure": pointer }, text);
}

/** A moment in the viewer's time zone, the zone named beside it; the instant itself in datetime. */
export function moment(iso, pointer) {
  if (!iso) return el("span", {}, "—");
  const text = dates.format(new Date(iso));
  return el("time", { datetime: iso, "data-moment": pointer }, text, " ", el("span", { className: "zone" }, zone));
}

export function link(text, href, external = false) {
  if (!href) return el("span", {}, text);
  return el("a", external ? { href, target: "_blank", rel: "noopener" } : { href }, text);
}

/** Headline numbers as a definition list. items: [{ label, value, pointer }] */
export function tiles(items) {
  return el("dl", { className: "tiles" }, ...items.map((item) => el("div", {}, el("dt", {}, item.label), el("dd", {}, figure(item.value, item.pointer)))));
}

/** Tiles of an object's numbers: pairs [key, label], each at `${base}/${key}` in the JSON. */
export function tilesAt(base, object, pairs) {
  return tiles(pairs.map(([key, label]) => ({ label, value: object[key], pointer: `${base}/${key}` })));
}

/** How many rows a table draws at first; a longer one offers the rest behind a button (the exports hold them all). */
export const ROWS_SHOWN = 100;

/**
 * A table. columns: [{ title, num, cell: (row, index) => Node|string }]; empty: what to say when there are no rows.
 * Past ROWS_SHOWN rows, the first ROWS_SHOWN are drawn and a "Show all" button draws the others where they belong.
 */
export function table({ caption, columns, rows, empty = "None in this period.", footer }) {
  if (rows.length === 0) {
    return el("p", { className: "muted" }, `${caption}: ${empty}`);
  }

  const head = el("tr", {}, ...columns.map((c) => el("th", { scope: "col", className: c.num ? "num" : "" }, c.title)));
  const line = (row, i) => el("tr", {}, ...columns.map((c, j) => {
    const content = c.cell(row, i);
    return j === 0 && !c.num ? el("th", { scope: "row" }, content) : el("td", { className: c.num ? "num" : "" }, content);
  }));
  const body = el("tbody", {}, ...rows.slice(0, ROWS_SHOWN).map(line));
  // Scrolls sideways in a narrow panel, so it takes the focus to be scrolled by keyboard.
  const box = el("div", { className: "table-box", tabindex: "0", role: "region", "aria-label": caption }, el("table", {}, el("caption", {}, caption), el("thead", {}, head), body,
    footer ? el("tfoot", {}, el("tr", {}, ...footer.map((content, j) => (j === 0 ? el("th", { scope: "row" }, content) : el("td", { className: "num" }, content))))) : null));
  if (rows.length <= ROWS_SHOWN) {
    return box;
  }

  const all = el("button", { type: "button", className: "show-all" }, `Show all ${numbers.format(rows.length)} rows`);
  const more = el("p", { className: "more muted" }, `${caption}: the first ${numbers.format(ROWS_SHOWN)} of ${numbers.format(rows.length)} rows. `, all);
  all.addEventListener("click", () => {
    body.append(...rows.slice(ROWS_SHOWN).map((row, k) => line(row, ROWS_SHOWN + k)));
    more.replaceChildren(`${caption}: all ${numbers.format(rows.length)} rows.`);
    box.focus();
  });
  const both = document.createDocumentFragment();
  both.append(box, more);
  return both;
}

/**
 * A chart and its table. series: [{ label, values: number[], pointer: (i) => string }]; labels name the categories
 * (labelTitle heads their column).
 * The canvas is an image whose name summarises the figures; the table beside it holds each one.
 */
export function chart({ id, title, type = "bar", labels, labelTitle = "", series, stacked = false, horizontal = false, empty }) {
  const total = series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);
  const box = el("figure", { className: "chart", id, "aria-labelledby": `${id}-title` }, el("figcaption", { id: `${id}-title` }, title));
  const figures = table({
    caption: `${title} (figures)`,
    columns: [{ title: labelTitle, cell: (_, i) => labels[i] }, ...series.map((s) => ({ title: s.label, num: true, cell: (_, i) => figure(s.values[i], s.pointer(i)) }))],
    rows: labels,
  });
  if (labels.length === 0 || total === 0) {
    box.append(el("p", { className: "muted" }, empty ?? "Nothing to chart in this period."));
    if (labels.length > 0) box.append(figures);
    return box;
  }

  const summary = `${title}: ` + labels.map((label, i) => `${label} ${series.map((s) => (series.length > 1 ? `${s.label} ${s.values[i]}` : s.values[i])).join(", ")}`).join("; ") + ".";
  const canvas = el("canvas", { role: "img", "aria-label": summary, "data-chart": id });
  box.append(el("div", { className: "canvas-box" }, canvas));
  box.append(figures);
  box.draw = () => {
    const pie = type === "doughnut";
    const instance = new globalThis.Chart(canvas, {
      type,
      data: {
        labels,
        datasets: series.map((s, k) => ({
          label: s.label,
          data: s.values,
          backgroundColor: pie ? labels.map((_, i) => palette[i % palette.length]) : palette[k % palette.length],
          borderColor: "#ffffff",
          borderWidth: pie ? 2 : 0,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: true, position: "bottom" }, tooltip: { enabled: true } },
        scales: pie ? {} : {
          x: { stacked, ticks: { precision: 0 } },
          y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
    charts.add(instance);
  };
  return box;
}

/** Draws the charts of a rendered report (Chart.js measures its container, so only once it is in the page). */
export function drawCharts(root) {
  for (const box of root.querySelectorAll("figure.chart")) box.draw?.();
}

export function clearCharts() {
  for (const instance of charts) instance.destroy();
  charts.clear();
}

// Paper is narrower than the screen: fit the charts to the print layout before printing and back after.
for (const event of ["beforeprint", "afterprint"]) {
  globalThis.addEventListener(event, () => { for (const instance of charts) instance.resize(); });
}
