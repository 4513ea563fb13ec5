// The org's CIF library raises CIFInitDone once it can talk to the CRM, which may be before the page's modules run:
// this classic script, loaded just before the library, keeps the moment as a promise for the host adapter.
window.crrCifReady = new Promise(function (resolve) {
  window.addEventListener("CIFInitDone", function () { resolve(); }, { once: true });
});
