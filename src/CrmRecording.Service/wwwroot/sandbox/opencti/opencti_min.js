// A stand-in for Salesforce's Open CTI library for Lightning (opencti_min.js), served by the sandbox (and the browser
// tests' fake Lightning host) at the path Lightning serves the real one from. Same API shape: sforce.opencti.METHOD({
// ..., callback }) answering { success, returnValue, errors }, onClickToDial({ listener }) with the documented payload
// (number, recordId, recordName, objectType, ...), SCREENPOP_TYPE. It talks to the Lightning page (opencti-host.js)
// over postMessage, only to and from the origin Salesforce names in the softphone URL's sfdcIframeOrigin parameter.
(function () {
  "use strict";
  var origin = new URLSearchParams(window.location.search).get("sfdcIframeOrigin");
  if (!origin) {
    throw new Error("opencti_min.js runs in the softphone frame Salesforce opens with ?sfdcIframeOrigin=");
  }

  var parentOrigin = new URL(origin).origin;
  var pending = new Map();
  var listeners = Object.create(null);
  var nextId = 1;

  function send(message) {
    message.opencti = "1";
    window.parent.postMessage(message, parentOrigin);
  }

  function request(method) {
    return function (args) {
      args = args || {};
      var callback = typeof args.callback === "function" ? args.callback : function () {};
      var plain = {};
      Object.keys(args).forEach(function (key) { if (key !== "callback") plain[key] = args[key]; });
      var id = nextId++;
      pending.set(id, callback);
      send({ kind: "request", id: id, method: method, args: plain });
    };
  }

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (event.origin !== parentOrigin || event.source !== window.parent || !message || message.opencti !== "1") {
      return;
    }

    if (message.kind === "response" && pending.has(message.id)) {
      var callback = pending.get(message.id);
      pending.delete(message.id);
      callback(message.result);
    } else if (message.kind === "event" && typeof listeners[message.name] === "function") {
      listeners[message.name](message.payload);
    }
  });

  window.sforce = window.sforce || {};
  window.sforce.opencti = {
    SCREENPOP_TYPE: { URL: "url", SOBJECT: "sobject", OBJECTHOME: "objecthome", LIST: "list", SEARCH: "search", NEW_RECORD_MODAL: "newRecord", FLOW: "flow" },
    onClickToDial: function (args) {
      listeners.onClickToDial = args && args.listener;
    },
    onNavigationChange: function (args) {
      listeners.onNavigationChange = args && args.listener;
    },
    enableClickToDial: request("enableClickToDial"),
    disableClickToDial: request("disableClickToDial"),
    setSoftphonePanelVisibility: request("setSoftphonePanelVisibility"),
    isSoftphonePanelVisible: request("isSoftphonePanelVisible"),
    setSoftphonePanelHeight: request("setSoftphonePanelHeight"),
    setSoftphonePanelWidth: request("setSoftphonePanelWidth"),
    screenPop: request("screenPop"),
    searchAndScreenPop: request("searchAndScreenPop"),
    getAppViewInfo: request("getAppViewInfo"),
    getCallCenterSettings: request("getCallCenterSettings"),
    notifyInitializationComplete: request("notifyInitializationComplete"),
    refreshView: request("refreshView"),
    saveLog: request("saveLog"),
  };
})();
