// The console's Teams tab: asks Teams for the signed-in user's token (Teams single sign-on) and submits it with the
// page's form; the server checks it and answers with the overview, the 403 page or the reason it was refused.
// Loaded only by /console/tab, after the Teams JavaScript client. No inline script: the page's CSP forbids them.
(function () {
  "use strict";
  var NOT_IN_TEAMS = "This page is the console's tab in Microsoft Teams. Open HPS Companion in Teams and choose Console, or open the console in your browser.";
  var CONSENT = "Your organisation has not yet allowed the console to use your Teams sign-in. Ask your Teams administrator to grant consent for HPS Companion, or open the console in your browser.";
  var finished = false;

  function fail(why) {
    if (finished) { return; }
    finished = true;
    var status = document.getElementById("tab-status");
    if (status) { status.hidden = true; }
    document.getElementById("tab-why").textContent = why;
    document.getElementById("tab-failed").hidden = false;
  }

  function describe(error) {
    var text = String(error && error.message ? error.message : error || "");
    if (/consent|invalid_grant/i.test(text)) { return CONSENT; }
    if (/timed out|no parent window|not initialized|initialization failed/i.test(text)) { return NOT_IN_TEAMS; }
    return "Teams could not sign you in to the console (" + (text.length > 80 ? text.substring(0, 80) : text || "no reason given") + ").";
  }

  function start() {
    var form = document.getElementById("tab-sign-in");
    if (!form) { return; }
    if (typeof microsoftTeams === "undefined") { fail("The Teams client library did not load. Please reload the tab."); return; }
    if (window.parent === window && !window.opener) { fail(NOT_IN_TEAMS); return; }
    var timer = window.setTimeout(function () { fail(NOT_IN_TEAMS); }, 15000);
    microsoftTeams.app.initialize()
      .then(function () { return microsoftTeams.authentication.getAuthToken(); })
      .then(function (token) {
        window.clearTimeout(timer);
        if (finished) { return; }
        finished = true;
        form.elements.token.value = token;
        form.submit();
      })
      .catch(function (error) {
        window.clearTimeout(timer);
        fail(describe(error));
      });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
