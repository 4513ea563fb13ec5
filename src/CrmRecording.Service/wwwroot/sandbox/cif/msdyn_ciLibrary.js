// A stand-in for Dynamics 365's Channel Integration Framework 1.0 widget library (msdyn_ciLibrary.js), served by the
// sandbox (and the browser tests' fake CRM) at the path the org serves the real one from. It gives the dialer the
// same API shape: Microsoft.CIFramework.addHandler / setMode / setWidth / searchAndOpenRecords / getEnvironment ...,
// each returning a Promise, and the window event CIFInitDone once the host page answers. It talks to the host page
// (cif-host.js) over postMessage, to and from the exact org origin named in data-crmurl, as the real library does.
(function () {
  "use strict";
  var script = document.currentScript;
  var crmUrl = script && script.getAttribute("data-crmurl");
  if (!crmUrl) {
    throw new Error("msdyn_ciLibrary.js needs data-crmurl (the org's URL).");
  }

  var crmOrigin = new URL(crmUrl).origin;
  var handlers = Object.create(null);
  var pending = new Map();
  var nextId = 1;

  function send(message) {
    message.cif = "1.0";
    window.parent.postMessage(message, crmOrigin);
  }

  function request(method, args) {
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      pending.set(id, { resolve: resolve, reject: reject });
      send({ kind: "request", id: id, method: method, args: args });
    });
  }

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (event.origin !== crmOrigin || event.source !== window.parent || !message || message.cif !== "1.0") {
      return;
    }

    if (message.kind === "ready") {
      window.dispatchEvent(new CustomEvent("CIFInitDone"));
    } else if (message.kind === "response" && pending.has(message.id)) {
      var waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) {
        waiter.resolve(message.value);
      } else {
        waiter.reject(new Error(message.error));
      }
    } else if (message.kind === "event") {
      var handler = handlers[String(message.name).toLowerCase()];
      var outcome = handler
        ? Promise.resolve().then(function () { return handler(message.data); })
        : Promise.reject(new Error("no handler for " + message.name));
      outcome.then(
        function () { send({ kind: "event-result", id: message.id, ok: true }); },
        function (error) { send({ kind: "event-result", id: message.id, ok: false, error: String(error && error.message || error) }); });
    }
  });

  function api(method) {
    return function () { return request(method, Array.prototype.slice.call(arguments)); };
  }

  window.Microsoft = window.Microsoft || {};
  window.Microsoft.CIFramework = {
    addHandler: function (eventName, handler) {
      if (typeof handler !== "function") {
        return Promise.reject(new Error("addHandler needs a function"));
      }

      handlers[String(eventName).toLowerCase()] = handler;
      return request("addHandler", [eventName]);
    },
    removeHandler: function (eventName) {
      delete handlers[String(eventName).toLowerCase()];
      return request("removeHandler", [eventName]);
    },
    setMode: api("setMode"),
    getMode: api("getMode"),
    setWidth: api("setWidth"),
    getWidth: api("getWidth"),
    searchAndOpenRecords: api("searchAndOpenRecords"),
    getEnvironment: api("getEnvironment"),
    setClickToAct: api("setClickToAct"),
  };

  send({ kind: "hello" });
})();
