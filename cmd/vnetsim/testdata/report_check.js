// Appended to a copy of a report by TestReportInChromium: it measures the
// page as the browser laid it out and writes what is wrong into the DOM,
// which `chromium --dump-dom` prints. Structure, not pixels.
(function () {
  const problems = [];
  const svg = document.querySelector("#topology svg");
  const px = (n) => Math.round(n * 10) / 10;
  const vb = svg.viewBox.baseVal;
  const rects = [...svg.querySelectorAll("g.boxes rect")];
  const box = (r) => ({ x: r.x.baseVal.value, y: r.y.baseVal.value, w: r.width.baseVal.value, h: r.height.baseVal.value,
    cls: r.getAttribute("class"), name: (r.querySelector("title") || {}).textContent || r.getAttribute("class") });
  const boxes = rects.map(box);
  const inside = (b, x, y, slack) => x >= b.x - slack && x <= b.x + b.w + slack && y >= b.y - slack && y <= b.y + b.h + slack;

  // Every text fits the smallest box it starts in, and the drawing.
  const texts = [...svg.querySelectorAll("g.texts text")];
  for (const t of texts) {
    const bb = t.getBBox();
    if (bb.x < vb.x || bb.y < vb.y || bb.x + bb.width > vb.x + vb.width + 1 || bb.y + bb.height > vb.y + vb.height + 1) {
      problems.push(`text "${t.textContent}" is outside the drawing`);
    }
    const holders = boxes.filter((b) => inside(b, bb.x, bb.y + bb.height / 2, 0)).sort((a, b) => a.w * a.h - b.w * b.h);
    if (holders.length === 0) {
      problems.push(`text "${t.textContent}" is in no box`);
    } else if (bb.x + bb.width > holders[0].x + holders[0].w + 1) {
      problems.push(`text "${t.textContent}" (${px(bb.width)} wide) overflows its box "${holders[0].name}" by ${px(bb.x + bb.width - holders[0].x - holders[0].w)}`);
    }
  }

  // Boxes of the same level never overlap: VNets, tiles, outside places.
  const top = boxes.filter((b) => /\b(vnet|tile|ext)\b/.test(b.cls));
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const a = top[i], b = top[j];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        problems.push(`boxes "${a.name}" and "${b.name}" overlap`);
      }
    }
  }

  // Each failure's number sits on an outlined blocking element, links to
  // an explanation that exists, and every failure listed has a number.
  const marks = [...svg.querySelectorAll("g.failures rect.blocking")].map(box);
  const badges = [...svg.querySelectorAll("g.failures a.badge")];
  for (const a of badges) {
    const c = a.querySelector("circle");
    const x = c.cx.baseVal.value, y = c.cy.baseVal.value;
    if (!marks.some((m) => inside(m, x, y, 1))) problems.push(`badge ${a.textContent} is on no blocking element`);
    const href = a.getAttribute("href");
    if (!document.getElementById(href.slice(1))) problems.push(`badge ${a.textContent} links to a missing ${href}`);
  }
  const listed = [...document.querySelectorAll("ol.failures li a")];
  for (const a of listed) {
    if (!document.getElementById(a.getAttribute("href").slice(1))) problems.push(`failure ${a.textContent} links nowhere`);
  }
  const paths = svg.querySelectorAll("g.failures line.path");

  // The page reads without scrolling sideways; the drawing scales down.
  if (document.scrollingElement.scrollWidth > window.innerWidth + 1) {
    problems.push(`the page is ${document.scrollingElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
  }
  const out = document.createElement("pre");
  out.id = "report-check";
  out.textContent = JSON.stringify({ problems, texts: texts.length, boxes: boxes.length, badges: badges.length,
    failures: listed.length, paths: paths.length, folded: document.querySelectorAll("details").length });
  document.body.appendChild(out);
})();
