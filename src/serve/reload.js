(function () {
  "use strict";
  var me = document.currentScript && document.currentScript.src;
  var seen = me ? Number(new URL(me).searchParams.get("v")) : null;
  var overlay = null;
  // Filled in by the server in the preview's language.
  var HEADING = "__JIANXUN_HEADING__";
  var HINT = "__JIANXUN_HINT__";
  var CLOSE = "__JIANXUN_CLOSE__";
  var RED = "#ff5449";
  function hideOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
  // Every text goes in with textContent: nothing in a message becomes markup.
  function el(tag, cls, text, css) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (css) { e.style.cssText = css; }
    return e;
  }
  // The line as the terminal shows it: number, text, and under the marked
  // characters a bar laid under an invisible copy of the text before them,
  // so it sits under the right characters whatever widths the font gives
  // Chinese ones. Long lines scroll inside their box, not the page.
  function sourceBox(src) {
    var box = el("div", "jianxun-error-source", null,
      "margin:8px 0;padding:8px 10px;background:rgba(0,0,0,.35);border-radius:4px;overflow-x:auto;max-width:100%;box-sizing:border-box;" +
      "font:14px/1.7 ui-monospace,Menlo,Consolas,'Noto Sans Mono CJK SC',monospace;white-space:pre");
    var gutter = String(src.number) + " | ";
    var code = el("div", "jianxun-error-code");
    code.appendChild(el("span", "jianxun-error-gutter", gutter, "color:#9e9e9e"));
    code.appendChild(el("span", null, src.before));
    code.appendChild(el("span", "jianxun-error-mark", src.marked, "color:#ffdad6;background:rgba(255,84,73,.3)"));
    code.appendChild(el("span", null, src.after));
    var under = el("div", "jianxun-error-underline", null, "line-height:1");
    under.setAttribute("aria-hidden", "true");
    under.appendChild(el("span", null, gutter, "visibility:hidden"));
    under.appendChild(el("span", null, src.before, "visibility:hidden"));
    under.appendChild(el("span", "jianxun-error-carets", src.marked,
      "color:transparent;display:inline-block;height:0;border-top:3px solid " + RED));
    box.appendChild(code);
    box.appendChild(under);
    // The terminal's carets, for copying and for screen readers.
    box.title = src.carets;
    return box;
  }
  function showOverlay(errors) {
    hideOverlay();
    overlay = el("div", null, null,
      "position:fixed;inset:0;z-index:2147483647;overflow-y:auto;overflow-x:hidden;box-sizing:border-box;background:rgba(24,4,4,.98);color:#fff;" +
      "font:15px/1.6 system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;padding:16px max(12px,3vw)");
    overlay.id = "jianxun-error-overlay";
    overlay.setAttribute("role", "alert");
    var bar = el("div", null, null, "display:flex;align-items:flex-start;gap:12px;margin:0 0 12px");
    bar.appendChild(el("h2", null, HEADING.replace("{0}", String(errors.length)),
      "flex:1;margin:0;font-size:18px;color:#ffb4ab;overflow-wrap:anywhere"));
    var close = el("button", "jianxun-error-close", "\u00d7",
      "flex:none;min-width:44px;min-height:44px;font-size:26px;line-height:1;color:#fff;background:rgba(255,255,255,.12);border:1px solid rgba(255,255,255,.4);border-radius:6px;cursor:pointer");
    close.type = "button";
    close.title = CLOSE;
    close.setAttribute("aria-label", CLOSE);
    close.addEventListener("click", hideOverlay);
    bar.appendChild(close);
    overlay.appendChild(bar);
    errors.forEach(function (e) {
      var item = el("div", "jianxun-error", null,
        "margin:0 0 14px;padding:10px 12px;border-left:4px solid " + RED + ";background:rgba(255,255,255,.06);min-width:0");
      var wrap = "white-space:pre-wrap;overflow-wrap:anywhere";
      item.appendChild(el("div", "jianxun-error-location", e.location,
        "color:#ffb4ab;font-family:ui-monospace,Menlo,Consolas,monospace;" + wrap));
      item.appendChild(el("div", "jianxun-error-message", e.message, wrap));
      if (e.source) { item.appendChild(sourceBox(e.source)); }
      if (e.hint) { item.appendChild(el("div", "jianxun-error-hint", HINT + e.hint, "color:#c8e6c9;" + wrap)); }
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { hideOverlay(); } });
  function swapCss() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (l) {
      var url = new URL(l.href);
      url.searchParams.set("v", String(Date.now()));
      var fresh = l.cloneNode();
      fresh.href = url.toString();
      fresh.onload = function () { l.remove(); };
      l.parentNode.insertBefore(fresh, l.nextSibling);
    });
  }
  function data(ev) { try { return JSON.parse(ev.data); } catch (e) { return {}; } }
  function connect() {
    var es = new EventSource("/__jianxun/events");
    es.addEventListener("reload", function (ev) {
      var d = data(ev);
      if (seen === null) { seen = d.version; hideOverlay(); return; }
      if (d.version === seen) { return; }
      seen = d.version;
      if (d.path && d.path !== location.pathname) { location.href = d.path; } else { location.reload(); }
    });
    es.addEventListener("css", function (ev) {
      var d = data(ev);
      if (seen === null) { seen = d.version; return; }
      if (d.version === seen) { return; }
      seen = d.version;
      hideOverlay();
      swapCss();
    });
    es.addEventListener("errors", function (ev) {
      var d = data(ev);
      if (seen === null) { seen = d.version; }
      showOverlay(d.errors || []);
    });
    // EventSource reconnects by itself; a restarted server sends a new version, which reloads.
  }
  connect();
})();
