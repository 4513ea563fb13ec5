// Form command script for contact, lead and phone call forms (bind the functions to command bar
// buttons; primaryControl is the form context the command designer passes as the first parameter).
var crr = crr || {};
crr.commands = (function () {
  "use strict";

  var PANE_ID = "crr_recording";

  function customerOf(formContext) {
    var table = formContext.data.entity.getEntityName();
    if (table === "contact" || table === "lead") {
      return { table: table, id: formContext.data.entity.getId().replace(/[{}]/g, "") };
    }
    var to = formContext.getAttribute("to") && formContext.getAttribute("to").getValue();
    var party = (to || []).filter(function (p) { return p.entityType === "contact" || p.entityType === "lead"; })[0];
    if (party) { return { table: party.entityType, id: party.id.replace(/[{}]/g, "") }; }
    var regarding = formContext.getAttribute("regardingobjectid") && formContext.getAttribute("regardingobjectid").getValue();
    if (regarding && regarding[0] && (regarding[0].entityType === "contact" || regarding[0].entityType === "lead")) {
      return { table: regarding[0].entityType, id: regarding[0].id.replace(/[{}]/g, "") };
    }
    return null;
  }

  // "Recording decision": opens the dialer side pane for the customer on this form.
  function showDecision(primaryControl) {
    var customer = customerOf(primaryControl);
    if (!customer) {
      Xrm.Navigation.openAlertDialog({ text: "Add the contact or lead you are calling first." });
      return;
    }
    var existing = Xrm.App.sidePanes.getPane(PANE_ID);
    if (existing) { existing.close(); }
    Xrm.App.sidePanes.createPane({ title: "Call recording", paneId: PANE_ID, canClose: true, width: 360 })
      .then(function (pane) {
        pane.navigate({ pageType: "webresource", webresourceName: "crr_/dialer.html", data: customer.table + "|" + customer.id });
      });
  }

  // "Record this call" on a phone call: ticks crr_recordingrequested and saves; the recording gate
  // step refuses the save, with the reason, when the consent rules forbid recording.
  function requestRecording(primaryControl) {
    var requested = primaryControl.getAttribute("crr_recordingrequested");
    if (!requested) { return; }
    requested.setValue(true);
    primaryControl.data.save().catch(function (error) {
      requested.setValue(false);
      Xrm.Navigation.openAlertDialog({ text: error.message });
    });
  }

  // Enable rule for "Record this call": only on phone calls that are not already being recorded.
  function canRequestRecording(primaryControl) {
    var requested = primaryControl.getAttribute("crr_recordingrequested");
    return !!requested && requested.getValue() !== true;
  }

  // "Play recording" on a phone call: opens the player in a side dialog, through the crr_/player.html shell that
  // frames the media service's player page for this phone call's recording link.
  function openRecording(primaryControl) {
    var id = primaryControl.data.entity.getId().replace(/[{}]/g, "");
    return Xrm.Navigation.navigateTo(
      { pageType: "webresource", webresourceName: "crr_/player.html", data: "id=" + id },
      { target: 2, position: 2, width: { value: 40, unit: "%" }, title: "Recording" });
  }

  // Enable rule for "Play recording": only once ingest has written the recording link onto the phone call.
  function canOpenRecording(primaryControl) {
    var link = primaryControl.getAttribute("crr_recordingurl");
    return !!link && !!link.getValue();
  }

  return {
    showDecision: showDecision,
    requestRecording: requestRecording,
    canRequestRecording: canRequestRecording,
    openRecording: openRecording,
    canOpenRecording: canOpenRecording,
  };
}());
