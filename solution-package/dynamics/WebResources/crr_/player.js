// Recording shell: frames the media service's player page ({service}/recordings/{recording id}) inside Dynamics.
// Opened by crr_/commands.js with data "id=<phone call id>" (Xrm.Navigation.navigateTo), or as the phone call
// form's Recording tab (the form passes ?id={phone call id}). A phone call id is turned into the recording link
// ingest wrote on the phone call (crr_recordingurl); a recording id (32 hex digits) is used as it is. Only pages
// under the media service URL (environment variable crr_MediaServiceUrl) are framed.
var crr = crr || {};
crr.player = (function () {
  "use strict";

  var RECORDING_ID = /^[0-9a-f]{32}$/;
  var ROW_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

  var xrm = crr.environment.xrm;

  // navigateTo passes ?data=id%3D...; a form web resource gets ?id={GUID}&typename=phonecall&...
  function requestedId() {
    var query = new URLSearchParams(window.location.search);
    var data = query.get("data");
    var id = data ? new URLSearchParams(data).get("id") : query.get("id");
    return (id || "").replace(/[{}]/g, "").trim();
  }

  function say(message) {
    var status = document.getElementById("status");
    status.textContent = message;
    status.hidden = false;
    document.getElementById("player").hidden = true;
  }


  function recordingLink(api, service, id) {
    if (RECORDING_ID.test(id)) {
      return Promise.resolve(service + "/recordings/" + id);
    }

    return api.retrieveRecord("phonecall", id, "?$select=crr_recordingurl")
      .then(function (row) { return row.crr_recordingurl || null; });
  }

  function show(link) {
    var frame = document.getElementById("player");
    frame.src = link;
    frame.hidden = false;
    document.getElementById("status").hidden = true;
  }

  function start() {
    var api = xrm() && xrm().WebApi;
    var id = requestedId();
    if (!api) { say("Open the recording from a phone call in Dynamics 365."); return; }
    if (!RECORDING_ID.test(id) && !ROW_ID.test(id)) { say("Save the phone call first: there is no recording to play yet."); return; }
    crr.environment.mediaService(api)
      .then(function (service) {
        if (!service) {
          say("The media service URL (crr_MediaServiceUrl) is not set; ask an administrator.");
          return null;
        }

        return recordingLink(api, service, id).then(function (link) {
          if (!link) {
            say("No recording is stored for this call (yet). It appears here once the call has ended and the audio is stored.");
          } else if (link.indexOf(service + "/recordings/") !== 0) {
            say("The recording link does not point at this organization's media service, so it is not opened.");
          } else {
            show(link);
          }
        });
      })
      .catch(function (error) { say("Could not open the recording: " + error.message); });
  }

  return { start: start };
}());
