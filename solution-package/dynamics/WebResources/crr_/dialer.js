// Dialer side pane: shows the recording decision enrichment stored on the contact or lead the rep is
// about to call, and why. Opened by crr_/commands.js with data "<table>|<id>", or directly with
// ?data=contact|<id>. Reads only crr_ columns through Xrm.WebApi; never records anything itself.
var crr = crr || {};
crr.dialer = (function () {
  "use strict";

  var DO_NOT_RECORD = 107340003; // crr_recordingdecision: do-not-record
  var FORMATTED = "@OData.Community.Display.V1.FormattedValue";
  var COLUMNS = "crr_recordingdecision,crr_decisionreasons,crr_consentstatus,crr_consentdate,crr_consentmethod,crr_donotrecord,crr_jurisdictions,crr_rulesversion";

  var xrm = crr.environment.xrm;

  function target() {
    var query = new URLSearchParams(window.location.search);
    var data = query.get("data") || "";
    var parts = decodeURIComponent(data).split("|");
    if (parts.length === 2 && (parts[0] === "contact" || parts[0] === "lead") && /^[0-9a-fA-F-]{36}$/.test(parts[1].replace(/[{}]/g, ""))) {
      return { table: parts[0], id: parts[1].replace(/[{}]/g, "") };
    }
    return null;
  }

  function text(id, value) {
    document.getElementById(id).textContent = value || "—";
  }

  function show(row) {
    var decision = row["crr_recordingdecision" + FORMATTED] || "Not decided yet";
    var element = document.getElementById("decision");
    element.textContent = decision;
    element.className = row.crr_recordingdecision === DO_NOT_RECORD || row.crr_donotrecord ? "decision block" : "decision";
    text("reasons", (row.crr_decisionreasons || "").split(" | ").join("\n"));
    var consent = row["crr_consentstatus" + FORMATTED] || "Unknown";
    if (row.crr_consentdate) { consent += " on " + row.crr_consentdate; }
    if (row.crr_consentmethod) { consent += " (" + row.crr_consentmethod + ")"; }
    if (row.crr_donotrecord) { consent += " — flagged do-not-record"; }
    text("consent", consent);
    text("jurisdictions", row.crr_jurisdictions);
    text("rules", row.crr_rulesversion);
    document.getElementById("status").hidden = true;
    document.getElementById("details").hidden = false;
  }

  function fail(message) {
    text("status", message);
  }


  function start() {
    var api = xrm() && xrm().WebApi;
    var row = target();
    if (!api) { fail("Open this pane from Dynamics 365."); return; }
    if (!row) { fail("Open a contact or lead to see whether its calls may be recorded."); return; }
    api.retrieveRecord(row.table, row.id, "?$select=" + COLUMNS)
      .then(show)
      .catch(function (error) { fail("Could not read the " + row.table + ": " + error.message); });
    crr.environment.mediaService(api)
      .then(function (url) { text("service", url ? "Media service: " + url : "The media service URL (crr_MediaServiceUrl) is not set; ask an administrator."); })
      .catch(function () { text("service", ""); });
  }

  return { start: start };
}());
