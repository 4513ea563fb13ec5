// What the product's web resources share: the Xrm of the page (or of the form that framed it) and the media
// service's address from the solution's environment variable crr_MediaServiceUrl.
var crr = crr || {};
crr.environment = (function () {
  "use strict";

  function xrm() {
    return window.Xrm || (window.parent && window.parent.Xrm);
  }

  // The environment variable's current value wins over its default; both may be empty until an admin sets them.
  // Resolves to the URL without a trailing slash, or null.
  function mediaService(api) {
    return api.retrieveMultipleRecords("environmentvariabledefinition",
      "?$select=defaultvalue&$filter=schemaname eq 'crr_MediaServiceUrl'&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)")
      .then(function (result) {
        var definition = result.entities[0];
        if (!definition) { return null; }
        var values = definition.environmentvariabledefinition_environmentvariablevalue || [];
        var url = (values[0] && values[0].value) || definition.defaultvalue || null;
        return url ? url.replace(/\/+$/, "") : null;
      });
  }

  return { xrm: xrm, mediaService: mediaService };
}());
