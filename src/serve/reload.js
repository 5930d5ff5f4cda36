(function () {
  "use strict";
  var me = document.currentScript && document.currentScript.src;
  var seen = me ? Number(new URL(me).searchParams.get("v")) : null;
  var overlay = null;
  // Filled in by the server in the preview's language.
  var HEADING = "__JIANXUN_HEADING__";
  var HINT = "__JIANXUN_HINT__";
  function hideOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
  function showOverlay(errors) {
    hideOverlay();
    overlay = document.createElement("div");
    overlay.id = "jianxun-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;font:15px/1.6 ui-monospace,Menlo,Consolas,monospace;padding:24px";
    var h = document.createElement("h2");
    h.textContent = HEADING.replace("{0}", String(errors.length));
    h.style.cssText = "margin:0 0 16px;font-size:18px;color:#ffb4ab";
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var item = document.createElement("div");
      item.className = "jianxun-error";
      item.style.cssText = "margin:0 0 14px;padding:10px 12px;border-left:4px solid #ff5449;background:rgba(255,255,255,.06);white-space:pre-wrap";
      var loc = document.createElement("div");
      loc.className = "jianxun-error-location";
      loc.textContent = e.location;
      loc.style.color = "#ffb4ab";
      var msg = document.createElement("div");
      msg.className = "jianxun-error-message";
      msg.textContent = e.message;
      item.appendChild(loc);
      item.appendChild(msg);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.textContent = HINT + e.hint;
        hint.style.color = "#c8e6c9";
        item.appendChild(hint);
      }
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }
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
