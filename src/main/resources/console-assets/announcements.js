// The Announcements pages: the compose form's live card preview (drawn by the Adaptive Cards renderer from the card
// JSON the bot itself would send, fetched from the server), the schedule fields shown only when wanted, and forms that
// submit once however often their button is pressed. No inline script: the page's content security policy forbids it.
(function () {
  "use strict";

  // What Teams supports of Markdown in a card's TextBlock: bold, italic, links, lists, paragraphs and line breaks.
  // Everything is escaped first, so the programme team's text can never become markup.
  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  function inline(text) {
    var parts = [];
    var link = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
    var last = 0, m;
    while ((m = link.exec(text)) !== null) {
      parts.push(emphasis(text.slice(last, m.index)));
      parts.push('<a href="' + m[2] + '" target="_blank" rel="noopener noreferrer">' + emphasis(m[1]) + "</a>");
      last = link.lastIndex;
    }
    parts.push(emphasis(text.slice(last)));
    return parts.join("");
  }
  function emphasis(text) {
    return text.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[^\w])_(.+?)_(?=$|[^\w])/g, "$1<em>$2</em>")
      .replace(/\*(.+?)\*/g, "<em>$1</em>");
  }
  function teamsMarkdown(source) {
    var blocks = escape(source.replace(/\r\n?/g, "\n")).split(/\n\s*\n/);
    return blocks.map(function (block) {
      var lines = block.split("\n").filter(function (l) { return l.trim() !== ""; });
      if (lines.length === 0) { return ""; }
      if (lines.every(function (l) { return /^\s*[-*] /.test(l); })) {
        return "<ul>" + lines.map(function (l) { return "<li>" + inline(l.replace(/^\s*[-*] /, "")) + "</li>"; }).join("") + "</ul>";
      }
      if (lines.every(function (l) { return /^\s*\d+\. /.test(l); })) {
        return "<ol>" + lines.map(function (l) { return "<li>" + inline(l.replace(/^\s*\d+\. /, "")) + "</li>"; }).join("") + "</ol>";
      }
      return "<p>" + lines.map(inline).join("<br>") + "</p>";
    }).join("");
  }

  // Close to Teams' light theme.
  var HOST = {
    fontFamily: "'Segoe UI', system-ui, -apple-system, Arial, sans-serif",
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    containerStyles: {
      "default": { backgroundColor: "#FFFFFF", foregroundColors: {
        "default": { "default": "#242424", subtle: "#616161" }, good: { "default": "#237B4B", subtle: "#237B4B" },
        accent: { "default": "#5B5FC7", subtle: "#5B5FC7" }, attention: { "default": "#C4314B", subtle: "#C4314B" } } }
    },
    actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: "horizontal", actionAlignment: "left", showCard: { actionMode: "inline" } }
  };

  function draw(container, json) {
    var card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(HOST);
    card.onExecuteAction = function () { /* a preview's buttons do nothing */ };
    card.parse(json);
    var rendered = card.render();
    container.replaceChildren(rendered);
    container.setAttribute("data-drawn", "true");
  }

  function preview(form) {
    var container = document.getElementById("card-preview");
    if (!container || typeof AdaptiveCards === "undefined") { return; }
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
      result.outputHtml = teamsMarkdown(text);
      result.didProcess = true;
    };
    var timer = null, asked = 0;
    function refresh() {
      var ask = ++asked;
      var data = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute("data-card-url"), {
        method: "POST", credentials: "same-origin", body: data,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": data.get("_csrf") || "" }
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (json) {
        if (json && ask === asked) { draw(container, json); }
      }).catch(function () { /* the preview stays as it was */ });
    }
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    form.addEventListener("change", refresh);
    refresh();
  }

  function schedule(form) {
    var later = form.querySelector("#when-later");
    var fields = form.querySelector("#schedule");
    if (!later || !fields) { return; }
    function show() { fields.hidden = !later.checked; }
    Array.prototype.forEach.call(form.querySelectorAll("input[name=when]"), function (r) { r.addEventListener("change", show); });
    show();
  }

  // A second press (a double click) while the first is on its way is ignored; the server refuses a repeat anyway.
  function once(form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-submitted") === "true") {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-submitted", "true");
    });
    // coming back with the browser's Back button restores the page as it was left: let the form be sent again
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { form.removeAttribute("data-submitted"); }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-once]"), once);
    var compose = document.getElementById("compose-form");
    if (compose) {
      schedule(compose);
      preview(compose);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
